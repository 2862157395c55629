// Indel distance (insertions and deletions only) = len(a) + len(b) - 2 LCS(a, b), with the
// LCS length by the bit-parallel algorithm of Allison-Dix / Hyyrö; multi-word beyond 64.

import { pmRow, pmSingle, pmWords, symbolAt } from './pattern';
import { scratch } from '../util/scratch';

const vecBuf = scratch();

/** Distance between the current pattern (`plen` > 0 code points) and a non-empty text. */
export function indelDistance(plen: i32, t: usize, tlen: i32): i32 {
  return plen + tlen - 2 * (plen <= 64 ? lcsWord(plen, t, tlen) : lcsBlock(plen, t, tlen));
}

function lcsWord(plen: i32, t: usize, tlen: i32): i32 {
  let s: u64 = ~(<u64>0);
  for (let j: i32 = 0; j < tlen; j++) {
    const u = s & pmSingle(symbolAt(t, j));
    s = (s + u) | (s - u);
  }
  const mask: u64 = plen == 64 ? ~(<u64>0) : (<u64>1 << <u64>plen) - 1;
  return <i32>popcnt(~s & mask);
}

function lcsBlock(plen: i32, t: usize, tlen: i32): i32 {
  const words = pmWords;
  const s = vecBuf.get(<usize>words << 3);
  for (let w: i32 = 0; w < words; w++) store<u64>(s + (<usize>w << 3), ~(<u64>0));
  for (let j: i32 = 0; j < tlen; j++) {
    const row = pmRow(symbolAt(t, j));
    let carry: u64 = 0;
    for (let w: i32 = 0; w < words; w++) {
      const sp = s + (<usize>w << 3);
      const sw = load<u64>(sp);
      const u = sw & load<u64>(row + (<usize>w << 3));
      const sum1 = sw + carry;
      const c1 = <u64>(sum1 < carry);
      const sum2 = sum1 + u;
      const c2 = <u64>(sum2 < u);
      carry = c1 | c2;
      store<u64>(sp, sum2 | (sw - u));
    }
  }
  let lcs: i32 = 0;
  const full = plen >> 6;
  for (let w: i32 = 0; w < full; w++) lcs += <i32>popcnt(~load<u64>(s + (<usize>w << 3)));
  const rest = plen & 63;
  if (rest != 0) lcs += <i32>popcnt(~load<u64>(s + (<usize>full << 3)) & ((<u64>1 << <u64>rest) - 1));
  return lcs;
}
