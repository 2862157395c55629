// WASM SIMD: one text scored against several short patterns at once, one pattern per lane
// of a v128 (8 x 16-bit lanes for patterns of <= 16 code points, 4 x 32-bit for <= 32,
// 2 x 64-bit for <= 64). The pattern-match table holds, per symbol, one v128 whose lane l
// has the positions of that symbol in pattern l, so the bit-parallel recurrences of the
// scalar cores (Myers/Hyyrö Levenshtein and OSA, the LCS of Indel, RapidFuzz's Jaro) run
// unchanged in every lane. Results are exact raw scores; the caller applies the score form.

import { scratch } from '../util/scratch';
import { symbolAt } from '../metrics/pattern';
import { jaroValue, winklerBoost } from '../metrics/jaro';

const tableBuf = scratch();
const flagBuf = scratch();
const laneBuf = scratch();

/** symbol -> v128 of lane masks. */
let table: usize = 0;
/** Per lane: pattern pointer (usize) and length (i32); up to 8 lanes. */
export let lanePtrs: usize = 0;
export let laneLens: usize = 0;
/** Per lane results: i32 raw distances, or f64 similarities. */
export let laneInts: usize = 0;
export let laneInts2: usize = 0;
export let laneFloats: usize = 0;
export let laneFloats2: usize = 0;
/** Jaro window vectors of up to two texts (bound, window; 64 bytes). */
let jaroState: usize = 0;
// scratch for building lane vectors
let vecA: usize = 0;
let vecB: usize = 0;

// the current group: per lane, the bits of its pattern (0 in unused lanes); longest pattern
let groupBits: usize = 0;
let groupMaxLen: i32 = 0;

export function lanesReset(alphabet: i32): void {
  table = tableBuf.get(<usize>max(alphabet, 1) << 4, true);
  const base = laneBuf.get(384, true);
  lanePtrs = base; // 8 x usize
  laneLens = base + 32; // 8 x i32
  laneInts = base + 64; // 8 x i32
  laneFloats = base + 96; // 8 x f64
  vecA = base + 160;
  vecB = base + 176;
  groupBits = base + 208;
  laneInts2 = base + 224; // 8 x i32
  laneFloats2 = base + 256; // 8 x f64
  jaroState = base + 320;
}

@inline
function lanePtr(l: i32): usize {
  return load<usize>(lanePtrs + (<usize>l << alignof<usize>()));
}

@inline
export function laneLen(l: i32): i32 {
  return load<i32>(laneLens + (<usize>l << 2));
}

/** Sets the table bits and the group's pattern bits of the `lanes` patterns (lanes of T). */
export function lanesBuild<T>(lanes: i32): void {
  const width = 16 / <i32>sizeof<T>();
  groupMaxLen = 0;
  for (let l: i32 = 0; l < width; l++) {
    const len = l < lanes ? laneLen(l) : 0;
    groupMaxLen = max(groupMaxLen, len);
    const laneOffset = <usize>l * sizeof<T>();
    store<T>(groupBits + laneOffset, len == <i32>sizeof<T>() * 8 ? <T>-1 : <T>((<i64>1 << <i64>len) - 1));
    if (l >= lanes) continue;
    const p = lanePtr(l);
    for (let i: i32 = 0; i < len; i++) {
      const slot = table + (<usize>symbolAt(p, i) << 4) + laneOffset;
      store<T>(slot, load<T>(slot) | (<T>1 << <T>i));
    }
  }
}

/** Zeroes the table entries the `lanes` patterns set. */
export function lanesClear(lanes: i32): void {
  for (let l: i32 = 0; l < lanes; l++) {
    const p = lanePtr(l);
    const len = laneLen(l);
    for (let i: i32 = 0; i < len; i++) v128.store(table + (<usize>symbolAt(p, i) << 4), i64x2.splat(0));
  }
}

/** Per lane l: popcount of lane l of `v` (masked to the pattern's bits) -> into[l] =
 * base + sign * count, or added to it when `accumulate`. */
@inline
function countLanes<T>(v: v128, lanes: i32, base: i32, sign: i32, accumulate: bool, into: usize = laneInts): void {
  v128.store(vecB, v128.and(v, v128.load(groupBits)));
  for (let l: i32 = 0; l < lanes; l++) {
    const slot = into + (<usize>l << 2);
    const count = <i32>popcnt(<u64>load<T>(vecB + <usize>l * sizeof<T>()) & lowBits<T>());
    store<i32>(slot, (accumulate ? load<i32>(slot) : base) + sign * count);
  }
}

