// Agglomerative linkage on a sparse graph: the dissimilarity of two items is the distance of
// the edge between them, or 1 when there is none (no evidence). Edge distances lie in [0, 1].
//
// Merges are made closest first under the total order (distance, a, b) on cluster ids, so
// the result does not depend on edge order. Only merges below 1 and within `maxDistance` are
// made; when `maxDistance` > 1 the remaining clusters, all then at distance 1, are merged too,
// giving the full dendrogram of the matrix where missing pairs are 1.
//
// single:   Kruskal on the edges sorted by (distance, lo, hi) with union-find.
// average / complete: a priority queue over cluster adjacency with lazy invalidation. Each
//   cluster keeps an adjacency list of (neighbour, pair count, value) where value is the sum
//   (average) or maximum (complete) of the given edge distances between the two clusters.
//   Neighbour ids in a list may be stale (merged since); they are mapped to their current
//   cluster with union-find, and entries that map to the same cluster are combined, which is
//   exact because sums and maxima over disjoint parts combine. Average distance is
//   (sum + missing pairs) / (|A| |B|); complete distance is the maximum when every pair is
//   given, else 1, and such pairs can never merge below 1 again, so they are dropped.

import { MergeTable, mergeRemainingAtOne } from './merges';
import { PairQueue } from './pair-queue';
import { allocBuffer, freeBuffer, getF64, getI32, getU8, setF64, setI32, setU8 } from './raw';
import { sortEdges } from './sort';
import { disjointFind, disjointInit, disjointUnionRoots } from './union-find';

export const METHOD_SINGLE: i32 = 0;
export const METHOD_AVERAGE: i32 = 1;
export const METHOD_COMPLETE: i32 = 2;

/** Index of the first edge (in input order) that repeats an earlier edge's pair, or -1. */
export function findDuplicateEdge(n: i32, m: i32, left: usize, right: usize): i32 {
  // Bucket edges by their lower endpoint, in input order, then check each bucket's upper ends.
  const start = allocBuffer(n + 1, 4, true);
  for (let e: i32 = 0; e < m; e++) {
    const lo = min(getI32(left, e), getI32(right, e));
    setI32(start, lo + 1, getI32(start, lo + 1) + 1);
  }
  for (let i: i32 = 0; i < n; i++) setI32(start, i + 1, getI32(start, i + 1) + getI32(start, i));
  const fill = allocBuffer(n, 4);
  memory.copy(fill, start, <usize>n << 2);
  const bucket = allocBuffer(m, 4);
  for (let e: i32 = 0; e < m; e++) {
    const lo = min(getI32(left, e), getI32(right, e));
    const at = getI32(fill, lo);
    setI32(bucket, at, e);
    setI32(fill, lo, at + 1);
  }
  const seenBy = fill; // reused: seenBy[hi] = lo + 1 of the bucket that last saw hi
  memory.fill(seenBy, 0, <usize>n << 2);
  let found: i32 = -1;
  for (let lo: i32 = 0; lo < n; lo++) {
    const end = getI32(start, lo + 1);
    for (let k = getI32(start, lo); k < end; k++) {
      const e = getI32(bucket, k);
      const hi = max(getI32(left, e), getI32(right, e));
      if (getI32(seenBy, hi) == lo + 1) {
        if (found < 0 || e < found) found = e;
      } else {
        setI32(seenBy, hi, lo + 1);
      }
    }
  }
  freeBuffer(bucket);
  freeBuffer(fill);
  freeBuffer(start);
  return found;
}

/** Sparse linkage; edges are valid (in range, no self-loops or duplicates, distances in
 * [0, 1]). Writes the merges and returns their count. */
export function sparseLinkage(
  method: i32,
  n: i32,
  m: i32,
  left: usize,
  right: usize,
  dist: usize,
  maxDistance: f64,
  out: MergeTable,
): i32 {
  if (n < 2) return 0;
  if (method == METHOD_SINGLE) kruskal(n, m, left, right, dist, maxDistance, out);
  else agglomerate(method, n, m, left, right, dist, maxDistance, out);
  return out.count;
}

@inline function mergeable(d: f64, maxDistance: f64): bool {
  return d < 1.0 && d <= maxDistance;
}

