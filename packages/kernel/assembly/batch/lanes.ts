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
export let laneFloats: usize = 0;
// scratch for building lane vectors
let vecA: usize = 0;
let vecB: usize = 0;

export function lanesReset(alphabet: i32): void {
  table = tableBuf.get(<usize>max(alphabet, 1) << 4, true);
  const base = laneBuf.get(256, true);
  lanePtrs = base; // 8 x usize
  laneLens = base + 32; // 8 x i32
  laneInts = base + 64; // 8 x i32
  laneFloats = base + 96; // 8 x f64
  vecA = base + 160;
  vecB = base + 176;
}

@inline
function lanePtr(l: i32): usize {
  return load<usize>(lanePtrs + (<usize>l << alignof<usize>()));
}

@inline
export function laneLen(l: i32): i32 {
  return load<i32>(laneLens + (<usize>l << 2));
}

/** Sets the table bits of the `lanes` patterns (lanes of T). */
export function lanesBuild<T>(lanes: i32): void {
  for (let l: i32 = 0; l < lanes; l++) {
    const p = lanePtr(l);
    const len = laneLen(l);
    const laneOffset = <usize>l * sizeof<T>();
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

/** A vector whose lane l is f(length of pattern l) (0 for unused lanes). */
@inline
function laneVector<T>(lanes: i32, kindOf: i32, tlen: i32): v128 {
  const count = 16 / <i32>sizeof<T>();
  for (let l: i32 = 0; l < count; l++) {
    const len = l < lanes ? laneLen(l) : 0;
    let v: i64 = 0;
    if (len > 0) {
      if (kindOf == 0) v = len; // length
      else if (kindOf == 1) v = <i64>1 << <i64>(len - 1); // last bit
      else if (kindOf == 2) v = len == <i32>sizeof<T>() * 8 ? -1 : (<i64>1 << <i64>len) - 1; // all bits
      else {
        // Jaro: match bound and the initial window mask
        const bound = max(max(len, tlen) / 2 - 1, 0);
        v = kindOf == 3 ? bound : (bound + 1 >= <i32>sizeof<T>() * 8 ? -1 : (<i64>1 << <i64>(bound + 1)) - 1);
      }
    }
    store<T>(vecA + <usize>l * sizeof<T>(), <T>v);
  }
  return v128.load(vecA);
}

@inline
function storeLanesInt<T>(v: v128, lanes: i32): void {
  v128.store(vecB, v);
  for (let l: i32 = 0; l < lanes; l++) store<i32>(laneInts + (<usize>l << 2), <i32>load<T>(vecB + <usize>l * sizeof<T>()));
}

/** Levenshtein distances of the text to every lane pattern -> laneInts. */
export function levenshteinLanes<T>(t: usize, tlen: i32, lanes: i32): void {
  const zero = i64x2.splat(0);
  const one = v128.splat<T>(1);
  const last = laneVector<T>(lanes, 1, tlen);
  let dist = laneVector<T>(lanes, 0, tlen);
  let vp = i64x2.splat(-1);
  let vn = zero;
  for (let j: i32 = 0; j < tlen; j++) {
    const pm = v128.load(table + (<usize>symbolAt(t, j) << 4));
    const x = v128.or(pm, vn);
    const d0 = v128.or(v128.xor(v128.add<T>(v128.and(x, vp), vp), vp), x);
    let hp = v128.or(vn, v128.not(v128.or(d0, vp)));
    let hn = v128.and(d0, vp);
    dist = v128.sub<T>(dist, v128.ne<T>(v128.and(hp, last), zero));
    dist = v128.add<T>(dist, v128.ne<T>(v128.and(hn, last), zero));
    hp = v128.or(v128.shl<T>(hp, 1), one);
    hn = v128.shl<T>(hn, 1);
    vp = v128.or(hn, v128.not(v128.or(d0, hp)));
    vn = v128.and(hp, d0);
  }
  storeLanesInt<T>(dist, lanes);
}

/** OSA distances of the text to every lane pattern -> laneInts. */
export function osaLanes<T>(t: usize, tlen: i32, lanes: i32): void {
  const zero = i64x2.splat(0);
  const one = v128.splat<T>(1);
  const last = laneVector<T>(lanes, 1, tlen);
  let dist = laneVector<T>(lanes, 0, tlen);
  let vp = i64x2.splat(-1);
  let vn = zero;
  let d0 = zero;
  let pmOld = zero;
  for (let j: i32 = 0; j < tlen; j++) {
    const pm = v128.load(table + (<usize>symbolAt(t, j) << 4));
    const tr = v128.and(v128.shl<T>(v128.andnot(pm, d0), 1), pmOld);
    d0 = v128.or(v128.or(v128.xor(v128.add<T>(v128.and(pm, vp), vp), vp), v128.or(pm, vn)), tr);
    let hp = v128.or(vn, v128.not(v128.or(d0, vp)));
    let hn = v128.and(d0, vp);
    dist = v128.sub<T>(dist, v128.ne<T>(v128.and(hp, last), zero));
    dist = v128.add<T>(dist, v128.ne<T>(v128.and(hn, last), zero));
    hp = v128.or(v128.shl<T>(hp, 1), one);
    hn = v128.shl<T>(hn, 1);
    vp = v128.or(hn, v128.not(v128.or(d0, hp)));
    vn = v128.and(hp, d0);
    pmOld = pm;
  }
  storeLanesInt<T>(dist, lanes);
}

/** Indel distances (|p| + |t| - 2 LCS) of the text to every lane pattern -> laneInts. */
export function indelLanes<T>(t: usize, tlen: i32, lanes: i32): void {
  let s = i64x2.splat(-1);
  for (let j: i32 = 0; j < tlen; j++) {
    const u = v128.and(s, v128.load(table + (<usize>symbolAt(t, j) << 4)));
    s = v128.or(v128.add<T>(s, u), v128.sub<T>(s, u));
  }
  v128.store(vecB, v128.andnot(laneVector<T>(lanes, 2, tlen), s));
  for (let l: i32 = 0; l < lanes; l++) {
    const lcs = <i32>popcnt(<u64>load<T>(vecB + <usize>l * sizeof<T>()) & (sizeof<T>() == 8 ? ~(<u64>0) : (<u64>1 << (<u64>sizeof<T>() * 8)) - 1));
    store<i32>(laneInts + (<usize>l << 2), laneLen(l) + tlen - 2 * lcs);
  }
}

/** Jaro (or Jaro-Winkler with `prefixWeight` >= 0) similarities -> laneFloats. */
export function jaroLanes<T>(t: usize, tlen: i32, lanes: i32, winkler: bool, prefixWeight: f64): void {
  const zero = i64x2.splat(0);
  const one = v128.splat<T>(1);
  const bound = laneVector<T>(lanes, 3, tlen);
  let window = laneVector<T>(lanes, 4, tlen);
  const flags = flagBuf.get(<usize>max(tlen, 1) << 4);
  let pFlag = zero;
  let jv = zero;
  for (let j: i32 = 0; j < tlen; j++) {
    const pm = v128.load(table + (<usize>symbolAt(t, j) << 4));
    const pmj = v128.andnot(v128.and(pm, window), pFlag);
    pFlag = v128.or(pFlag, v128.and(pmj, v128.sub<T>(zero, pmj)));
    v128.store(flags + (<usize>j << 4), v128.ne<T>(pmj, zero));
    window = v128.or(v128.shl<T>(window, 1), v128.and(v128.lt<T>(jv, bound), one));
    jv = v128.add<T>(jv, one);
  }
  let rest = pFlag;
  let transpositions = zero;
  for (let j: i32 = 0; j < tlen; j++) {
    const matched = v128.load(flags + (<usize>j << 4));
    const pm = v128.load(table + (<usize>symbolAt(t, j) << 4));
    const bit = v128.and(rest, v128.sub<T>(zero, rest));
    transpositions = v128.sub<T>(transpositions, v128.and(v128.eq<T>(v128.and(pm, bit), zero), matched));
    rest = v128.xor(rest, v128.and(bit, matched));
  }
  v128.store(vecA, pFlag);
  v128.store(vecB, transpositions);
  for (let l: i32 = 0; l < lanes; l++) {
    const plen = laneLen(l);
    const common = <i32>popcnt(<u64>load<T>(vecA + <usize>l * sizeof<T>()) & (sizeof<T>() == 8 ? ~(<u64>0) : (<u64>1 << (<u64>sizeof<T>() * 8)) - 1));
    let sim: f64 = 0;
    if (common != 0) sim = jaroValue(plen, tlen, common, <i32>load<T>(vecB + <usize>l * sizeof<T>()));
    if (winkler) sim = winklerBoost(sim, lanePtr(l), plen, t, tlen, prefixWeight);
    store<f64>(laneFloats + (<usize>l << 3), sim);
  }
}
