// Linkage of a dense dissimilarity matrix given as SciPy's condensed vector (row-major upper
// triangle, length n(n-1)/2), after Müllner's fastcluster (2011, arXiv:1109.2378).
//
// single:   Prim's minimum spanning tree over the matrix, O(n^2) time, O(n) extra memory. (For
//   a large matrix the bindings run Prim over the caller's array instead, which single linkage
//   only reads, rather than copy it here; `treeLinkage` then turns their tree into merges.)
// average / complete: nearest-neighbour chain with Lance-Williams updates done in place in the
//   condensed matrix (the kernel's own copy), O(n^2) time, O(n) extra memory.
//
// Both produce merges between representative items in discovery order; these are sorted by
// distance (stably) and relabelled to SciPy's cluster ids with union-find.

import { MergeTable } from './merges';
import { METHOD_COMPLETE, METHOD_SINGLE } from './sparse';
import { allocBuffer, freeBuffer, getF64, getI32, setF64, setI32 } from './raw';
import { sortEdges } from './sort';
import { disjointFind, disjointInit, disjointUnionRoots } from './union-find';

/** Writes the n - 1 merges of the condensed matrix at `condensed` (overwritten by average and
 * complete) into `out`. */
export function denseLinkage(method: i32, n: i32, condensed: usize, out: MergeTable): i32 {
  if (n < 2) return 0;
  const x = allocBuffer(n - 1, 4);
  const y = allocBuffer(n - 1, 4);
  const d = allocBuffer(n - 1, 8);
  // rowBase[i] + 8j is the address of entry (i, j), i < j.
  const rowBase = allocBuffer(n, sizeof<usize>());
  for (let i: i32 = 0; i < n; i++) {
    const offset = <i64>i * <i64>n - ((<i64>i * <i64>(i + 1)) >> 1) - <i64>i - 1;
    store<usize>(rowBase + (<usize>i) * sizeof<usize>(), condensed + <usize>(offset << 3));
  }
  if (method == METHOD_SINGLE) primTree(n, rowBase, x, y, d);
  else nearestNeighbourChain(method == METHOD_COMPLETE, n, rowBase, x, y, d);
  relabel(n, x, y, d, out);
  freeBuffer(rowBase);
  freeBuffer(d);
  freeBuffer(y);
  freeBuffer(x);
  return out.count;
}

/** Single linkage from a minimum spanning tree: edge k joins items x[k] and y[k] at d[k]. */
export function treeLinkage(n: i32, x: usize, y: usize, d: usize, out: MergeTable): i32 {
  if (n < 2) return 0;
  relabel(n, x, y, d, out);
  return out.count;
}

@inline function entry(rowBase: usize, i: i32, j: i32): usize {
  // Address of the dissimilarity between i and j (i != j).
  const lo = min(i, j);
  const hi = max(i, j);
  return load<usize>(rowBase + (<usize>lo) * sizeof<usize>()) + (<usize>hi << 3);
}

@inline function rowOf(rowBase: usize, i: i32): usize {
  return load<usize>(rowBase + (<usize>i) * sizeof<usize>());
}

// The scans below are functions of their own, called at every step: a WASM engine that
// starts with baseline code and optimises hot functions in the background (V8's Liftoff and
// TurboFan) switches to the optimised code at the next call, which it could not do inside
// one long-running loop.

let scanDistance: f64 = 0;

/** Prim's step: lowers best[i] to the distance from `current` for every item still outside
 * the tree and returns the closest of them (its distance in scanDistance). */
function primScan(n: i32, rowBase: usize, next: usize, head: i32, best: usize, current: i32): i32 {
  let nearest = head;
  let nearestDistance: f64 = Infinity;
  const column = <usize>current << 3;
  let i = head;
  for (; i < current; i = getI32(next, i)) {
    const dist = load<f64>(rowOf(rowBase, i) + column);
    let b = getF64(best, i);
    if (dist < b) {
      b = dist;
      setF64(best, i, b);
    }
    if (b < nearestDistance) {
      nearestDistance = b;
      nearest = i;
    }
  }
  const row = rowOf(rowBase, current);
  for (; i < n; i = getI32(next, i)) {
    const dist = load<f64>(row + (<usize>i << 3));
    let b = getF64(best, i);
    if (dist < b) {
      b = dist;
      setF64(best, i, b);
    }
    if (b < nearestDistance) {
      nearestDistance = b;
      nearest = i;
    }
  }
  scanDistance = nearestDistance;
  return nearest;
}

