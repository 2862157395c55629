// Linkage exports (union-find, sparse agglomerative linkage, dense linkage, tree cut).
// Pointers are kernel buffers filled by the bindings, which validate every input first.
// Methods: 0 single, 1 average, 2 complete. Merge outputs hold n - 1 rows.

import { connectedComponents, cutTree } from './cut';
import { denseLinkage, treeLinkage } from './dense';
import { MergeTable } from './merges';
import { findDuplicateEdge, sparseLinkage } from './sparse';

/** Sparse linkage of n items over m edges (left, right: i32; distance: f64 in [0, 1]).
 * Returns the number of merges written to outA / outB (i32), outDistance (f64), outSize (i32). */
export function linkageSparse(
  method: i32,
  n: i32,
  m: i32,
  left: usize,
  right: usize,
  distance: usize,
  maxDistance: f64,
  outA: usize,
  outB: usize,
  outDistance: usize,
  outSize: usize,
): i32 {
  const out = new MergeTable(n, outA, outB, outDistance, outSize);
  const count = sparseLinkage(method, n, m, left, right, distance, maxDistance, out);
  heap.free(changetype<usize>(out));
  return count;
}

/** Dense linkage of the condensed matrix (n(n-1)/2 f64, overwritten by average and complete).
 * Returns n - 1. */
export function linkageDense(method: i32, n: i32, condensed: usize, outA: usize, outB: usize, outDistance: usize, outSize: usize): i32 {
  const out = new MergeTable(n, outA, outB, outDistance, outSize);
  const count = denseLinkage(method, n, condensed, out);
  heap.free(changetype<usize>(out));
  return count;
}

/** Single linkage of n items from the n - 1 edges of a minimum spanning tree (x, y: i32;
 * distance: f64). Returns n - 1. */
export function linkageTree(n: i32, x: usize, y: usize, distance: usize, outA: usize, outB: usize, outDistance: usize, outSize: usize): i32 {
  const out = new MergeTable(n, outA, outB, outDistance, outSize);
  const count = treeLinkage(n, x, y, distance, out);
  heap.free(changetype<usize>(out));
  return count;
}

/** Index of the first edge that repeats an earlier edge's pair of items, or -1. */
export function linkageDuplicateEdge(n: i32, m: i32, left: usize, right: usize): i32 {
  return findDuplicateEdge(n, m, left, right);
}

/** Group per item after cutting `count` merges at `threshold`; returns the number of groups. */
export function linkageCutTree(n: i32, count: i32, a: usize, b: usize, distance: usize, threshold: f64, out: usize): i32 {
  return cutTree(n, count, a, b, distance, threshold, out);
}

/** Component per item of the graph (left, right: m i32 each); returns the number of components. */
export function linkageConnectedComponents(n: i32, m: i32, left: usize, right: usize, out: usize): i32 {
  return connectedComponents(n, m, left, right, out);
}