/** The bits of one lane of T, as u64 (to undo sign extension of a lane value). */
@inline
function lowBits<T>(): u64 {
  return sizeof<T>() == 8 ? ~(<u64>0) : (<u64>1 << (<u64>sizeof<T>() * 8)) - 1;
}

// Levenshtein and OSA read the distance off the last column at the end, as the scalar
// cores do: D[m][n] = n + popcount(VP) - popcount(VN).

/** Levenshtein distances of the text to every lane pattern -> laneInts. */
export function levenshteinLanes<T>(t: usize, tlen: i32, lanes: i32): void {
  const one = v128.splat<T>(1);
  let vp = i64x2.splat(-1);
  let vn = i64x2.splat(0);
  for (let j: i32 = 0; j < tlen; j++) {
    const pm = v128.load(table + (<usize>symbolAt(t, j) << 4));
    const x = v128.or(pm, vn);
    const d0 = v128.or(v128.xor(v128.add<T>(v128.and(x, vp), vp), vp), x);
    const hp = v128.or(v128.shl<T>(v128.or(vn, v128.not(v128.or(d0, vp))), 1), one);
    const hn = v128.shl<T>(v128.and(d0, vp), 1);
    vp = v128.or(hn, v128.not(v128.or(d0, hp)));
    vn = v128.and(hp, d0);
  }
  countLanes<T>(vp, lanes, tlen, 1, false);
  countLanes<T>(vn, lanes, 0, -1, true);
}

/** Levenshtein distances of two texts at once (two independent dependency chains keep the
 * CPU busy) -> laneInts (first text) and laneInts2 (second). */
export function levenshteinLanes2<T>(t1: usize, n1: i32, t2: usize, n2: i32, lanes: i32): void {
  const one = v128.splat<T>(1);
  let vp1 = i64x2.splat(-1);
  let vn1 = i64x2.splat(0);
  let vp2 = vp1;
  let vn2 = vn1;
  const both = min(n1, n2);
  let j: i32 = 0;
  for (; j < both; j++) {
    const pm1 = v128.load(table + (<usize>symbolAt(t1, j) << 4));
    const pm2 = v128.load(table + (<usize>symbolAt(t2, j) << 4));
    const x1 = v128.or(pm1, vn1);
    const x2 = v128.or(pm2, vn2);
    const d01 = v128.or(v128.xor(v128.add<T>(v128.and(x1, vp1), vp1), vp1), x1);
    const d02 = v128.or(v128.xor(v128.add<T>(v128.and(x2, vp2), vp2), vp2), x2);
    const hp1 = v128.or(v128.shl<T>(v128.or(vn1, v128.not(v128.or(d01, vp1))), 1), one);
    const hp2 = v128.or(v128.shl<T>(v128.or(vn2, v128.not(v128.or(d02, vp2))), 1), one);
    const hn1 = v128.shl<T>(v128.and(d01, vp1), 1);
    const hn2 = v128.shl<T>(v128.and(d02, vp2), 1);
    vp1 = v128.or(hn1, v128.not(v128.or(d01, hp1)));
    vp2 = v128.or(hn2, v128.not(v128.or(d02, hp2)));
    vn1 = v128.and(hp1, d01);
    vn2 = v128.and(hp2, d02);
  }
  for (let k = j; k < n1; k++) {
    const x = v128.or(v128.load(table + (<usize>symbolAt(t1, k) << 4)), vn1);
    const d0 = v128.or(v128.xor(v128.add<T>(v128.and(x, vp1), vp1), vp1), x);
    const hp = v128.or(v128.shl<T>(v128.or(vn1, v128.not(v128.or(d0, vp1))), 1), one);
    const hn = v128.shl<T>(v128.and(d0, vp1), 1);
    vp1 = v128.or(hn, v128.not(v128.or(d0, hp)));
    vn1 = v128.and(hp, d0);
  }
  for (let k = j; k < n2; k++) {
    const x = v128.or(v128.load(table + (<usize>symbolAt(t2, k) << 4)), vn2);
    const d0 = v128.or(v128.xor(v128.add<T>(v128.and(x, vp2), vp2), vp2), x);
    const hp = v128.or(v128.shl<T>(v128.or(vn2, v128.not(v128.or(d0, vp2))), 1), one);
    const hn = v128.shl<T>(v128.and(d0, vp2), 1);
    vp2 = v128.or(hn, v128.not(v128.or(d0, hp)));
    vn2 = v128.and(hp, d0);
  }
  countLanes<T>(vp1, lanes, n1, 1, false, laneInts);
  countLanes<T>(vn1, lanes, 0, -1, true, laneInts);
  countLanes<T>(vp2, lanes, n2, 1, false, laneInts2);
  countLanes<T>(vn2, lanes, 0, -1, true, laneInts2);
}