function primTree(n: i32, rowBase: usize, x: usize, y: usize, d: usize): void {
  // Items outside the tree as a doubly linked list (n ends it); best[i] = distance to the tree.
  const next = allocBuffer(n + 1, 4);
  const prev = allocBuffer(n + 1, 4);
  const best = allocBuffer(n, 8);
  for (let i: i32 = 0; i <= n; i++) {
    setI32(next, i, i + 1);
    setI32(prev, i, i - 1);
  }
  for (let i: i32 = 0; i < n; i++) setF64(best, i, Infinity);
  // Item 0 starts the tree: its row gives the first distances.
  let head: i32 = 1;
  let current: i32 = 0;
  let nearest = primScan(n, rowBase, next, head, best, current);
  for (let step: i32 = 0; step < n - 1; step++) {
    if (step > 0) nearest = primScan(n, rowBase, next, head, best, current);
    setI32(x, step, current);
    setI32(y, step, nearest);
    setF64(d, step, scanDistance);
    const p = getI32(prev, nearest);
    const q = getI32(next, nearest);
    if (nearest == head) head = q;
    else setI32(next, p, q);
    if (q < n) setI32(prev, q, p);
    current = nearest;
  }
  freeBuffer(best);
  freeBuffer(prev);
  freeBuffer(next);
}

/** Nearest live neighbour of b, starting from candidate c at distance `dist`, which wins ties
 * (so that the chain never cycles); its distance in scanDistance. */
function nearestTo(n: i32, rowBase: usize, next: usize, head: i32, b: i32, c: i32, dist: f64): i32 {
  const column = <usize>b << 3;
  let i = head;
  for (; i < b; i = getI32(next, i)) {
    const value = load<f64>(rowOf(rowBase, i) + column);
    if (value < dist) {
      dist = value;
      c = i;
    }
  }
  const row = rowOf(rowBase, b);
  for (i = getI32(next, b); i < n; i = getI32(next, i)) {
    const value = load<f64>(row + (<usize>i << 3));
    if (value < dist) {
      dist = value;
      c = i;
    }
  }
  scanDistance = dist;
  return c;
}

/** Lance-Williams update after merging lo into hi (lo already unlinked): the merged cluster's
 * distances, kept in row/column hi, in three ranges so that no address needs a comparison. */
function mergeInto(complete: bool, n: i32, rowBase: usize, next: usize, head: i32, lo: i32, hi: i32, weightLo: f64, weightHi: f64): void {
  const rowLo = rowOf(rowBase, lo);
  const rowHi = rowOf(rowBase, hi);
  const offLo = <usize>lo << 3;
  const offHi = <usize>hi << 3;
  let k = head;
  for (; k < lo; k = getI32(next, k)) {
    const row = rowOf(rowBase, k);
    store<f64>(row + offHi, update(complete, load<f64>(row + offLo), load<f64>(row + offHi), weightLo, weightHi));
  }
  for (; k < hi; k = getI32(next, k)) {
    const at = rowOf(rowBase, k) + offHi;
    store<f64>(at, update(complete, load<f64>(rowLo + (<usize>k << 3)), load<f64>(at), weightLo, weightHi));
  }
  for (k = getI32(next, hi); k < n; k = getI32(next, k)) {
    const at = rowHi + (<usize>k << 3);
    store<f64>(at, update(complete, load<f64>(rowLo + (<usize>k << 3)), load<f64>(at), weightLo, weightHi));
  }
}

