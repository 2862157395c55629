// The merge table in SciPy's layout: row k joins clusters a < b (ids < n are items, n + j is
// the cluster made by row j) at `distance`, making a cluster of `size` items.

import { allocBuffer, freeBuffer, getI32, getU8, setF64, setI32 } from './raw';

// Unmanaged: allocated and freed explicitly by its caller, so that no collectable garbage is
// left between the large blocks of a call.
@unmanaged
export class MergeTable {
  constructor(
    public n: i32,
    public a: usize,
    public b: usize,
    public distance: usize,
    public size: usize,
  ) {}
  count: i32 = 0;

  /** Appends the merge of clusters x and y; returns the new cluster's id. */
  @inline
  add(x: i32, y: i32, d: f64, size: i32): i32 {
    const k = this.count++;
    setI32(this.a, k, min(x, y));
    setI32(this.b, k, max(x, y));
    setF64(this.distance, k, d);
    setI32(this.size, k, size);
    return this.n + k;
  }
}

/** Finishes a sparse linkage whose remaining clusters are all at distance 1 from each other
 * (no evidence): merges them closest-first under the (distance, a, b) order, i.e. always the
 * two smallest live ids, which yields the full dendrogram of the matrix where missing pairs
 * are 1. `live` flags ids 0..n+count-1, `clusterSize` holds their sizes (2n - 1 slots). */
export function mergeRemainingAtOne(out: MergeTable, live: usize, clusterSize: usize): void {
  const n = out.n;
  const ids = n + out.count;
  const queue = allocBuffer(2 * n, 4);
  let tail: i32 = 0;
  for (let id: i32 = 0; id < ids; id++) {
    if (getU8(live, id) != 0) setI32(queue, tail++, id);
  }
  let head: i32 = 0;
  while (tail - head >= 2) {
    const x = getI32(queue, head);
    const y = getI32(queue, head + 1);
    head += 2;
    const size = getI32(clusterSize, x) + getI32(clusterSize, y);
    const id = out.add(x, y, 1.0, size);
    setI32(clusterSize, id, size);
    setI32(queue, tail++, id);
  }
  freeBuffer(queue);
}