function kruskal(n: i32, m: i32, left: usize, right: usize, dist: usize, maxDistance: f64, out: MergeTable): void {
  const lo = allocBuffer(m, 4);
  const hi = allocBuffer(m, 4);
  for (let e: i32 = 0; e < m; e++) {
    const l = getI32(left, e);
    const r = getI32(right, e);
    setI32(lo, e, min(l, r));
    setI32(hi, e, max(l, r));
  }
  const order = allocBuffer(m, 4);
  sortEdges(order, m, dist, lo, hi);

  const parent = allocBuffer(n, 4);
  const setSize = allocBuffer(n, 4);
  disjointInit(parent, setSize, n);
  const clusterOf = allocBuffer(n, 4); // root item -> current cluster id
  for (let i: i32 = 0; i < n; i++) setI32(clusterOf, i, i);
  const total = 2 * n - 1;
  const live = allocBuffer(total, 1, true);
  const clusterSize = allocBuffer(total, 4);
  for (let i: i32 = 0; i < n; i++) {
    setU8(live, i, 1);
    setI32(clusterSize, i, 1);
  }

  for (let k: i32 = 0; k < m && out.count < n - 1; k++) {
    const e = getI32(order, k);
    const d = getF64(dist, e);
    if (!mergeable(d, maxDistance)) break; // sorted: nothing later qualifies
    const ra = disjointFind(parent, getI32(lo, e));
    const rb = disjointFind(parent, getI32(hi, e));
    if (ra == rb) continue;
    const ca = getI32(clusterOf, ra);
    const cb = getI32(clusterOf, rb);
    const size = getI32(setSize, ra) + getI32(setSize, rb);
    const id = out.add(ca, cb, d, size);
    const root = disjointUnionRoots(parent, setSize, ra, rb);
    setI32(clusterOf, root, id);
    setU8(live, ca, 0);
    setU8(live, cb, 0);
    setU8(live, id, 1);
    setI32(clusterSize, id, size);
  }
  if (maxDistance > 1.0) mergeRemainingAtOne(out, live, clusterSize);

  freeBuffer(clusterSize);
  freeBuffer(live);
  freeBuffer(clusterOf);
  freeBuffer(setSize);
  freeBuffer(parent);
  freeBuffer(order);
  freeBuffer(hi);
  freeBuffer(lo);
}

// Adjacency entries: i32 neighbour, i32 pair count, f64 value.
const ENTRY: usize = 16;

