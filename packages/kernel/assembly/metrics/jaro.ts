// Jaro and Jaro-Winkler similarity as RapidFuzz computes them: match window
// max(len)/2 - 1, greedy left-to-right matching, transpositions = half the mismatched
// matched pairs (integer division, as strcmp95). Bit-parallel: one word when both strings
// have at most 64 code points, multi-word flags and match vectors otherwise.

import { pmBuild, pmRow, pmSingle, pmWords, symbolAt } from './pattern';
import { scratch } from '../util/scratch';

const flagBuf = scratch();

@inline
export function jaroValue(plen: i32, tlen: i32, common: i32, transpositions: i32): f64 {
  const t = transpositions / 2;
  let sim: f64 = 0;
  sim += <f64>common / <f64>plen;
  sim += <f64>common / <f64>tlen;
  sim += (<f64>common - <f64>t) / <f64>common;
  return sim / 3.0;
}

/** Upper bound of the similarity given `common` matched characters (transpositions 0). */
@inline
function jaroBound(plen: i32, tlen: i32, common: i32): f64 {
  let sim: f64 = 0;
  sim += <f64>common / <f64>plen;
  sim += <f64>common / <f64>tlen;
  sim += 1.0;
  return sim / 3.0;
}

export function jaroSimilarity(p: usize, plen: i32, t: usize, tlen: i32, cutoff: f64): f64 {
  if (cutoff > 1.0) return 0;
  if (plen == 0 && tlen == 0) return 1.0;
  if (plen == 0 || tlen == 0) return 0;
  if (jaroBound(plen, tlen, min(plen, tlen)) < cutoff) return 0;
  if (plen == 1 && tlen == 1) return symbolAt(p, 0) == symbolAt(t, 0) ? 1.0 : 0;
  const bound = max(plen, tlen) / 2 - 1;
  const sim = plen <= 64 && tlen <= 64 ? jaroWord(p, plen, t, tlen, bound, cutoff) : jaroBlock(p, plen, t, tlen, bound, cutoff);
  return sim >= cutoff ? sim : 0;
}

function jaroWord(p: usize, plen: i32, t: usize, tlen: i32, bound: i32, cutoff: f64): f64 {
  pmBuild(p, plen);
  let boundMask: u64 = (<u64>1 << <u64>(bound + 1)) - 1;
  let pFlag: u64 = 0;
  let tFlag: u64 = 0;
  let j: i32 = 0;
  const grow = min(bound, tlen);
  for (; j < grow; j++) {
    const pmj = pmSingle(symbolAt(t, j)) & boundMask & ~pFlag;
    pFlag |= pmj & (<u64>0 - pmj);
    tFlag |= <u64>(pmj != 0) << <u64>j;
    boundMask = (boundMask << 1) | 1;
  }
  for (; j < tlen; j++) {
    const pmj = pmSingle(symbolAt(t, j)) & boundMask & ~pFlag;
    pFlag |= pmj & (<u64>0 - pmj);
    tFlag |= <u64>(pmj != 0) << <u64>j;
    boundMask <<= 1;
  }
  const common = <i32>popcnt(pFlag);
  if (common == 0 || jaroBound(plen, tlen, common) < cutoff) return 0;
  let transpositions: i32 = 0;
  while (tFlag != 0) {
    const patternBit = pFlag & (<u64>0 - pFlag);
    transpositions += <i32>((pmSingle(symbolAt(t, <i32>ctz(tFlag))) & patternBit) == 0);
    tFlag &= tFlag - 1;
    pFlag ^= patternBit;
  }
  return jaroValue(plen, tlen, common, transpositions);
}

/** Word `w` of the pattern's match vector of `sym` (tables of metrics/pattern). */
@inline
function matchWord(sym: i32, w: i32): u64 {
  return pmWords == 1 ? pmSingle(sym) : load<u64>(pmRow(sym) + (<usize>w << 3));
}

