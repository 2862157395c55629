// Linkage of a dense dissimilarity matrix given as SciPy's condensed vector (row-major upper
// triangle, length n(n-1)/2), after Müllner's fastcluster (2011, arXiv:1109.2378):
//
// single:   Prim's minimum spanning tree over the matrix, O(n^2) time, O(n) extra memory.
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

/** Writes the n - 1 merges of the condensed matrix at `condensed` (overwritten) into `out`. */
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

@inline function entry(rowBase: usize, i: i32, j: i32): usize {
  // Address of the dissimilarity between i and j (i != j).
  const lo = min(i, j);
  const hi = max(i, j);
  return load<usize>(rowBase + (<usize>lo) * sizeof<usize>()) + (<usize>hi << 3);
}

@inline function rowOf(rowBase: usize, i: i32): usize {
  return load<usize>(rowBase + (<usize>i) * sizeof<usize>());
}

function primTree(n: i32, rowBase: usize, x: usize, y: usize, d: usize): void {
  // Active items as a doubly linked list; best[i] = distance from the tree to item i.
  const next = allocBuffer(n + 1, 4);
  const prev = allocBuffer(n + 1, 4);
  const best = allocBuffer(n, 8);
  for (let i: i32 = 0; i <= n; i++) {
    setI32(next, i, i + 1);
    setI32(prev, i, i - 1);
  }
  for (let i: i32 = 0; i < n; i++) setF64(best, i, Infinity);
  // Item 0 starts the tree; the list holds 1..n-1, with n as its end and `head` its start.
  let head: i32 = 1;
  let current: i32 = 0;
  for (let step: i32 = 0; step < n - 1; step++) {
    let nearest = head;
    let nearestDistance: f64 = Infinity;
    const row = rowOf(rowBase, current);
    for (let i = head; i < n; i = getI32(next, i)) {
      const dist = i > current ? load<f64>(row + (<usize>i << 3)) : load<f64>(entry(rowBase, i, current));
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
    setI32(x, step, current);
    setI32(y, step, nearest);
    setF64(d, step, nearestDistance);
    // Unlink `nearest`.
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

function nearestNeighbourChain(complete: bool, n: i32, rowBase: usize, x: usize, y: usize, d: usize): void {
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
    let nearestDistance: f64;
    if (chainLength <= 3) {
      a = head;
      chainLength = 1;
      setI32(chain, 0, a);
      b = getI32(next, a);
      const row = rowOf(rowBase, a);
      nearestDistance = load<f64>(row + (<usize>b << 3));
      for (let i = getI32(next, b); i < n; i = getI32(next, i)) {
        const dist = load<f64>(row + (<usize>i << 3));
        if (dist < nearestDistance) {
          nearestDistance = dist;
          b = i;
        }
      }
    } else {
      chainLength -= 3;
      a = getI32(chain, chainLength - 1);
      b = getI32(chain, chainLength);
      nearestDistance = load<f64>(entry(rowBase, a, b));
    }
    // Follow nearest neighbours until two are mutual (the previous link wins ties).
    while (true) {
      setI32(chain, chainLength++, b);
      let c = a;
      // Items before b: column b of their rows; items after b: b's own row.
      let i = head;
      for (; i < b; i = getI32(next, i)) {
        const dist = load<f64>(rowOf(rowBase, i) + (<usize>b << 3));
        if (dist < nearestDistance) {
          nearestDistance = dist;
          c = i;
        }
      }
      const row = rowOf(rowBase, b);
      for (i = getI32(next, b); i < n; i = getI32(next, i)) {
        const dist = load<f64>(row + (<usize>i << 3));
        if (dist < nearestDistance) {
          nearestDistance = dist;
          c = i;
        }
      }
      a = b;
      b = c;
      if (chainLength >= 2 && b == getI32(chain, chainLength - 2)) break;
    }
    // a and b are mutual nearest neighbours: merge into the larger index, drop the smaller.
    const lo = min(a, b);
    const hi = max(a, b);
    setI32(x, step, lo);
    setI32(y, step, hi);
    setF64(d, step, nearestDistance);
    const sizeLo = <f64>getI32(size, lo);
    const sizeHi = <f64>getI32(size, hi);
    const total = sizeLo + sizeHi;
    // Unlink lo.
    const p = getI32(prev, lo);
    const q = getI32(next, lo);
    if (lo == head) head = q;
    else setI32(next, p, q);
    setI32(prev, q, p);
    // Lance-Williams update of row/column hi from lo and hi.
    for (let k = head; k < n; k = getI32(next, k)) {
      if (k == hi) continue;
      const at = entry(rowBase, k, hi);
      const dl = load<f64>(entry(rowBase, k, lo));
      const dh = load<f64>(at);
      store<f64>(at, complete ? max(dl, dh) : (sizeLo * dl + sizeHi * dh) / total);
    }
    setI32(size, hi, getI32(size, lo) + getI32(size, hi));
  }
  freeBuffer(chain);
  freeBuffer(size);
  freeBuffer(prev);
  freeBuffer(next);
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
