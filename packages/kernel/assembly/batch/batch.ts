// Batch entry points over a packed pool: `codePoints` (i32) of all strings back to back and
// `offsets` (i32, n + 1). The pool is copied in by the bindings, so its code points are
// rewritten in place as dense symbol ids. One call scores a whole batch; the pattern tables
// are built once per pattern string and reused across its pairs.

import { remapToSymbols } from '../util/alphabet';
import { releaseScratch } from '../util/scratch';
import { beginScoring, scorePair } from '../metrics/score';

@inline
function startOf(offsets: usize, i: i32): i32 {
  return load<i32>(offsets + (<usize>i << 2));
}

function begin(metric: i32, kind: i32, codePoints: usize, offsets: usize, n: i32, cutoff: f64, prefixWeight: f64, q: i32): void {
  const alphabet = remapToSymbols(codePoints, startOf(offsets, n));
  beginScoring(metric, kind, cutoff, prefixWeight, q, alphabet);
}

@inline
function score(codePoints: usize, offsets: usize, i: i32, j: i32): f64 {
  const a = startOf(offsets, i);
  const b = startOf(offsets, j);
  return scorePair(
    codePoints + (<usize>a << 2),
    startOf(offsets, i + 1) - a,
    codePoints + (<usize>b << 2),
    startOf(offsets, j + 1) - b,
  );
}

/** out[k] = score(pool[left[k]], pool[right[k]]), k < count. */
export function scorePairs(
  metric: i32, kind: i32, codePoints: usize, offsets: usize, n: i32,
  left: usize, right: usize, count: i32, out: usize,
  cutoff: f64, prefixWeight: f64, q: i32,
): void {
  begin(metric, kind, codePoints, offsets, n, cutoff, prefixWeight, q);
  for (let k: i32 = 0; k < count; k++) {
    const i = load<i32>(left + (<usize>k << 2));
    const j = load<i32>(right + (<usize>k << 2));
    store<f64>(out + (<usize>k << 3), score(codePoints, offsets, i, j));
  }
  releaseScratch();
}

/** Condensed pairwise scores of pool[0..n): out[k] for i < j in row-major order. */
export function pdist(
  metric: i32, kind: i32, codePoints: usize, offsets: usize, n: i32, out: usize,
  cutoff: f64, prefixWeight: f64, q: i32,
): void {
  begin(metric, kind, codePoints, offsets, n, cutoff, prefixWeight, q);
  let k: usize = 0;
  for (let i: i32 = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      store<f64>(out + (k << 3), score(codePoints, offsets, i, j));
      k++;
    }
  }
  releaseScratch();
}

/** Row-major queries x choices, where the pool holds the nq queries then the nc choices. */
export function cdist(
  metric: i32, kind: i32, codePoints: usize, offsets: usize, nq: i32, nc: i32, out: usize,
  cutoff: f64, prefixWeight: f64, q: i32,
): void {
  begin(metric, kind, codePoints, offsets, nq + nc, cutoff, prefixWeight, q);
  let k: usize = 0;
  for (let i: i32 = 0; i < nq; i++) {
    for (let j: i32 = 0; j < nc; j++) {
      store<f64>(out + (k << 3), score(codePoints, offsets, i, nq + j));
      k++;
    }
  }
  releaseScratch();
}
