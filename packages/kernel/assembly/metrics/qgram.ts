// Q-gram Jaccard similarity: |G(a) ∩ G(b)| / |G(a) ∪ G(b)| over the sets of q-grams
// (q = 1..3). A non-empty string shorter than q has one gram, itself; two empty strings
// score 1, an empty and a non-empty one 0. A gram packs its q symbols (21 bits each) into a
// u64, exactly, so no two different grams collide.

import { symbolAt } from './pattern';
import { Scratch, scratch } from '../util/scratch';

const patternBuf = scratch();
const textBuf = scratch();
let cachedPtr: usize = 0;
let cachedLen: i32 = -1;
let cachedQ: i32 = 0;
let cachedCount: i32 = 0;

export function qgramReset(): void {
  cachedPtr = 0;
  cachedLen = -1;
}

/** Writes the sorted, distinct grams of the string to `buf`; returns their count. */
function gramSet(ptr: usize, len: i32, q: i32, buf: Scratch): i32 {
  const count = len < q ? 1 : len - q + 1;
  const out = buf.get(<usize>count << 3);
  if (len < q) {
    let g: u64 = 0;
    for (let k: i32 = 0; k < len; k++) g |= <u64>(symbolAt(ptr, k) + 1) << <u64>(21 * k);
    store<u64>(out, g);
    return 1;
  }
  for (let i: i32 = 0; i < count; i++) {
    let g: u64 = 0;
    for (let k: i32 = 0; k < q; k++) g |= <u64>(symbolAt(ptr, i + k) + 1) << <u64>(21 * k);
    store<u64>(out + (<usize>i << 3), g);
  }
  sortU64(out, 0, count - 1);
  let n: i32 = 1;
  for (let i: i32 = 1; i < count; i++) {
    const g = load<u64>(out + (<usize>i << 3));
    if (g != load<u64>(out + (<usize>(n - 1) << 3))) {
      store<u64>(out + (<usize>n << 3), g);
      n++;
    }
  }
  return n;
}

function sortU64(a: usize, lo: i32, hi: i32): void {
  while (hi - lo > 16) {
    const mid = lo + ((hi - lo) >> 1);
    const pivot = load<u64>(a + (<usize>mid << 3));
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (load<u64>(a + (<usize>i << 3)) < pivot) i++;
      while (load<u64>(a + (<usize>j << 3)) > pivot) j--;
      if (i <= j) {
        const x = load<u64>(a + (<usize>i << 3));
        store<u64>(a + (<usize>i << 3), load<u64>(a + (<usize>j << 3)));
        store<u64>(a + (<usize>j << 3), x);
        i++;
        j--;
      }
    }
    // recurse into the smaller side, loop on the larger
    if (j - lo < hi - i) {
      sortU64(a, lo, j);
      lo = i;
    } else {
      sortU64(a, i, hi);
      hi = j;
    }
  }
  for (let i = lo + 1; i <= hi; i++) {
    const x = load<u64>(a + (<usize>i << 3));
    let j = i - 1;
    while (j >= lo && load<u64>(a + (<usize>j << 3)) > x) {
      store<u64>(a + (<usize>(j + 1) << 3), load<u64>(a + (<usize>j << 3)));
      j--;
    }
    store<u64>(a + (<usize>(j + 1) << 3), x);
  }
}

export function qgramJaccardSimilarity(p: usize, plen: i32, t: usize, tlen: i32, q: i32, cutoff: f64): f64 {
  if (plen == 0 || tlen == 0) {
    const sim: f64 = plen == tlen ? 1.0 : 0;
    return sim >= cutoff ? sim : 0;
  }
  if (p != cachedPtr || plen != cachedLen || q != cachedQ) {
    cachedCount = gramSet(p, plen, q, patternBuf);
    cachedPtr = p;
    cachedLen = plen;
    cachedQ = q;
  }
  const na = cachedCount;
  const nb = gramSet(t, tlen, q, textBuf);
  const ga = patternBuf.ptr;
  const gb = textBuf.ptr;
  let i: i32 = 0;
  let j: i32 = 0;
  let common: i32 = 0;
  while (i < na && j < nb) {
    const x = load<u64>(ga + (<usize>i << 3));
    const y = load<u64>(gb + (<usize>j << 3));
    if (x == y) {
      common++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  const sim = <f64>common / <f64>(na + nb - common);
  return sim >= cutoff ? sim : 0;
}
