// Maps the code points of a batch's pool to dense symbol ids 0..size-1, in place, so that
// pattern-match tables are plain arrays indexed by symbol (no hashing in the hot loops).
// Equal code points get equal ids, so every metric is unchanged by the mapping.

import { scratch } from './scratch';

const MAX_CODE_POINT: i32 = 0x10ffff;
// code point -> id + 1 (0 = unseen): 4.4 MB of static memory below the heap (so it never
// splits the heap's free space), all zero between calls.
const table: usize = memory.data(<i32>(MAX_CODE_POINT + 1) << 2, 16);
const seen = scratch(); // ids -> code point, to reset the table afterwards

/** Rewrites `count` code points at `ptr` as dense ids; returns the alphabet size. */
export function remapToSymbols(ptr: usize, count: i32): i32 {
  let size: i32 = 0;
  let list = seen.get(64 << 2);
  for (let i: i32 = 0; i < count; i++) {
    const p = ptr + (<usize>i << 2);
    const cp = load<i32>(p);
    const slot = table + (<usize>cp << 2);
    let id = load<i32>(slot);
    if (id == 0) {
      id = ++size;
      store<i32>(slot, id);
      list = seen.get(<usize>size << 2);
      store<i32>(list + (<usize>(size - 1) << 2), cp);
    }
    store<i32>(p, id - 1);
  }
  for (let i: i32 = 0; i < size; i++) {
    store<i32>(table + (<usize>load<i32>(list + (<usize>i << 2)) << 2), 0);
  }
  return size;
}
