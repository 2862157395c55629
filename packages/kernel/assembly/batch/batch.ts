// Batch entry points over a packed pool: `codePoints` (i32) of all strings back to back and
// `offsets` (i32, n + 1). The pool is copied in by the bindings, so its code points are
// rewritten in place as dense symbol ids. One call scores a whole batch; pattern tables are
// built once per pattern and reused across its pairs. With WASM SIMD, pdist and cdist score
// one string against 2, 4 or 8 short strings at once (batch/lanes); strings that are empty
// or longer than 64 code points take the scalar path.

import { remapToSymbols } from '../util/alphabet';
import { releaseScratch, scratch } from '../util/scratch';
import {
  beginScoring, editMaximum, finishEdit, finishSimilarity, metric, prefixWeight, scorePair,
  INDEL, JARO, JARO_WINKLER, LEVENSHTEIN, OSA,
} from '../metrics/score';
import {
  indelLanes, jaroLanes, jaroLanes2, laneFloats, laneFloats2, laneInts, laneInts2, laneLen, laneLens, lanePtrs,
  lanesBuild, lanesClear, lanesReset, levenshteinLanes, levenshteinLanes2, osaLanes,
} from './lanes';

const orderBuf = scratch();

/** Longest text scored in lanes (its positions are compared in 16-bit lanes by Jaro). */
const MAX_LANE_TEXT: i32 = 30000;

@inline
function startOf(offsets: usize, i: i32): i32 {
  return load<i32>(offsets + (<usize>i << 2));
}

@inline
function lengthOf(offsets: usize, i: i32): i32 {
  return startOf(offsets, i + 1) - startOf(offsets, i);
}

function begin(m: i32, kind: i32, codePoints: usize, offsets: usize, n: i32, cutoff: f64, weight: f64, q: i32): i32 {
  const alphabet = remapToSymbols(codePoints, startOf(offsets, n));
  beginScoring(m, kind, cutoff, weight, q, alphabet);
  return alphabet;
}

@inline
function score(codePoints: usize, offsets: usize, i: i32, j: i32): f64 {
  const a = startOf(offsets, i);
  const b = startOf(offsets, j);
  return scorePair(codePoints + (<usize>a << 2), startOf(offsets, i + 1) - a, codePoints + (<usize>b << 2), startOf(offsets, j + 1) - b);
}

/** Index of pair (i, j), i < j, in the condensed matrix of n items. */
@inline
function condensed(n: i32, i: i32, j: i32): usize {
  return <usize>(<i64>i * <i64>n - ((<i64>i * <i64>(i + 1)) >> 1) + <i64>(j - i - 1));
}

// ---- SIMD lanes ------------------------------------------------------------------------

/** Lane class of a string: 0 (16-bit lanes), 1 (32-bit), 2 (64-bit), 3 (scalar path). */
@inline
function laneClass(len: i32): i32 {
  if (len == 0 || len > 64) return 3;
  return len <= 16 ? 0 : len <= 32 ? 1 : 2;
}

@inline
function lanesSupported(): bool {
  return ASC_FEATURE_SIMD && (metric == LEVENSHTEIN || metric == OSA || metric == INDEL || metric == JARO || metric == JARO_WINKLER);
}

// Class boundaries (5 i32) and fill cursors (4 i32) for orderByClass, in static memory so
// that a batch makes no managed allocation between the heap blocks it frees.
const bounds: usize = memory.data(20, 4);
const cursors: usize = memory.data(16, 4);

@inline
function bound(c: i32): i32 {
  return load<i32>(bounds + (<usize>c << 2));
}

/** Orders the pool strings [from, to) by lane class (then by index) into the returned
 * array; class c occupies [bound(c), bound(c + 1)). */