/** OSA distances of the text to every lane pattern -> laneInts. */
export function osaLanes<T>(t: usize, tlen: i32, lanes: i32): void {
  const one = v128.splat<T>(1);
  let vp = i64x2.splat(-1);
  let vn = i64x2.splat(0);
  let d0 = vn;
  let pmOld = vn;
  for (let j: i32 = 0; j < tlen; j++) {
    const pm = v128.load(table + (<usize>symbolAt(t, j) << 4));
    const tr = v128.and(v128.shl<T>(v128.andnot(pm, d0), 1), pmOld);
    d0 = v128.or(v128.or(v128.xor(v128.add<T>(v128.and(pm, vp), vp), vp), v128.or(pm, vn)), tr);
    const hp = v128.or(v128.shl<T>(v128.or(vn, v128.not(v128.or(d0, vp))), 1), one);
    const hn = v128.shl<T>(v128.and(d0, vp), 1);
    vp = v128.or(hn, v128.not(v128.or(d0, hp)));
    vn = v128.and(hp, d0);
    pmOld = pm;
  }
  countLanes<T>(vp, lanes, tlen, 1, false);
  countLanes<T>(vn, lanes, 0, -1, true);
}

/** Indel distances (|p| + |t| - 2 LCS) of the text to every lane pattern -> laneInts. */
export function indelLanes<T>(t: usize, tlen: i32, lanes: i32): void {
  let s = i64x2.splat(-1);
  for (let j: i32 = 0; j < tlen; j++) {
    const u = v128.and(s, v128.load(table + (<usize>symbolAt(t, j) << 4)));
    s = v128.or(v128.add<T>(s, u), v128.sub<T>(s, u));
  }
  countLanes<T>(v128.not(s), lanes, 0, -2, false); // -2 LCS
  for (let l: i32 = 0; l < lanes; l++) {
    const slot = laneInts + (<usize>l << 2);
    store<i32>(slot, load<i32>(slot) + laneLen(l) + tlen);
  }
}

// Jaro in lanes. The match window of text position j in lane l is [j - b_l, j + b_l],
// b_l = max(|p_l|, n)/2 - 1: it grows by one bit per step while j < b_l, then slides.
// Pass 1 flags, for each text character, the lowest free pattern position of its symbol in
// the window, and keeps per position the match vector and the lanes without a match; pass 2
// pairs the k-th matched text character with the k-th matched pattern position (consuming
// the lowest flag left, rest &= rest - 1, where the text character matched) and collects the
// positions where the two agree: the transpositions are the other matches.

/** Bound and initial window vectors of a text of length tlen at `state` (bound at 0, window
 * at 16); returns the least and the largest bound of the used lanes (low, high 32 bits). */
function jaroWindows<T>(tlen: i32, lanes: i32, state: usize): i64 {
  const width = 16 / <i32>sizeof<T>();
  const bits = <i32>sizeof<T>() * 8;
  let minBound: i32 = max(tlen / 2 - 1, 0);
  let maxBound: i32 = minBound;
  if (tlen >= groupMaxLen) {
    // the text is the longer string in every lane: one bound for all
    v128.store(state, v128.splat<T>(<T>minBound));
    v128.store(state, v128.splat<T>(minBound + 1 >= bits ? <T>-1 : <T>((<i64>1 << <i64>(minBound + 1)) - 1)), 16);
  } else {
    minBound = 0x7fffffff;
    maxBound = 0;
    for (let l: i32 = 0; l < width; l++) {
      const b = l < lanes ? max(max(laneLen(l), tlen) / 2 - 1, 0) : 0;
      if (l < lanes) {
        minBound = min(minBound, b);
        maxBound = max(maxBound, b);
      }
      store<T>(state + <usize>l * sizeof<T>(), <T>b);
      store<T>(state + 16 + <usize>l * sizeof<T>(), b + 1 >= bits ? <T>-1 : <T>((<i64>1 << <i64>(b + 1)) - 1));
    }
  }
  return (<i64>maxBound << 32) | <i64>minBound;
}

