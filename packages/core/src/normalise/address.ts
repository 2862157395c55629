import { foldWords } from './text.js';

const ABBREVIATIONS: Record<string, string> = {
  street: 'st', avenue: 'ave', av: 'ave', boulevard: 'blvd', road: 'rd', drive: 'dr', lane: 'ln',
  place: 'pl', court: 'ct', parkway: 'pkwy', highway: 'hwy', square: 'sq', terrace: 'ter',
  circle: 'cir', suite: 'ste', floor: 'fl', building: 'bldg', apartment: 'apt', north: 'n',
  south: 's', east: 'e', west: 'w', northeast: 'ne', northwest: 'nw', southeast: 'se',
  southwest: 'sw', first: '1st', second: '2nd', third: '3rd', fourth: '4th', fifth: '5th',
  strasse: 'str', str: 'str', rue: 'rue', mount: 'mt', saint: 'st', fort: 'ft',
};

export interface NormalizedAddress {
  /** Folded words with common abbreviations unified (`Street` → `st`, `North` → `n`). */
  key: string;
  /** The first number in the address (house number), when there is one. */
  number?: string;
}

/** Normalises a postal address line for comparison. Undefined when nothing is left. */
export function normalizeAddress(raw: string | undefined | null): NormalizedAddress | undefined {
  if (!raw) return undefined;
  const words = foldWords(raw).map((w) => ABBREVIATIONS[w] ?? w);
  if (words.length === 0) return undefined;
  const number = words.find((w) => /^\d+[a-z]?$/.test(w));
  return number ? { key: words.join(' '), number } : { key: words.join(' ') };
}

/** Folds a free-text attribute (state, country, industry) for equality comparison. */
export function normalizeLabel(raw: string | undefined | null): string | undefined {
  if (!raw) return undefined;
  const key = foldWords(raw).join(' ');
  return key === '' ? undefined : key;
}