function orderByClass(offsets: usize, from: i32, to: i32): usize {
  const order = orderBuf.get(<usize>max(to - from, 1) << 2);
  memory.fill(bounds, 0, 20);
  for (let j = from; j < to; j++) {
    const slot = bounds + (<usize>(laneClass(lengthOf(offsets, j)) + 1) << 2);
    store<i32>(slot, load<i32>(slot) + 1);
  }
  for (let c: i32 = 1; c < 5; c++) store<i32>(bounds + (<usize>c << 2), bound(c) + bound(c - 1));
  memory.copy(cursors, bounds, 16);
  for (let j = from; j < to; j++) {
    const slot = cursors + (<usize>laneClass(lengthOf(offsets, j)) << 2);
    const at = load<i32>(slot);
    store<i32>(order + (<usize>at << 2), j);
    store<i32>(slot, at + 1);
  }
  return order;
}

@inline
function computeLanes<T>(t: usize, tlen: i32, lanes: i32): void {
  if (metric == LEVENSHTEIN) levenshteinLanes<T>(t, tlen, lanes);
  else if (metric == OSA) osaLanes<T>(t, tlen, lanes);
  else if (metric == INDEL) indelLanes<T>(t, tlen, lanes);
  else jaroLanes<T>(t, tlen, lanes, metric == JARO_WINKLER, prefixWeight);
}

@inline
function laneScore(l: i32, tlen: i32): f64 {
  if (metric <= INDEL) return finishEdit(load<i32>(laneInts + (<usize>l << 2)), editMaximum(laneLen(l), tlen));
  return finishSimilarity(load<f64>(laneFloats + (<usize>l << 3)));
}

/** Loads the group order[g .. g + lanes) into the lanes; returns the largest index. */
function loadGroup<T>(codePoints: usize, offsets: usize, order: usize, g: i32, lanes: i32, indexBase: i32): i32 {
  let largest: i32 = -1;
  for (let l: i32 = 0; l < lanes; l++) {
    const j = load<i32>(order + (<usize>(g + l) << 2));
    const k = indexBase + j;
    store<usize>(lanePtrs + (<usize>l << alignof<usize>()), codePoints + (<usize>startOf(offsets, k) << 2));
    store<i32>(laneLens + (<usize>l << 2), lengthOf(offsets, k));
    largest = max(largest, j);
  }
  lanesBuild<T>(lanes);
  return largest;
}

/** Whether the metric scores two texts per step (pairwise), for more instruction-level
 * parallelism. */
@inline
function pairwiseLanes(): bool {
  return metric == LEVENSHTEIN || metric == JARO || metric == JARO_WINKLER;
}

/** Scores text i (and text i2 when i2 >= 0, pairwise metrics only) against the lanes. */
@inline
function laneTexts<T>(codePoints: usize, offsets: usize, i: i32, i2: i32, lanes: i32): void {
  const t1 = codePoints + (<usize>startOf(offsets, i) << 2);
  if (i2 < 0) {
    computeLanes<T>(t1, lengthOf(offsets, i), lanes);
    return;
  }
  const t2 = codePoints + (<usize>startOf(offsets, i2) << 2);
  if (metric == LEVENSHTEIN) levenshteinLanes2<T>(t1, lengthOf(offsets, i), t2, lengthOf(offsets, i2), lanes);
  else jaroLanes2<T>(t1, lengthOf(offsets, i), t2, lengthOf(offsets, i2), lanes, metric == JARO_WINKLER, prefixWeight);
}

/** Lane l's score for the text of length tlen, from the first or second result set. */
@inline
function laneResult(l: i32, tlen: i32, second: bool): f64 {
  if (!second) return laneScore(l, tlen);
  if (metric <= INDEL) return finishEdit(load<i32>(laneInts2 + (<usize>l << 2)), editMaximum(laneLen(l), tlen));
  return finishSimilarity(load<f64>(laneFloats2 + (<usize>l << 3)));
}

/** Writes pdist scores of text i against the lanes (pairs with j > i only). */
@inline
function emitPdist(codePoints: usize, offsets: usize, n: i32, order: usize, g: i32, lanes: i32, i: i32, out: usize, base: usize, fits: bool, second: bool): void {
  const tlen = lengthOf(offsets, i);
  // pair (i, j) is at row + j in the output
  const row = out + ((condensed(n, i, i + 1) - base - <usize>(i + 1)) << 3);
  for (let l: i32 = 0; l < lanes; l++) {
    const j = load<i32>(order + (<usize>(g + l) << 2));
    if (j <= i) continue;
    store<f64>(row + (<usize>j << 3), fits ? laneResult(l, tlen, second) : score(codePoints, offsets, i, j));
  }
}