function nearestNeighbourChain(complete: bool, n: i32, rowBase: usize, x: usize, y: usize, d: usize): void {
  // Live clusters (by representative item) as a doubly linked list ended by n.
  const next = allocBuffer(n + 1, 4);
  const prev = allocBuffer(n + 1, 4);
  const size = allocBuffer(n, 4);
  const chain = allocBuffer(n, 4);
  for (let i: i32 = 0; i <= n; i++) {
    setI32(next, i, i + 1);
    setI32(prev, i, i - 1);
  }
  for (let i: i32 = 0; i < n; i++) setI32(size, i, 1);
  let head: i32 = 0;
  let chainLength: i32 = 0;

  for (let step: i32 = 0; step < n - 1; step++) {
    let a: i32;
    let b: i32;
    let dist: f64;
    if (chainLength <= 3) {
      // Start a chain at the first live cluster and its nearest neighbour.
      a = head;
      chainLength = 1;
      setI32(chain, 0, a);
      b = getI32(next, a);
      b = nearestTo(n, rowBase, next, b, a, b, load<f64>(rowOf(rowBase, a) + (<usize>b << 3)));
      dist = scanDistance;
    } else {
      // The last merge took the chain's top two: resume below them.
      chainLength -= 3;
      a = getI32(chain, chainLength - 1);
      b = getI32(chain, chainLength);
      dist = load<f64>(entry(rowBase, a, b));
    }
    // Follow nearest neighbours until two are mutual.
    while (true) {
      setI32(chain, chainLength++, b);
      const c = nearestTo(n, rowBase, next, head, b, a, dist);
      dist = scanDistance;
      a = b;
      b = c;
      if (b == getI32(chain, chainLength - 2)) break;
    }
    // a and b are mutual nearest neighbours: merge into the larger index, drop the smaller.
    const lo = min(a, b);
    const hi = max(a, b);
    setI32(x, step, lo);
    setI32(y, step, hi);
    setF64(d, step, dist);
    const sizeLo = <f64>getI32(size, lo);
    const sizeHi = <f64>getI32(size, hi);
    const p = getI32(prev, lo);
    const q = getI32(next, lo);
    if (lo == head) head = q;
    else setI32(next, p, q);
    setI32(prev, q, p);
    const weightLo = sizeLo / (sizeLo + sizeHi);
    const weightHi = sizeHi / (sizeLo + sizeHi);
    // One call per method: the method is a constant at each call site.
    if (complete) mergeInto(true, n, rowBase, next, head, lo, hi, weightLo, weightHi);
    else mergeInto(false, n, rowBase, next, head, lo, hi, weightLo, weightHi);
    setI32(size, hi, getI32(size, lo) + getI32(size, hi));
  }
  freeBuffer(chain);
  freeBuffer(size);
  freeBuffer(prev);
  freeBuffer(next);
}

/** Distance from the merged cluster: complete takes the maximum, average the size-weighted
 * mean (Lance-Williams). */
@inline function update(complete: bool, fromLo: f64, fromHi: f64, weightLo: f64, weightHi: f64): f64 {
  return complete ? max(fromLo, fromHi) : weightLo * fromLo + weightHi * fromHi;
}

/** Sorts the n - 1 representative merges by distance (stably) and writes SciPy's rows. */
function relabel(n: i32, x: usize, y: usize, d: usize, out: MergeTable): void {
  const m = n - 1;
  const order = allocBuffer(m, 4);
  const rank = allocBuffer(m, 4);
  for (let k: i32 = 0; k < m; k++) setI32(rank, k, k);
  sortEdges(order, m, d, rank, rank);
  const parent = allocBuffer(n, 4);
  const setSize = allocBuffer(n, 4);
  disjointInit(parent, setSize, n);
  const clusterOf = allocBuffer(n, 4);
  for (let i: i32 = 0; i < n; i++) setI32(clusterOf, i, i);
  for (let k: i32 = 0; k < m; k++) {
    const e = getI32(order, k);
    const ra = disjointFind(parent, getI32(x, e));
    const rb = disjointFind(parent, getI32(y, e));
    const size = getI32(setSize, ra) + getI32(setSize, rb);
    const id = out.add(getI32(clusterOf, ra), getI32(clusterOf, rb), getF64(d, e), size);
    setI32(clusterOf, disjointUnionRoots(parent, setSize, ra, rb), id);
  }
  freeBuffer(clusterOf);
  freeBuffer(setSize);
  freeBuffer(parent);
  freeBuffer(rank);
  freeBuffer(order);
}
