/** Number and date formatting for people, through Intl. */

const count = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });
const score = new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 0 });
const ms = new Intl.NumberFormat(undefined, { style: 'unit', unit: 'millisecond', maximumFractionDigits: 0 });
const seconds = new Intl.NumberFormat(undefined, { style: 'unit', unit: 'second', maximumFractionDigits: 1 });
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const day = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });

function finite(n: number | null | undefined): n is number {
  return typeof n === 'number' && Number.isFinite(n);
}

export const formatCount = (n: number | null | undefined): string => (finite(n) ? count.format(n) : '—');
export const formatDecimal = (n: number | null | undefined): string => (finite(n) ? decimal.format(n) : '—');
export const formatScore = (n: number | null | undefined): string => (finite(n) ? score.format(n) : '—');
export const formatPercent = (fraction: number | null | undefined): string =>
  finite(fraction) ? percent.format(fraction) : '—';

/** Durations: milliseconds below ten seconds, seconds above. */
export function formatDuration(elapsedMs: number | null | undefined): string {
  if (!finite(elapsedMs)) return '—';
  return elapsedMs < 10_000 ? ms.format(elapsedMs) : seconds.format(elapsedMs / 1000);
}

export function formatDateTime(iso: string | number | Date | null | undefined): string {
  if (iso === null || iso === undefined || iso === '') return '—';
  const d = iso instanceof Date ? iso : new Date(iso);
  return Number.isNaN(d.getTime()) ? '—' : dateTime.format(d);
}

export function formatDay(iso: string | number | Date): string {
  const d = iso instanceof Date ? iso : new Date(iso);
  return Number.isNaN(d.getTime()) ? '—' : day.format(d);
}

/** A signed change such as "+3" or "−2", for before/after comparisons. */
export function formatDelta(n: number): string {
  if (n === 0) return '±0';
  return n > 0 ? `+${count.format(n)}` : `−${count.format(-n)}`;
}
