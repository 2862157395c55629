// Levenshtein distance (unit weights), bit-parallel after Myers (1999) in Hyyrö's (2003)
// formulation; multi-word blocks beyond 64 code points. The pattern's match vectors must be
// built (metrics/pattern) before calling; metrics/score handles empty strings and cutoffs.

import { pmRow, pmSingle, pmWords, symbolAt } from './pattern';
import { scratch } from '../util/scratch';

const vecBuf = scratch();

/** Distance between the current pattern (`plen` > 0 code points) and a non-empty text. */
export function levenshteinDistance(plen: i32, t: usize, tlen: i32): i32 {
  return plen <= 64 ? levenshteinWord(plen, t, tlen) : levenshteinBlock(plen, t, tlen);
}

// The distance is read off the last column at the end: D[m][n] = n + (number of +1 vertical
// steps) - (number of -1 steps) = n + popcount(VP) - popcount(VN) over the pattern's bits.
function levenshteinWord(plen: i32, t: usize, tlen: i32): i32 {
  let vp: u64 = ~(<u64>0);
  let vn: u64 = 0;
  for (let j: i32 = 0; j < tlen; j++) {
    const pmj = pmSingle(symbolAt(t, j));
    const x = pmj | vn;
    const d0 = (((x & vp) + vp) ^ vp) | x;
    let hp = vn | ~(d0 | vp);
    const hn = (d0 & vp) << 1;
    hp = (hp << 1) | 1;
    vp = hn | ~(d0 | hp);
    vn = hp & d0;
  }
  const mask: u64 = plen == 64 ? ~(<u64>0) : (<u64>1 << <u64>plen) - 1;
  return tlen + <i32>popcnt(vp & mask) - <i32>popcnt(vn & mask);
}

function levenshteinBlock(plen: i32, t: usize, tlen: i32): i32 {
  const words = pmWords;
  const vecs = vecBuf.get(<usize>words << 4);
  for (let w: i32 = 0; w < words; w++) {
    store<u64>(vecs + (<usize>w << 4), ~(<u64>0)); // VP
    store<u64>(vecs + (<usize>w << 4), 0, 8); // VN
  }
  let dist = plen;
  const last: u64 = <u64>1 << <u64>((plen - 1) & 63);
  for (let j: i32 = 0; j < tlen; j++) {
    const row = pmRow(symbolAt(t, j));
    let hpCarry: u64 = 1;
    let hnCarry: u64 = 0;
    for (let w: i32 = 0; w < words; w++) {
      const v = vecs + (<usize>w << 4);
      const vp = load<u64>(v);
      const vn = load<u64>(v, 8);
      const pmj = load<u64>(row + (<usize>w << 3));
      const x = pmj | hnCarry;
      const d0 = (((x & vp) + vp) ^ vp) | x | vn;
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
      store<u64>(v, hn | ~(d0 | hp));
      store<u64>(v, hp & d0, 8);
    }
    dist += <i32>hpCarry - <i32>hnCarry;
  }
  return dist;
}