/** pdist rows [rowStart, rowEnd) against the lane strings order[from, to) of one class. */
function pdistLanes<T>(codePoints: usize, offsets: usize, n: i32, order: usize, from: i32, to: i32, rowStart: i32, rowEnd: i32, out: usize, base: usize): void {
  const width = 16 / <i32>sizeof<T>();
  const pairwise = pairwiseLanes();
  for (let g = from; g < to; g += width) {
    const lanes = min(width, to - g);
    const largest = loadGroup<T>(codePoints, offsets, order, g, lanes, 0);
    const end = min(rowEnd, largest);
    let i = rowStart;
    if (pairwise) {
      for (; i + 1 < end; i += 2) {
        const fits = lengthOf(offsets, i) <= MAX_LANE_TEXT && lengthOf(offsets, i + 1) <= MAX_LANE_TEXT;
        if (fits) laneTexts<T>(codePoints, offsets, i, i + 1, lanes);
        emitPdist(codePoints, offsets, n, order, g, lanes, i, out, base, fits, false);
        emitPdist(codePoints, offsets, n, order, g, lanes, i + 1, out, base, fits, true);
      }
    }
    for (; i < end; i++) {
      const fits = lengthOf(offsets, i) <= MAX_LANE_TEXT;
      if (fits) laneTexts<T>(codePoints, offsets, i, -1, lanes);
      emitPdist(codePoints, offsets, n, order, g, lanes, i, out, base, fits, false);
    }
    lanesClear(lanes);
  }
}

/** Writes cdist scores of query i against the lanes. */
@inline
function emitCdist(codePoints: usize, offsets: usize, nq: i32, nc: i32, order: usize, g: i32, lanes: i32, i: i32, out: usize, fits: bool, second: bool): void {
  const tlen = lengthOf(offsets, i);
  const row = out + ((<usize>i * <usize>nc) << 3);
  for (let l: i32 = 0; l < lanes; l++) {
    const j = load<i32>(order + (<usize>(g + l) << 2));
    store<f64>(row + (<usize>j << 3), fits ? laneResult(l, tlen, second) : score(codePoints, offsets, i, nq + j));
  }
}

/** cdist rows (all queries) against the lane choices order[from, to) of one class. */
function cdistLanes<T>(codePoints: usize, offsets: usize, nq: i32, nc: i32, order: usize, from: i32, to: i32, out: usize): void {
  const width = 16 / <i32>sizeof<T>();
  const pairwise = pairwiseLanes();
  for (let g = from; g < to; g += width) {
    const lanes = min(width, to - g);
    loadGroup<T>(codePoints, offsets, order, g, lanes, nq);
    let i: i32 = 0;
    if (pairwise) {
      for (; i + 1 < nq; i += 2) {
        const fits = lengthOf(offsets, i) <= MAX_LANE_TEXT && lengthOf(offsets, i + 1) <= MAX_LANE_TEXT;
        if (fits) laneTexts<T>(codePoints, offsets, i, i + 1, lanes);
        emitCdist(codePoints, offsets, nq, nc, order, g, lanes, i, out, fits, false);
        emitCdist(codePoints, offsets, nq, nc, order, g, lanes, i + 1, out, fits, true);
      }
    }
    for (; i < nq; i++) {
      const fits = lengthOf(offsets, i) <= MAX_LANE_TEXT;
      if (fits) laneTexts<T>(codePoints, offsets, i, -1, lanes);
      emitCdist(codePoints, offsets, nq, nc, order, g, lanes, i, out, fits, false);
    }
    lanesClear(lanes);
  }
}

// ---- exports -----------------------------------------------------------------------------