/** Pass 1 at text position `tp` (step record at `sp`): returns the new pattern flags. */
@inline
function matchStep<T>(tp: usize, sp: usize, window: v128, pFlag: v128): v128 {
  const zero = i64x2.splat(0);
  const pm = v128.load(table + (<usize>load<i32>(tp) << 4));
  const pmj = v128.andnot(v128.and(pm, window), pFlag);
  v128.store(sp, pm);
  v128.store(sp, v128.eq<T>(pmj, zero), 16);
  return v128.or(pFlag, v128.and(pmj, v128.sub<T>(zero, pmj)));
}

@inline
function grown<T>(window: v128, j: i32, bound: v128): v128 {
  return v128.or(v128.shl<T>(window, 1), v128.and(v128.lt<T>(v128.splat<T>(<T>j), bound), v128.splat<T>(1)));
}

/** Pass 1 over one text (steps at `steps`); returns the pattern flags. */
function matchText<T>(t: usize, tlen: i32, lanes: i32, state: usize, steps: usize): v128 {
  const bounds = jaroWindows<T>(tlen, lanes, state);
  const bound = v128.load(state);
  let window = v128.load(state, 16);
  const one = v128.splat<T>(1);
  let pFlag = i64x2.splat(0);
  let j: i32 = 0;
  for (const end = min(<i32>bounds, tlen); j < end; j++) {
    pFlag = matchStep<T>(t + (<usize>j << 2), steps + (<usize>j << 5), window, pFlag);
    window = v128.or(v128.shl<T>(window, 1), one); // every window grows
  }
  for (const end = min(<i32>(bounds >> 32), tlen); j < end; j++) {
    pFlag = matchStep<T>(t + (<usize>j << 2), steps + (<usize>j << 5), window, pFlag);
    window = grown<T>(window, j, bound);
  }
  for (; j < tlen; j++) {
    pFlag = matchStep<T>(t + (<usize>j << 2), steps + (<usize>j << 5), window, pFlag);
    window = v128.shl<T>(window, 1); // every window slides
  }
  return pFlag;
}

/** Pass 2 over one text: returns the pattern positions where the pairing agrees. */
function agreeText<T>(tlen: i32, steps: usize, pFlag: v128): v128 {
  const one = v128.splat<T>(1);
  let rest = pFlag;
  let agree = i64x2.splat(0);
  for (let sp = steps, end = steps + (<usize>tlen << 5); sp < end; sp += 32) {
    const next = v128.and(rest, v128.or(v128.sub<T>(rest, one), v128.load(sp, 16)));
    agree = v128.or(agree, v128.and(v128.load(sp), v128.xor(rest, next)));
    rest = next;
  }
  return agree;
}

/** Similarities from the flags and agreements of one text -> `into` (f64 per lane). */
@inline
function jaroFinish<T>(pFlag: v128, agree: v128, t: usize, tlen: i32, lanes: i32, winkler: bool, prefixWeight: f64, into: usize): void {
  const mask = v128.load(groupBits);
  v128.store(vecA, v128.and(pFlag, mask));
  v128.store(vecB, v128.and(agree, mask));
  for (let l: i32 = 0; l < lanes; l++) {
    const plen = laneLen(l);
    const common = <i32>popcnt(<u64>load<T>(vecA + <usize>l * sizeof<T>()) & lowBits<T>());
    let sim: f64 = 0;
    if (common != 0) sim = jaroValue(plen, tlen, common, common - <i32>popcnt(<u64>load<T>(vecB + <usize>l * sizeof<T>()) & lowBits<T>()));
    if (winkler) sim = winklerBoost(sim, lanePtr(l), plen, t, tlen, prefixWeight);
    store<f64>(into + (<usize>l << 3), sim);
  }
}

/** Jaro (or Jaro-Winkler when `winkler`) similarities of the text -> laneFloats. */
export function jaroLanes<T>(t: usize, tlen: i32, lanes: i32, winkler: bool, prefixWeight: f64): void {
  const steps = flagBuf.get(<usize>max(tlen, 1) << 5);
  const pFlag = matchText<T>(t, tlen, lanes, jaroState, steps);
  jaroFinish<T>(pFlag, agreeText<T>(tlen, steps, pFlag), t, tlen, lanes, winkler, prefixWeight, laneFloats);
}

/** Jaro (-Winkler) of two texts at once, their steps interleaved (two independent
 * dependency chains) -> laneFloats (first text) and laneFloats2 (second). */
