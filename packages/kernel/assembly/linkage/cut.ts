// Flat groupings: cutting a dendrogram at a distance, and connected components of a graph.

import { allocBuffer, freeBuffer, getF64, getI32, setI32 } from './raw';
import { disjointFind, disjointInit, disjointLabels, disjointUnionRoots } from './union-find';

/** Groups items joined by merges at distance <= threshold; writes each item's group
 * (0..k-1 in order of first item) into `out` and returns k. A merge joins every item of its
 * two clusters, so the result is well defined for any valid merge table. */
export function cutTree(n: i32, count: i32, a: usize, b: usize, distance: usize, threshold: f64, out: usize): i32 {
  // One representative item per cluster id.
  const representative = allocBuffer(n + count, 4);
  for (let i: i32 = 0; i < n; i++) setI32(representative, i, i);
  const parent = allocBuffer(n, 4);
  const setSize = allocBuffer(n, 4);
  disjointInit(parent, setSize, n);
  for (let k: i32 = 0; k < count; k++) {
    const ra = getI32(representative, getI32(a, k));
    const rb = getI32(representative, getI32(b, k));
    setI32(representative, n + k, ra);
    if (getF64(distance, k) <= threshold) {
      const x = disjointFind(parent, ra);
      const y = disjointFind(parent, rb);
      if (x != y) disjointUnionRoots(parent, setSize, x, y);
    }
  }
  const groups = disjointLabels(parent, setSize, n, out);
  freeBuffer(setSize);
  freeBuffer(parent);
  freeBuffer(representative);
  return groups;
}

/** Connected components of the graph with `m` edges; same numbering as cutTree. */
export function connectedComponents(n: i32, m: i32, left: usize, right: usize, out: usize): i32 {
  const parent = allocBuffer(n, 4);
  const setSize = allocBuffer(n, 4);
  disjointInit(parent, setSize, n);
  for (let e: i32 = 0; e < m; e++) {
    const x = disjointFind(parent, getI32(left, e));
    const y = disjointFind(parent, getI32(right, e));
    if (x != y) disjointUnionRoots(parent, setSize, x, y);
  }
  const groups = disjointLabels(parent, setSize, n, out);
  freeBuffer(setSize);
  freeBuffer(parent);
  return groups;
}