/** out[k] = score(pool[left[k]], pool[right[k]]), k < count. */
export function scorePairs(
  metricId: i32, kind: i32, codePoints: usize, offsets: usize, n: i32,
  left: usize, right: usize, count: i32, out: usize,
  cutoff: f64, weight: f64, q: i32,
): void {
  begin(metricId, kind, codePoints, offsets, n, cutoff, weight, q);
  for (let k: i32 = 0; k < count; k++) {
    const i = load<i32>(left + (<usize>k << 2));
    const j = load<i32>(right + (<usize>k << 2));
    store<f64>(out + (<usize>k << 3), score(codePoints, offsets, i, j));
  }
  releaseScratch();
}

/** Rows [rowStart, rowEnd) of the condensed pairwise scores of pool[0..n): the pairs
 * (i, j), i < j, in row-major order, written from out[0]. */
export function pdist(
  metricId: i32, kind: i32, codePoints: usize, offsets: usize, n: i32, rowStart: i32, rowEnd: i32, out: usize,
  cutoff: f64, weight: f64, q: i32,
): void {
  const alphabet = begin(metricId, kind, codePoints, offsets, n, cutoff, weight, q);
  if (rowStart + 1 >= n || rowStart >= rowEnd) {
    releaseScratch();
    return;
  }
  const base = condensed(n, rowStart, rowStart + 1);
  if (lanesSupported()) {
    lanesReset(alphabet);
    const order = orderByClass(offsets, rowStart + 1, n);
    // order holds indices j in [rowStart + 1, n), class by class
    pdistLanes<i16>(codePoints, offsets, n, order, bound(0), bound(1), rowStart, rowEnd, out, base);
    pdistLanes<i32>(codePoints, offsets, n, order, bound(1), bound(2), rowStart, rowEnd, out, base);
    pdistLanes<i64>(codePoints, offsets, n, order, bound(2), bound(3), rowStart, rowEnd, out, base);
    for (let g = bound(3); g < bound(4); g++) {
      const j = load<i32>(order + (<usize>g << 2));
      for (let i = rowStart, end = min(rowEnd, j); i < end; i++) {
        store<f64>(out + ((condensed(n, i, j) - base) << 3), score(codePoints, offsets, j, i));
      }
    }
  } else {
    let k: usize = 0;
    for (let i = rowStart; i < rowEnd; i++) {
      for (let j = i + 1; j < n; j++) {
        store<f64>(out + (k << 3), score(codePoints, offsets, i, j));
        k++;
      }
    }
  }
  releaseScratch();
}

/** Row-major queries x choices, where the pool holds the nq queries then the nc choices. */
export function cdist(
  metricId: i32, kind: i32, codePoints: usize, offsets: usize, nq: i32, nc: i32, out: usize,
  cutoff: f64, weight: f64, q: i32,
): void {
  const alphabet = begin(metricId, kind, codePoints, offsets, nq + nc, cutoff, weight, q);
  if (lanesSupported()) {
    lanesReset(alphabet);
    // offsets of the choices start at nq: order holds choice numbers 0..nc-1
    const order = orderByClass(offsets + (<usize>nq << 2), 0, nc);
    cdistLanes<i16>(codePoints, offsets, nq, nc, order, bound(0), bound(1), out);
    cdistLanes<i32>(codePoints, offsets, nq, nc, order, bound(1), bound(2), out);
    cdistLanes<i64>(codePoints, offsets, nq, nc, order, bound(2), bound(3), out);
    for (let g = bound(3); g < bound(4); g++) {
      const j = load<i32>(order + (<usize>g << 2));
      for (let i: i32 = 0; i < nq; i++) store<f64>(out + ((<usize>i * <usize>nc + <usize>j) << 3), score(codePoints, offsets, i, nq + j));
    }
  } else {
    let k: usize = 0;
    for (let i: i32 = 0; i < nq; i++) {
      for (let j: i32 = 0; j < nc; j++) {
        store<f64>(out + (k << 3), score(codePoints, offsets, i, nq + j));
        k++;
      }
    }
  }
  releaseScratch();
}
