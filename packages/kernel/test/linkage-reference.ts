/** Slow, obviously-correct linkage for the tests: at every step, compute the distance of every
 * pair of clusters from its definition over the full matrix, and merge the closest pair.
 * O(n^2) per step, O(n^3) in all. */

import type { LinkageMethod } from '../src/types.js';

export type Row = [number, number, number, number];

/** Full symmetric n x n matrix (row-major) where missing pairs are 1. */
export function matrixFromEdges(n: number, left: ArrayLike<number>, right: ArrayLike<number>, distance: ArrayLike<number>): Float64Array {
  const matrix = new Float64Array(n * n).fill(1);
  for (let i = 0; i < n; i++) matrix[i * n + i] = 0;
  for (let e = 0; e < left.length; e++) {
    matrix[left[e] * n + right[e]] = distance[e];
    matrix[right[e] * n + left[e]] = distance[e];
  }
  return matrix;
}

/** Full symmetric matrix from SciPy's condensed vector. */
export function matrixFromCondensed(condensed: ArrayLike<number>): { n: number; matrix: Float64Array } {
  const n = Math.round((1 + Math.sqrt(1 + 8 * condensed.length)) / 2);
  const matrix = new Float64Array(n * n);
  let k = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      matrix[i * n + j] = condensed[k];
      matrix[j * n + i] = condensed[k];
      k++;
    }
  }
  return { n, matrix };
}

/** The condensed vector of a full matrix. */
export function condensedFromMatrix(n: number, matrix: Float64Array): Float64Array {
  const out = new Float64Array((n * (n - 1)) / 2);
  let k = 0;
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) out[k++] = matrix[i * n + j];
  return out;
}

/**
 * Greedy agglomeration over the full matrix: repeatedly merge the pair of clusters smallest
 * in (distance, a, b), where distance is the minimum (single), maximum (complete) or mean
 * (average) over the item pairs across the two clusters. `accept(distance)` says whether a
 * merge may be made; the first refused closest pair ends the run.
 */
export function referenceLinkage(
  method: LinkageMethod,
  n: number,
  matrix: Float64Array,
  accept: (distance: number) => boolean = () => true,
): Row[] {
  const clusterOf = Array.from({ length: n }, (_, i) => i);
  const sizes = new Map<number, number>(clusterOf.map((i) => [i, 1]));
  const rows: Row[] = [];
  while (sizes.size > 1) {
    // Aggregate over item pairs by cluster pair.
    const agg = new Map<string, { a: number; b: number; value: number }>();
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const ci = clusterOf[i];
        const cj = clusterOf[j];
        if (ci === cj) continue;
        const a = Math.min(ci, cj);
        const b = Math.max(ci, cj);
        const key = `${a},${b}`;
        const d = matrix[i * n + j];
        const prior = agg.get(key);
        if (!prior) agg.set(key, { a, b, value: d });
        else if (method === 'single') prior.value = Math.min(prior.value, d);
        else if (method === 'complete') prior.value = Math.max(prior.value, d);
        else prior.value += d;
      }
    }
    let best: { a: number; b: number; d: number } | undefined;
    for (const { a, b, value } of agg.values()) {
      const d = method === 'average' ? value / (sizes.get(a)! * sizes.get(b)!) : value;
      if (!best || d < best.d || (d === best.d && (a < best.a || (a === best.a && b < best.b)))) best = { a, b, d };
    }
    if (!best || !accept(best.d)) break;
    const id = n + rows.length;
    const size = sizes.get(best.a)! + sizes.get(best.b)!;
    rows.push([best.a, best.b, best.d, size]);
    sizes.delete(best.a);
    sizes.delete(best.b);
    sizes.set(id, size);
    for (let i = 0; i < n; i++) if (clusterOf[i] === best.a || clusterOf[i] === best.b) clusterOf[i] = id;
  }
  return rows;
}

/** The sparse linkage's rule: merges below 1 within maxDistance; every merge when maxDistance > 1. */
export function sparseAccept(maxDistance: number): (distance: number) => boolean {
  return (d) => maxDistance > 1 || (d < 1 && d <= maxDistance);
}

/** Group per item joining the items of every row at distance <= threshold, numbered by first item. */
export function referenceCut(rows: readonly Row[], n: number, thresholdDistance: number): Int32Array {
  const members: number[][] = Array.from({ length: n }, (_, i) => [i]);
  const group = Array.from({ length: n }, (_, i) => i);
  for (const [a, b, d] of rows) {
    const joined = [...members[a], ...members[b]];
    members.push(joined);
    if (d <= thresholdDistance) {
      const target = group[joined[0]];
      const from = new Set(joined.map((i) => group[i]));
      for (let i = 0; i < n; i++) if (from.has(group[i])) group[i] = target;
    }
  }
  return renumberByFirstItem(group);
}

/** Component per item of a graph by breadth-first search, numbered by first item. */
export function referenceComponents(n: number, left: ArrayLike<number>, right: ArrayLike<number>): Int32Array {
  const adjacent: number[][] = Array.from({ length: n }, () => []);
  for (let e = 0; e < left.length; e++) {
    adjacent[left[e]].push(right[e]);
    adjacent[right[e]].push(left[e]);
  }
  const out = new Int32Array(n).fill(-1);
  let next = 0;
  for (let s = 0; s < n; s++) {
    if (out[s] >= 0) continue;
    out[s] = next;
    const queue = [s];
    while (queue.length > 0) {
      const v = queue.pop()!;
      for (const w of adjacent[v]) {
        if (out[w] < 0) {
          out[w] = next;
          queue.push(w);
        }
      }
    }
    next++;
  }
  return out;
}

/** Relabels arbitrary group labels 0..k-1 in order of first item. */
export function renumberByFirstItem(labels: ArrayLike<number>): Int32Array {
  const seen = new Map<number, number>();
  const out = new Int32Array(labels.length);
  for (let i = 0; i < labels.length; i++) {
    let g = seen.get(labels[i]);
    if (g === undefined) {
      g = seen.size;
      seen.set(labels[i], g);
    }
    out[i] = g;
  }
  return out;
}
