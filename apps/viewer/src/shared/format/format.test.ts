import { describe, expect, it } from 'vitest';
import { formatCount, formatDelta, formatDuration, formatScore } from './format.js';

describe('format', () => {
  it('groups thousands and rounds counts', () => {
    expect(formatCount(100000)).toBe(new Intl.NumberFormat().format(100000));
    expect(formatCount(undefined)).toBe('—');
    expect(formatCount(Number.NaN)).toBe('—');
  });
  it('shows scores with two decimals', () => {
    expect(formatScore(0.5)).toBe(new Intl.NumberFormat(undefined, { minimumFractionDigits: 2 }).format(0.5));
  });
  it('shows short durations in ms and long ones in seconds', () => {
    expect(formatDuration(123.4)).toMatch(/123\s?ms/);
    expect(formatDuration(12_500)).toMatch(/12[.,]5\s?s/);
  });
  it('signs deltas', () => {
    expect(formatDelta(3)).toBe('+3');
    expect(formatDelta(-2)).toBe('−2');
    expect(formatDelta(0)).toBe('±0');
  });
});