export function jaroLanes2<T>(t1: usize, n1: i32, t2: usize, n2: i32, lanes: i32, winkler: bool, prefixWeight: f64): void {
  const steps1 = flagBuf.get(<usize>max(n1 + n2, 1) << 5);
  const steps2 = steps1 + (<usize>n1 << 5);
  const b1 = jaroWindows<T>(n1, lanes, jaroState);
  const b2 = jaroWindows<T>(n2, lanes, jaroState + 32);
  const bound1 = v128.load(jaroState);
  const bound2 = v128.load(jaroState, 32);
  let window1 = v128.load(jaroState, 16);
  let window2 = v128.load(jaroState, 48);
  const one = v128.splat<T>(1);
  let pFlag1 = i64x2.splat(0);
  let pFlag2 = pFlag1;
  const both = min(n1, n2);
  let j: i32 = 0;
  // both windows grow
  for (const end = min(min(<i32>b1, <i32>b2), both); j < end; j++) {
    pFlag1 = matchStep<T>(t1 + (<usize>j << 2), steps1 + (<usize>j << 5), window1, pFlag1);
    pFlag2 = matchStep<T>(t2 + (<usize>j << 2), steps2 + (<usize>j << 5), window2, pFlag2);
    window1 = v128.or(v128.shl<T>(window1, 1), one);
    window2 = v128.or(v128.shl<T>(window2, 1), one);
  }
  // some grow, some slide
  for (const end = min(max(<i32>(b1 >> 32), <i32>(b2 >> 32)), both); j < end; j++) {
    pFlag1 = matchStep<T>(t1 + (<usize>j << 2), steps1 + (<usize>j << 5), window1, pFlag1);
    pFlag2 = matchStep<T>(t2 + (<usize>j << 2), steps2 + (<usize>j << 5), window2, pFlag2);
    window1 = grown<T>(window1, j, bound1);
    window2 = grown<T>(window2, j, bound2);
  }
  // both slide
  for (; j < both; j++) {
    pFlag1 = matchStep<T>(t1 + (<usize>j << 2), steps1 + (<usize>j << 5), window1, pFlag1);
    pFlag2 = matchStep<T>(t2 + (<usize>j << 2), steps2 + (<usize>j << 5), window2, pFlag2);
    window1 = v128.shl<T>(window1, 1);
    window2 = v128.shl<T>(window2, 1);
  }
  for (let k = j; k < n1; k++) {
    pFlag1 = matchStep<T>(t1 + (<usize>k << 2), steps1 + (<usize>k << 5), window1, pFlag1);
    window1 = grown<T>(window1, k, bound1);
  }
  for (let k = j; k < n2; k++) {
    pFlag2 = matchStep<T>(t2 + (<usize>k << 2), steps2 + (<usize>k << 5), window2, pFlag2);
    window2 = grown<T>(window2, k, bound2);
  }
  // pass 2, interleaved
  let rest1 = pFlag1;
  let rest2 = pFlag2;
  let agree1 = i64x2.splat(0);
  let agree2 = agree1;
  for (j = 0; j < both; j++) {
    const s1 = steps1 + (<usize>j << 5);
    const s2 = steps2 + (<usize>j << 5);
    const next1 = v128.and(rest1, v128.or(v128.sub<T>(rest1, one), v128.load(s1, 16)));
    const next2 = v128.and(rest2, v128.or(v128.sub<T>(rest2, one), v128.load(s2, 16)));
    agree1 = v128.or(agree1, v128.and(v128.load(s1), v128.xor(rest1, next1)));
    agree2 = v128.or(agree2, v128.and(v128.load(s2), v128.xor(rest2, next2)));
    rest1 = next1;
    rest2 = next2;
  }
  for (let k = j; k < n1; k++) {
    const s1 = steps1 + (<usize>k << 5);
    const next1 = v128.and(rest1, v128.or(v128.sub<T>(rest1, one), v128.load(s1, 16)));
    agree1 = v128.or(agree1, v128.and(v128.load(s1), v128.xor(rest1, next1)));
    rest1 = next1;
  }
  for (let k = j; k < n2; k++) {
    const s2 = steps2 + (<usize>k << 5);
    const next2 = v128.and(rest2, v128.or(v128.sub<T>(rest2, one), v128.load(s2, 16)));
    agree2 = v128.or(agree2, v128.and(v128.load(s2), v128.xor(rest2, next2)));
    rest2 = next2;
  }
  jaroFinish<T>(pFlag1, agree1, t1, n1, lanes, winkler, prefixWeight, laneFloats);
  jaroFinish<T>(pFlag2, agree2, t2, n2, lanes, winkler, prefixWeight, laneFloats2);
}