function agglomerate(
  method: i32,
  n: i32,
  m: i32,
  left: usize,
  right: usize,
  dist: usize,
  maxDistance: f64,
  out: MergeTable,
): void {
  const complete = method == METHOD_COMPLETE;
  const total = 2 * n - 1;

  // Item adjacency (both directions) in one pool; merged clusters get their own lists.
  const degree = allocBuffer(n + 1, 4, true);
  for (let e: i32 = 0; e < m; e++) {
    const l = getI32(left, e);
    const r = getI32(right, e);
    setI32(degree, l + 1, getI32(degree, l + 1) + 1);
    setI32(degree, r + 1, getI32(degree, r + 1) + 1);
  }
  for (let i: i32 = 0; i < n; i++) setI32(degree, i + 1, getI32(degree, i + 1) + getI32(degree, i));
  const pool = allocBuffer(2 * m, <i32>ENTRY);
  const listPtr = allocBuffer(total, sizeof<usize>());
  const listLen = allocBuffer(total, 4, true);
  for (let i: i32 = 0; i < n; i++) {
    store<usize>(listPtr + (<usize>i) * sizeof<usize>(), pool + <usize>getI32(degree, i) * ENTRY);
  }
  // Each item's list in neighbour order, whatever the edge order, so that sums of distances
  // are always added in the same order: edge ends bucketed by neighbour, then appended to
  // their owners' lists in that order (a two-key counting sort).
  const byNeighbour = allocBuffer(2 * m, 4); // edge end k: edge k >> 1, owner left (even) or right (odd)
  const start = allocBuffer(n + 1, 4, true);
  for (let e: i32 = 0; e < m; e++) {
    const l = getI32(left, e);
    const r = getI32(right, e);
    setI32(start, r + 1, getI32(start, r + 1) + 1); // end owned by left, neighbour right
    setI32(start, l + 1, getI32(start, l + 1) + 1);
  }
  for (let i: i32 = 0; i < n; i++) setI32(start, i + 1, getI32(start, i + 1) + getI32(start, i));
  for (let e: i32 = 0; e < m; e++) {
    const l = getI32(left, e);
    const r = getI32(right, e);
    const atR = getI32(start, r);
    setI32(byNeighbour, atR, e << 1);
    setI32(start, r, atR + 1);
    const atL = getI32(start, l);
    setI32(byNeighbour, atL, (e << 1) | 1);
    setI32(start, l, atL + 1);
  }
  for (let k: i32 = 0; k < 2 * m; k++) {
    const end = getI32(byNeighbour, k);
    const e = end >> 1;
    const owner = end & 1 ? getI32(right, e) : getI32(left, e);
    const neighbour = end & 1 ? getI32(left, e) : getI32(right, e);
    appendEntry(listPtr, listLen, owner, neighbour, 1, getF64(dist, e));
  }
  freeBuffer(start);
  freeBuffer(byNeighbour);
  freeBuffer(degree);
  const queue = new PairQueue(m);
  for (let e: i32 = 0; e < m; e++) {
    const d = getF64(dist, e);
    if (mergeable(d, maxDistance)) {
      const l = getI32(left, e);
      const r = getI32(right, e);
      queue.push(d, min(l, r), max(l, r));
    }
  }

  const up = allocBuffer(total, 4); // cluster id -> the cluster it merged into (itself if live)
  const live = allocBuffer(total, 1, true);
  const clusterSize = allocBuffer(total, 4);
  const stamp = allocBuffer(total, 4);
  const slot = allocBuffer(total, 4);
  for (let i: i32 = 0; i < total; i++) {
    setI32(up, i, i);
    setI32(stamp, i, -1);
  }
  for (let i: i32 = 0; i < n; i++) {
    setU8(live, i, 1);
    setI32(clusterSize, i, 1);
  }

  while (queue.length > 0 && out.count < n - 1) {
    queue.pop();
    const a = queue.topA;
    const b = queue.topB;
    if (getU8(live, a) == 0 || getU8(live, b) == 0) continue;
    const sizeA = getI32(clusterSize, a);
    const sizeB = getI32(clusterSize, b);
    const size = sizeA + sizeB;
    const id = out.add(a, b, queue.topDistance, size);
    setU8(live, a, 0);
    setU8(live, b, 0);
    setU8(live, id, 1);
    setI32(up, a, id);
    setI32(up, b, id);
    setI32(clusterSize, id, size);

    // The new cluster's list: both lists, neighbours mapped to current clusters and combined.
    const ptrA = load<usize>(listPtr + (<usize>a) * sizeof<usize>());
    const ptrB = load<usize>(listPtr + (<usize>b) * sizeof<usize>());
    const lenA = getI32(listLen, a);
    const lenB = getI32(listLen, b);
    const list = allocBuffer(lenA + lenB, <i32>ENTRY);
    let len: i32 = 0;
    for (let side: i32 = 0; side < 2; side++) {
      const src = side == 0 ? ptrA : ptrB;
      const srcLen = side == 0 ? lenA : lenB;
      for (let k: i32 = 0; k < srcLen; k++) {
        const entry = src + <usize>k * ENTRY;
        const c = disjointFind(up, load<i32>(entry));
        if (c == id) continue;
        const count = load<i32>(entry, 4);
        const value = load<f64>(entry, 8);
        if (getI32(stamp, c) != id) {
          setI32(stamp, c, id);
          setI32(slot, c, len);
          const target = list + <usize>len * ENTRY;
          store<i32>(target, c);
          store<i32>(target, count, 4);
          store<f64>(target, value, 8);
          len++;
        } else {
          const target = list + <usize>getI32(slot, c) * ENTRY;
          store<i32>(target, load<i32>(target, 4) + count, 4);
          const prior = load<f64>(target, 8);
          store<f64>(target, complete ? max(prior, value) : prior + value, 8);
        }
      }
    }
    if (a >= n) freeBuffer(ptrA);
    if (b >= n) freeBuffer(ptrB);
    setI32(listLen, a, 0);
    setI32(listLen, b, 0);

    // Distances to the neighbours; complete drops pairs that can never merge below 1.
    let kept: i32 = 0;
    for (let k: i32 = 0; k < len; k++) {
      const entry = list + <usize>k * ENTRY;
      const c = load<i32>(entry);
      const count = load<i32>(entry, 4);
      const value = load<f64>(entry, 8);
      const pairs = <f64>size * <f64>getI32(clusterSize, c);
      let d: f64;
      if (complete) {
        if (<f64>count < pairs || !mergeable(value, maxDistance)) continue;
        d = value;
      } else {
        d = (value + (pairs - <f64>count)) / pairs;
      }
      if (kept != k) {
        const target = list + <usize>kept * ENTRY;
        store<i32>(target, c);
        store<i32>(target, count, 4);
        store<f64>(target, value, 8);
      }
      kept++;
      if (mergeable(d, maxDistance)) queue.push(d, c, id);
    }
    store<usize>(listPtr + (<usize>id) * sizeof<usize>(), list);
    setI32(listLen, id, kept);
  }
  // Free the lists of the merged clusters still live (items' lists are in the pool).
  const ids = n + out.count;
  for (let c: i32 = n; c < ids; c++) {
    if (getU8(live, c) != 0) freeBuffer(load<usize>(listPtr + (<usize>c) * sizeof<usize>()));
  }
  if (maxDistance > 1.0) mergeRemainingAtOne(out, live, clusterSize);

  queue.release();
  heap.free(changetype<usize>(queue));
  freeBuffer(slot);
  freeBuffer(stamp);
  freeBuffer(clusterSize);
  freeBuffer(live);
  freeBuffer(up);
  freeBuffer(listLen);
  freeBuffer(listPtr);
  freeBuffer(pool);
}

@inline function appendEntry(listPtr: usize, listLen: usize, owner: i32, neighbour: i32, count: i32, value: f64): void {
  const len = getI32(listLen, owner);
  const entry = load<usize>(listPtr + (<usize>owner) * sizeof<usize>()) + <usize>len * ENTRY;
  store<i32>(entry, neighbour);
  store<i32>(entry, count, 4);
  store<f64>(entry, value, 8);
  setI32(listLen, owner, len + 1);
}
