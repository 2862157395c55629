// Optimal string alignment distance (restricted Damerau-Levenshtein: adjacent transpositions,
// no substring edited twice), bit-parallel after Hyyrö (2003); multi-word beyond 64.

import { pmRow, pmSingle, pmWords, symbolAt } from './pattern';
import { scratch } from '../util/scratch';

const vecBuf = scratch();

/** Distance between the current pattern (`plen` > 0 code points) and a non-empty text. */
export function osaDistance(plen: i32, t: usize, tlen: i32): i32 {
  return plen <= 64 ? osaWord(plen, t, tlen) : osaBlock(plen, t, tlen);
}

// As metrics/levenshtein: the distance is tlen + popcount(VP) - popcount(VN) at the end.
function osaWord(plen: i32, t: usize, tlen: i32): i32 {
  let vp: u64 = ~(<u64>0);
  let vn: u64 = 0;
  let d0: u64 = 0;
  let pmOld: u64 = 0;
  for (let j: i32 = 0; j < tlen; j++) {
    const pmj = pmSingle(symbolAt(t, j));
    const tr = (((~d0) & pmj) << 1) & pmOld;
    d0 = (((pmj & vp) + vp) ^ vp) | pmj | vn | tr;
    let hp = vn | ~(d0 | vp);
    const hn = (d0 & vp) << 1;
    hp = (hp << 1) | 1;
    vp = hn | ~(d0 | hp);
    vn = hp & d0;
    pmOld = pmj;
  }
  const mask: u64 = plen == 64 ? ~(<u64>0) : (<u64>1 << <u64>plen) - 1;
  return tlen + <i32>popcnt(vp & mask) - <i32>popcnt(vn & mask);
}

// Per word and row: VP, VN, D0, PM (32 bytes). Two rows (old, new) of words + 1 entries;
// entry 0 is a zero sentinel standing for the word before the first.
function osaBlock(plen: i32, t: usize, tlen: i32): i32 {
  const words = pmWords;
  const stride = <usize>(words + 1) << 5;
  const base = vecBuf.get(stride << 1, true);
  let oldRow = base;
  let newRow = base + stride;
  for (let w: i32 = 1; w <= words; w++) {
    store<u64>(oldRow + (<usize>w << 5), ~(<u64>0));
    store<u64>(newRow + (<usize>w << 5), ~(<u64>0));
  }
  let dist = plen;
  const last: u64 = <u64>1 << <u64>((plen - 1) & 63);
  for (let j: i32 = 0; j < tlen; j++) {
    const row = pmRow(symbolAt(t, j));
    let hpCarry: u64 = 1;
    let hnCarry: u64 = 0;
    for (let w: i32 = 0; w < words; w++) {
      const o = oldRow + (<usize>(w + 1) << 5);
      const oPrev = oldRow + (<usize>w << 5);
      const n = newRow + (<usize>(w + 1) << 5);
      const nPrev = newRow + (<usize>w << 5);
      const vp = load<u64>(o);
      const vn = load<u64>(o, 8);
      const d0Old = load<u64>(o, 16);
      const pmOld = load<u64>(o, 24);
      const d0Last = load<u64>(oPrev, 16);
      const pmLast = load<u64>(nPrev, 24);
      const pmj = load<u64>(row + (<usize>w << 3));
      const tr = ((((~d0Old) & pmj) << 1) | (((~d0Last) & pmLast) >> 63)) & pmOld;
      const x = pmj | hnCarry;
      const d0 = (((x & vp) + vp) ^ vp) | x | vn | tr;
      let hp = vn | ~(d0 | vp);
      let hn = d0 & vp;
      const hpIn = hpCarry;
      const hnIn = hnCarry;
      if (w < words - 1) {
        hpCarry = hp >> 63;
        hnCarry = hn >> 63;
      } else {
        hpCarry = <u64>((hp & last) != 0);
        hnCarry = <u64>((hn & last) != 0);
      }
      hp = (hp << 1) | hpIn;
      hn = (hn << 1) | hnIn;
      store<u64>(n, hn | ~(d0 | hp));
      store<u64>(n, hp & d0, 8);
      store<u64>(n, d0, 16);
      store<u64>(n, pmj, 24);
    }
    dist += <i32>hpCarry - <i32>hnCarry;
    const tmp = oldRow;
    oldRow = newRow;
    newRow = tmp;
  }
  return dist;
}
