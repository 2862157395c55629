// Stable bottom-up merge sort of an index permutation by (distance, lo, hi): the order in which
// edges (or tree merges) are taken, independent of input order.

import { allocBuffer, freeBuffer, getF64, getI32, setI32 } from './raw';

@inline function edgeBefore(x: i32, y: i32, dist: usize, lo: usize, hi: usize): bool {
  const dx = getF64(dist, x);
  const dy = getF64(dist, y);
  if (dx != dy) return dx < dy;
  const lx = getI32(lo, x);
  const ly = getI32(lo, y);
  if (lx != ly) return lx < ly;
  return getI32(hi, x) < getI32(hi, y);
}

/** Writes into `order` (m i32) the indices 0..m-1 sorted by (dist, lo, hi); equal keys keep
 * index order. */
export function sortEdges(order: usize, m: i32, dist: usize, lo: usize, hi: usize): void {
  for (let i: i32 = 0; i < m; i++) setI32(order, i, i);
  if (m < 2) return;
  let src = order;
  let dst = allocBuffer(m, 4);
  const spare = dst;
  // Insertion sort on runs of 16, then merge passes.
  const RUN: i32 = 16;
  for (let start: i32 = 0; start < m; start += RUN) {
    const end = min(start + RUN, m);
    for (let i = start + 1; i < end; i++) {
      const v = getI32(src, i);
      let j = i - 1;
      while (j >= start && edgeBefore(v, getI32(src, j), dist, lo, hi)) {
        setI32(src, j + 1, getI32(src, j));
        j--;
      }
      setI32(src, j + 1, v);
    }
  }
  for (let width: i32 = RUN; width < m; width <<= 1) {
    for (let left: i32 = 0; left < m; left += 2 * width) {
      const mid = min(left + width, m);
      const right = min(left + 2 * width, m);
      let i = left;
      let j = mid;
      let k = left;
      while (i < mid && j < right) {
        const vi = getI32(src, i);
        const vj = getI32(src, j);
        if (edgeBefore(vj, vi, dist, lo, hi)) {
          setI32(dst, k++, vj);
          j++;
        } else {
          setI32(dst, k++, vi);
          i++;
        }
      }
      while (i < mid) setI32(dst, k++, getI32(src, i++));
      while (j < right) setI32(dst, k++, getI32(src, j++));
    }
    const t = src;
    src = dst;
    dst = t;
  }
  if (src != order) memory.copy(order, src, <usize>m << 2);
  freeBuffer(spare);
}
