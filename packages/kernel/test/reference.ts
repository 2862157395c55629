/** Slow, obviously-correct references for the kernel's metrics: textbook dynamic programs
 * and definitions over arrays of Unicode code points. */

import type { MetricName, ScoreKind } from '../src/types.js';

export type Chars = readonly number[];

/** Code points of `s` (a lone surrogate stays one unit, as the kernel's pool keeps it). */
export function chars(s: string): number[] {
  return Array.from(s, (c) => c.codePointAt(0)!);
}

function table(rows: number, cols: number): number[][] {
  return Array.from({ length: rows }, () => new Array<number>(cols).fill(0));
}

export function levenshtein(a: Chars, b: Chars): number {
  const d = table(a.length + 1, b.length + 1);
  for (let i = 0; i <= a.length; i++) d[i][0] = i;
  for (let j = 0; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
  }
  return d[a.length][b.length];
}

/** Optimal string alignment: Levenshtein plus transposition of two adjacent characters. */
export function osa(a: Chars, b: Chars): number {
  const d = table(a.length + 1, b.length + 1);
  for (let i = 0; i <= a.length; i++) d[i][0] = i;
  for (let j = 0; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.length][b.length];
}

export function lcs(a: Chars, b: Chars): number {
  const d = table(a.length + 1, b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = a[i - 1] === b[j - 1] ? d[i - 1][j - 1] + 1 : Math.max(d[i - 1][j], d[i][j - 1]);
    }
  }
  return d[a.length][b.length];
}

export function indel(a: Chars, b: Chars): number {
  return a.length + b.length - 2 * lcs(a, b);
}

/** Jaro: characters match when equal and at most max(|a|,|b|)/2 - 1 apart, each b[j] in
 * turn taking the leftmost free match in a; transpositions are half the matched pairs that
 * differ, rounded down. */
export function jaro(a: Chars, b: Chars): number {
  if (a.length === 0 && b.length === 0) return 1;
  if (a.length === 0 || b.length === 0) return 0;
  const window = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1);
  const aUsed = new Array<boolean>(a.length).fill(false);
  const bUsed = new Array<boolean>(b.length).fill(false);
  let m = 0;
  for (let j = 0; j < b.length; j++) {
    for (let i = Math.max(0, j - window); i <= Math.min(a.length - 1, j + window); i++) {
      if (!aUsed[i] && a[i] === b[j]) {
        aUsed[i] = bUsed[j] = true;
        m++;
        break;
      }
    }
  }
  if (m === 0) return 0;
  const aMatched = a.filter((_, i) => aUsed[i]);
  const bMatched = b.filter((_, j) => bUsed[j]);
  const half = Math.floor(aMatched.filter((c, k) => c !== bMatched[k]).length / 2);
  let sim = 0;
  sim += m / a.length;
  sim += m / b.length;
  sim += (m - half) / m;
  return sim / 3;
}

export function jaroWinkler(a: Chars, b: Chars, prefixWeight = 0.1): number {
  let prefix = 0;
  while (prefix < Math.min(4, a.length, b.length) && a[prefix] === b[prefix]) prefix++;
  let sim = jaro(a, b);
  if (sim > 0.7) sim += prefix * prefixWeight * (1 - sim);
  return sim;
}

/** Jaccard of the sets of q-grams; a non-empty string shorter than q is its own gram. */
export function qgramJaccard(a: Chars, b: Chars, q = 2): number {
  if (a.length === 0 || b.length === 0) return a.length === b.length ? 1 : 0;
  const grams = (s: Chars): Set<string> => {
    if (s.length < q) return new Set([s.join(',')]);
    const out = new Set<string>();
    for (let i = 0; i + q <= s.length; i++) out.add(s.slice(i, i + q).join(','));
    return out;
  };
  const ga = grams(a);
  const gb = grams(b);
  let common = 0;
  for (const g of ga) if (gb.has(g)) common++;
  return common / (ga.size + gb.size - common);
}

export interface ReferenceOptions {
  scoreCutoff?: number;
  prefixWeight?: number;
  q?: number;
}

const EDIT: Partial<Record<MetricName, { distance: (a: Chars, b: Chars) => number; maximum: (a: Chars, b: Chars) => number }>> = {
  levenshtein: { distance: levenshtein, maximum: (a, b) => Math.max(a.length, b.length) },
  osa: { distance: osa, maximum: (a, b) => Math.max(a.length, b.length) },
  indel: { distance: indel, maximum: (a, b) => a.length + b.length },
};

/** The score of `a` and `b` in the given form, with RapidFuzz's cutoff rule: a result past
 * `scoreCutoff` is the worst score (distance: floor(cutoff) + 1 for edit distances, 1 for
 * the [0,1] distances of similarity metrics; similarities 0; normalizedDistance 1). */
export function referenceScore(metric: MetricName, kind: ScoreKind, a: string, b: string, opts: ReferenceOptions = {}): number {
  const x = chars(a);
  const y = chars(b);
  const c = opts.scoreCutoff;
  const edit = EDIT[metric];
  if (edit) {
    const d = edit.distance(x, y);
    const m = edit.maximum(x, y);
    const nd = m === 0 ? 0 : d / m;
    switch (kind) {
      case 'distance':
        return c === undefined || d <= Math.floor(c) ? d : Math.floor(c) + 1;
      case 'similarity':
        return c === undefined || m - d >= c ? m - d : 0;
      case 'normalizedDistance':
        return c === undefined || nd <= c ? nd : 1;
      case 'normalizedSimilarity':
        return c === undefined || 1 - nd >= c ? 1 - nd : 0;
    }
  }
  const s =
    metric === 'jaro' ? jaro(x, y)
    : metric === 'jaroWinkler' ? jaroWinkler(x, y, opts.prefixWeight ?? 0.1)
    : qgramJaccard(x, y, opts.q ?? 2);
  if (kind === 'similarity' || kind === 'normalizedSimilarity') return c === undefined || s >= c ? s : 0;
  return c === undefined || 1 - s <= c ? 1 - s : 1;
}