function jaroBlock(p: usize, plen: i32, t: usize, tlen: i32, bound: i32, cutoff: f64): f64 {
  pmBuild(p, plen);
  const pWords = (plen + 63) >> 6;
  const pFlags = flagBuf.get(<usize>(pWords + ((tlen + 63) >> 6)) << 3, true);
  const tFlags = pFlags + (<usize>pWords << 3);
  let common: i32 = 0;
  for (let j: i32 = 0; j < tlen; j++) {
    const lo = max(0, j - bound);
    const hi = min(plen - 1, j + bound);
    if (lo > hi) continue;
    const sym = symbolAt(t, j);
    const first = lo >> 6;
    const last = hi >> 6;
    for (let w = first; w <= last; w++) {
      const flag = pFlags + (<usize>w << 3);
      let m = matchWord(sym, w) & ~load<u64>(flag);
      if (w == first) m &= ~(<u64>0) << <u64>(lo & 63);
      if (w == last && (hi & 63) != 63) m &= (<u64>1 << <u64>((hi & 63) + 1)) - 1;
      if (m != 0) {
        store<u64>(flag, load<u64>(flag) | (m & (<u64>0 - m)));
        const tFlag = tFlags + (<usize>(j >> 6) << 3);
        store<u64>(tFlag, load<u64>(tFlag) | (<u64>1 << <u64>(j & 63)));
        common++;
        break;
      }
    }
  }
  if (common == 0 || jaroBound(plen, tlen, common) < cutoff) return 0;
  // the k-th matched text character against the k-th matched pattern character
  let transpositions: i32 = 0;
  let w: i32 = 0;
  let rest = load<u64>(pFlags);
  for (let j: i32 = 0; j < tlen; j++) {
    if ((load<u64>(tFlags + (<usize>(j >> 6) << 3)) & (<u64>1 << <u64>(j & 63))) == 0) continue;
    while (rest == 0) rest = load<u64>(pFlags + (<usize>++w << 3));
    const bit = rest & (<u64>0 - rest);
    transpositions += <i32>((matchWord(symbolAt(t, j), w) & bit) == 0);
    rest ^= bit;
  }
  return jaroValue(plen, tlen, common, transpositions);
}

/** Jaro-Winkler: common prefix (at most 4) boost `prefix * prefixWeight * (1 - jaro)`,
 * applied only when the Jaro similarity is above 0.7. */
export function jaroWinklerSimilarity(p: usize, plen: i32, t: usize, tlen: i32, prefixWeight: f64, cutoff: f64): f64 {
  const maxPrefix = min(min(plen, tlen), 4);
  let prefix: i32 = 0;
  while (prefix < maxPrefix && symbolAt(p, prefix) == symbolAt(t, prefix)) prefix++;
  // The Jaro score needed to reach `cutoff` after the boost, lowered by a hair so that
  // rounding never drops a pair that reaches it exactly (the final test is exact).
  let jaroCutoff = cutoff;
  if (jaroCutoff > 0.7) {
    const prefixSim = <f64>prefix * prefixWeight;
    jaroCutoff = prefixSim >= 1.0 ? 0.7 : max(0.7, (prefixSim - jaroCutoff) / (prefixSim - 1.0) - 1e-12);
  }
  let sim = jaroSimilarity(p, plen, t, tlen, jaroCutoff);
  if (sim > 0.7) sim += <f64>prefix * prefixWeight * (1.0 - sim);
  return sim >= cutoff ? sim : 0;
}

/** Jaro-Winkler from the exact Jaro similarity of the two strings. */
@inline
export function winklerBoost(sim: f64, p: usize, plen: i32, t: usize, tlen: i32, prefixWeight: f64): f64 {
  if (sim <= 0.7) return sim;
  const maxPrefix = min(min(plen, tlen), 4);
  let prefix: i32 = 0;
  while (prefix < maxPrefix && symbolAt(p, prefix) == symbolAt(t, prefix)) prefix++;
  return sim + <f64>prefix * prefixWeight * (1.0 - sim);
}
