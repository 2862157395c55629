import { foldWords } from './text.js';

const ABBREVIATIONS: Record<string, string> = {
  street: 'st', avenue: 'ave', av: 'ave', boulevard: 'blvd', road: 'rd', drive: 'dr', lane: 'ln',
  place: 'pl', court: 'ct', parkway: 'pkwy', highway: 'hwy', square: 'sq', terrace: 'ter',
  circle: 'cir', suite: 'ste', floor: 'fl', building: 'bldg', apartment: 'apt', north: 'n',
  south: 's', east: 'e', west: 'w', northeast: 'ne', northwest: 'nw', southeast: 'se',
  southwest: 'sw', first: '1', second: '2', third: '3', fourth: '4', fifth: '5',
  strasse: 'str', str: 'str', rue: 'rue', mount: 'mt', saint: 'st', fort: 'ft',
};

export interface NormalizedAddress {
  /** Folded words with common abbreviations unified (`Street` → `st`, `North` → `n`). */
  key: string;
  /** The first number in the address (house number), when there is one. */
  number?: string;
  /** The street's own words after the house number, without directions and street types
   * (`212 S. Francisco Ave` → `francisco`). */
  street?: string;
}

const DIRECTIONS = new Set(['n', 's', 'e', 'w', 'ne', 'nw', 'se', 'sw']);
const STREET_TYPES = new Set([
  'st', 'ave', 'blvd', 'rd', 'dr', 'ln', 'pl', 'ct', 'pkwy', 'hwy', 'sq', 'ter', 'cir', 'way', 'str', 'rue',
  'ste', 'fl', 'bldg', 'apt', 'unit', 'room', 'rm',
]);

/** Normalises a postal address line for comparison. Undefined when nothing is left. */
export function normalizeAddress(raw: string | undefined | null): NormalizedAddress | undefined {
  if (!raw) return undefined;
  // Ordinals lose their suffix ("113th" → "113"), abbreviations are unified.
  const words = foldWords(raw).map((w) => ABBREVIATIONS[w] ?? w.replace(/^(\d+)(?:st|nd|rd|th)$/, '$1'));
  if (words.length === 0) return undefined;
  const at = words.findIndex((w) => /^\d+[a-z]?$/.test(w));
  const out: NormalizedAddress = { key: words.join(' ') };
  if (at < 0) return out;
  out.number = words[at];
  const street: string[] = [];
  for (let k = at + 1; k < words.length; k++) {
    const w = words[k];
    if (STREET_TYPES.has(w)) break;
    if (DIRECTIONS.has(w) && street.length === 0) continue;
    street.push(w);
  }
  if (street.length > 0) out.street = street.join(' ');
  return out;
}

/** Folds a free-text attribute (state, country, industry) for equality comparison. */
export function normalizeLabel(raw: string | undefined | null): string | undefined {
  if (!raw) return undefined;
  const key = foldWords(raw).join(' ');
  return key === '' ? undefined : key;
}
