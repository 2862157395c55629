// Pattern-match vectors: for the current pattern string, the bit mask of the positions where
// each symbol occurs (bit i of word w <=> pattern[64 w + i] == symbol). Symbols are the dense
// ids of util/alphabet, so the tables are plain arrays: one u64 per symbol for patterns of at
// most 64 code points, and for longer ones a row of `pmWords` u64 per distinct symbol (row 0
// stays zero for symbols absent from the pattern). Building costs O(pattern); the previous
// pattern's entries are cleared, not the whole table.

import { scratch } from '../util/scratch';

const singleBuf = scratch();
const localBuf = scratch();
const blockBuf = scratch();

/** symbol -> u64 mask, patterns of <= 64 code points. */
export let pmSingleTab: usize = 0;
/** symbol -> row index in pmBlockTab (0 = absent). */
export let pmLocalTab: usize = 0;
/** (rows + 1) * pmWords u64; row 0 is all zero. */
export let pmBlockTab: usize = 0;
export let pmWords: i32 = 0;

let pmPtr: usize = 0;
let pmLen: i32 = -1;

/** Prepares empty tables for an alphabet of `alphabet` symbols (start of every batch). */
export function pmReset(alphabet: i32): void {
  pmSingleTab = singleBuf.get(<usize>max(alphabet, 1) << 3, true);
  pmLocalTab = localBuf.get(<usize>max(alphabet, 1) << 2, true);
  pmPtr = 0;
  pmLen = -1;
  pmWords = 0;
}

@inline
export function symbolAt(ptr: usize, i: i32): i32 {
  return load<i32>(ptr + (<usize>i << 2));
}

@inline
export function pmSingle(sym: i32): u64 {
  return load<u64>(pmSingleTab + (<usize>sym << 3));
}

/** Pointer to the row of `pmWords` masks of `sym` (a zero row when absent). */
@inline
export function pmRow(sym: i32): usize {
  return pmBlockTab + ((<usize>load<i32>(pmLocalTab + (<usize>sym << 2)) * <usize>pmWords) << 3);
}

/** Builds the tables for the pattern at `ptr` (a no-op when it is the current one). */
export function pmBuild(ptr: usize, len: i32): void {
  if (ptr == pmPtr && len == pmLen) return;
  pmClear();
  pmPtr = ptr;
  pmLen = len;
  if (len <= 64) {
    pmWords = 1;
    for (let i: i32 = 0; i < len; i++) {
      const slot = pmSingleTab + (<usize>symbolAt(ptr, i) << 3);
      store<u64>(slot, load<u64>(slot) | (<u64>1 << <u64>i));
    }
    return;
  }
  const words = (len + 63) >> 6;
  pmWords = words;
  let rows: i32 = 0;
  for (let i: i32 = 0; i < len; i++) {
    const slot = pmLocalTab + (<usize>symbolAt(ptr, i) << 2);
    if (load<i32>(slot) == 0) store<i32>(slot, ++rows);
  }
  pmBlockTab = blockBuf.get((<usize>(rows + 1) * <usize>words) << 3, true);
  for (let i: i32 = 0; i < len; i++) {
    const slot = pmRow(symbolAt(ptr, i)) + (<usize>(i >> 6) << 3);
    store<u64>(slot, load<u64>(slot) | (<u64>1 << <u64>(i & 63)));
  }
}

/** Forgets the current pattern (its table entries are zeroed). */
export function pmClear(): void {
  if (pmLen < 0) return;
  if (pmLen <= 64) {
    for (let i: i32 = 0; i < pmLen; i++) store<u64>(pmSingleTab + (<usize>symbolAt(pmPtr, i) << 3), 0);
  } else {
    for (let i: i32 = 0; i < pmLen; i++) store<i32>(pmLocalTab + (<usize>symbolAt(pmPtr, i) << 2), 0);
  }
  pmPtr = 0;
  pmLen = -1;
}
