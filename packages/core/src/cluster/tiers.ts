/** Cutting a dendrogram (SciPy merge rows) into groups, top-down, so that a group is a subtree
 * whose merges are all within the threshold, holds at most `maxSize` accounts and contains no
 * cannot-link pair. An oversized group is split at its weakest links: its highest merges. */

import { UnionFind } from './union-find.js';

export interface MergeRows {
  count: number;
  a: Int32Array;
  b: Int32Array;
  distance: Float64Array;
}

export interface Dendrogram {
  /** Items (leaves). */
  n: number;
  merges: MergeRows;
  /** Accounts in each node (leaves: their own weight; merges: the sum), length n + count. */
  size: Int32Array;
  /** Smallest leaf index under each node. */
  minLeaf: Int32Array;
  /** Parent node of each node, -1 for roots. */
  parent: Int32Array;
}

export function buildDendrogram(n: number, merges: MergeRows, leafSize?: Int32Array): Dendrogram {
  const total = n + merges.count;
  const size = new Int32Array(total);
  const minLeaf = new Int32Array(total);
  const parent = new Int32Array(total).fill(-1);
  for (let i = 0; i < n; i++) {
    size[i] = leafSize ? leafSize[i] : 1;
    minLeaf[i] = i;
  }
  for (let j = 0; j < merges.count; j++) {
    const node = n + j;
    const a = merges.a[j];
    const b = merges.b[j];
    size[node] = size[a] + size[b];
    minLeaf[node] = Math.min(minLeaf[a], minLeaf[b]);
    parent[a] = node;
    parent[b] = node;
  }
  return { n, merges, size, minLeaf, parent };
}

/** Marks the nodes that contain both accounts of a cannot-link pair (the pair's lowest common
 * ancestor and everything above it). */
export function forbiddenNodes(d: Dendrogram, pairs: readonly [number, number][]): Uint8Array | undefined {
  if (pairs.length === 0) return undefined;
  const forbidden = new Uint8Array(d.n + d.merges.count);
  for (const [x, y] of pairs) {
    const seen = new Set<number>();
    for (let v = x; v !== -1; v = d.parent[v]) seen.add(v);
    let lca = -1;
    for (let v = y; v !== -1; v = d.parent[v]) {
      if (seen.has(v)) {
        lca = v;
        break;
      }
    }
    for (let v = lca; v !== -1 && !forbidden[v]; v = d.parent[v]) forbidden[v] = 1;
  }
  return forbidden;
}

/** Distances within this of a threshold count as on it: 1 − 0.7 is 0.30000000000000004 in floating point. */
const DISTANCE_TOLERANCE = 1e-9;

/** Group label of every leaf: the smallest leaf index in its group. */
export function cutDendrogram(d: Dendrogram, thresholdDistance: number, maxSize: number, forbidden?: Uint8Array): Int32Array {
  const { n, merges } = d;
  const limit = thresholdDistance + DISTANCE_TOLERANCE;
  const label = new Int32Array(n).fill(-1);
  const stack: number[] = [];
  const leaves: number[] = [];
  for (let node = n + merges.count - 1; node >= 0; node--) {
    if (d.parent[node] !== -1) continue;
    stack.push(node);
    while (stack.length > 0) {
      const v = stack.pop()!;
      if (v < n) {
        label[v] = v;
        continue;
      }
      const j = v - n;
      const whole = merges.distance[j] <= limit && d.size[v] <= maxSize && !(forbidden && forbidden[v]);
      if (!whole) {
        stack.push(merges.a[j], merges.b[j]);
        continue;
      }
      const groupLabel = d.minLeaf[v];
      leaves.push(v);
      while (leaves.length > 0) {
        const u = leaves.pop()!;
        if (u < n) label[u] = groupLabel;
        else leaves.push(merges.a[u - n], merges.b[u - n]);
      }
    }
  }
  return label;
}

/**
 * Single linkage over a sparse edge list that never joins a cannot-link pair: Kruskal's merges,
 * closest first (ties by left, then right item), where a merge that would put both accounts of a
 * cannot-link pair into one group is skipped and the next closest edge is tried. Each group then
 * joins what it is nearest to among the groups it may join, instead of the whole chain around a
 * separated pair falling apart, which is what cutting an unconstrained dendrogram would do.
 * Merges at most `maxDistance` apart; rows as the kernel's (node n + j is made by merge j).
 */
export function constrainedSingleLinkage(
  n: number,
  edges: { left: Int32Array; right: Int32Array; distance: Float64Array },
  maxDistance: number,
  cannot: readonly [number, number][],
): MergeRows {
  const { left, right, distance } = edges;
  const order = new Int32Array(left.length);
  let m = 0;
  for (let e = 0; e < left.length; e++) if (distance[e] <= maxDistance) order[m++] = e;
  const sorted = Array.from(order.subarray(0, m)).sort(
    (x, y) => distance[x] - distance[y] || Math.min(left[x], right[x]) - Math.min(left[y], right[y]) || Math.max(left[x], right[x]) - Math.max(left[y], right[y]),
  );
  const sets = new UnionFind(n);
  // The dendrogram node of each group, kept on its root.
  const node = Int32Array.from({ length: n }, (_, i) => i);
  // The cannot-link partners of each group, kept on its root (small lists: overrides are few).
  const partners = new Map<number, number[]>();
  for (const [x, y] of cannot) {
    if (x === y) continue;
    (partners.get(x) ?? partners.set(x, []).get(x)!).push(y);
    (partners.get(y) ?? partners.set(y, []).get(y)!).push(x);
  }
  const a: number[] = [];
  const b: number[] = [];
  const dist: number[] = [];
  for (const e of sorted) {
    const ra = sets.find(left[e]);
    const rb = sets.find(right[e]);
    if (ra === rb) continue;
    const pa = partners.get(ra);
    const pb = partners.get(rb);
    if (pa !== undefined && pb !== undefined) {
      const [small, other] = pa.length <= pb.length ? [pa, rb] : [pb, ra];
      if (small.some((p) => sets.find(p) === other)) continue;
    }
    const na = node[ra];
    const nb = node[rb];
    a.push(Math.min(na, nb));
    b.push(Math.max(na, nb));
    dist.push(distance[e]);
    const joined = sets.union(ra, rb);
    node[joined] = n + a.length - 1;
    if (pa !== undefined || pb !== undefined) {
      // The shorter list is appended to the longer one, which the joined group's root keeps.
      partners.delete(ra);
      partners.delete(rb);
      const [long, short] = (pa?.length ?? 0) >= (pb?.length ?? 0) ? [pa!, pb] : [pb!, pa];
      if (short !== undefined) for (const p of short) long.push(p);
      partners.set(joined, long);
    }
  }
  return { count: a.length, a: Int32Array.from(a), b: Int32Array.from(b), distance: Float64Array.from(dist) };
}
