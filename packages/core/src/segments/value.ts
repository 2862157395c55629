import type { SegmentScalar } from '@kindred/contract';

/** A value as a condition sees it: the boolean or number a string spells, else trimmed text. */
export type SpelledValue = string | number | boolean;

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** What a raw attribute value spells: `"true"`/`"false"` (any case) are booleans, numeric text is a
 * number, other text is trimmed text; empty text, null and undefined are absent (`undefined`).
 * Values of other kinds (objects) are absent too: conditions compare scalars only. */
export function spelledValue(raw: unknown): SpelledValue | undefined {
  if (raw === null || raw === undefined) return undefined;
  if (typeof raw === 'boolean') return raw;
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : undefined;
  if (typeof raw === 'bigint') return Number(raw);
  if (typeof raw !== 'string') return undefined;
  const text = raw.trim();
  if (text === '') return undefined;
  const lower = text.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  if (NUMBER.test(text)) {
    const n = Number(text);
    if (Number.isFinite(n)) return n;
  }
  return text;
}

/** Text folded for comparison: Unicode NFKC and case fold. */
export function foldText(text: string): string {
  return text.normalize('NFKC').toLocaleLowerCase('en-US');
}

/** Equality of two spelled values: same kind and same value; text compares case-insensitively. */
export function spelledEquals(a: SpelledValue | undefined, b: SpelledValue | undefined): boolean {
  if (a === undefined || b === undefined) return false;
  if (typeof a === 'string' && typeof b === 'string') return foldText(a) === foldText(b);
  return a === b;
}

/** Orders two spelled values when they are comparable: numbers, or ISO dates (`2026-01-31`,
 * `2026-01-31T10:00:00Z`). Returns a negative, zero or positive number, or `undefined`. */
export function spelledCompare(a: SpelledValue | undefined, b: SpelledValue | undefined): number | undefined {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string' && ISO_DATE.test(a) && ISO_DATE.test(b)) {
    const ta = Date.parse(a);
    const tb = Date.parse(b);
    if (Number.isFinite(ta) && Number.isFinite(tb)) return ta - tb;
  }
  return undefined;
}

/** A condition value as written in a definition, printed for people. */
export function formatScalar(value: SegmentScalar): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}
