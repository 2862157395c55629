/** Typed bindings of the kernel's hierarchical linkage: sparse and dense agglomerative
 * clustering, dendrogram cuts and connected components. Every input is validated here, so a
 * bad argument is a clear error, never a trap inside WASM. */

import type { KernelExports } from './load-kernel.js';
import { withScope, type RawExports, type Scope } from './memory.js';
import type { EdgeList, Kernel, LinkageMethod, LinkageOptions, Merges } from './types.js';

/** The kernel exports these bindings call (see assembly/linkage/exports.ts). */
export interface LinkageExports extends RawExports {
  linkageSparse(
    method: number,
    n: number,
    m: number,
    left: number,
    right: number,
    distance: number,
    maxDistance: number,
    outA: number,
    outB: number,
    outDistance: number,
    outSize: number,
  ): number;
  linkageDense(method: number, n: number, condensed: number, outA: number, outB: number, outDistance: number, outSize: number): number;
  linkageTree(n: number, x: number, y: number, distance: number, outA: number, outB: number, outDistance: number, outSize: number): number;
  linkageDuplicateEdge(n: number, m: number, left: number, right: number): number;
  linkageCutTree(n: number, count: number, a: number, b: number, distance: number, thresholdDistance: number, out: number): number;
  linkageConnectedComponents(n: number, m: number, left: number, right: number, out: number): number;
}

export const LINKAGE_METHODS: readonly LinkageMethod[] = ['single', 'average', 'complete'];

/** Largest item count: cluster ids (up to 2n - 2) and pair counts must stay within i32. */
const MAX_ITEMS = 2 ** 29;

/** WASM32 memory ends at 4 GiB; leave room for everything else the kernel holds. */
const KERNEL_MATRIX_LIMIT_BYTES = 3.5 * 2 ** 30;

export interface LinkageBindingOptions {
  /** Largest condensed matrix (bytes) that single linkage copies into the kernel, whose scans
   * are about twice as fast as the bindings' own; a larger one is read in place, so that it is
   * never held twice (default 64 MiB, n of about 4,100). */
  singleCopyLimitBytes?: number;
}

/** Merge table in SciPy's layout, owned by JS. */
class MergeRows implements Merges {
  constructor(
    readonly a: Int32Array,
    readonly b: Int32Array,
    readonly distance: Float64Array,
    readonly size: Int32Array,
  ) {}

  get count(): number {
    return this.a.length;
  }

  toArray(): [number, number, number, number][] {
    const rows: [number, number, number, number][] = new Array(this.count);
    for (let k = 0; k < this.count; k++) rows[k] = [this.a[k], this.b[k], this.distance[k], this.size[k]];
    return rows;
  }
}

/** Builds a `Merges` from SciPy-style rows `[a, b, distance, size]` (e.g. a stored dendrogram
 * or SciPy's Z matrix), so that it can be cut again. */
export function mergesFromRows(rows: readonly (readonly number[])[]): Merges {
  if (!Array.isArray(rows)) throw new TypeError('mergesFromRows: expected an array of [a, b, distance, size] rows');
  const count = rows.length;
  const a = new Int32Array(count);
  const b = new Int32Array(count);
  const distance = new Float64Array(count);
  const size = new Int32Array(count);
  for (let k = 0; k < count; k++) {
    const row = rows[k];
    if (!Array.isArray(row) || row.length !== 4) {
      throw new TypeError(`mergesFromRows: row ${k} must be [a, b, distance, size]`);
    }
    const [x, y, d, s] = row as number[];
    for (const [field, value] of [['a', x], ['b', y], ['size', s]] as const) {
      if (!Number.isInteger(value) || value < 0 || value >= 2 ** 31) {
        throw new RangeError(`mergesFromRows: row ${k} field ${field} = ${String(value)} is not a non-negative integer`);
      }
    }
    if (typeof d !== 'number' || Number.isNaN(d)) throw new RangeError(`mergesFromRows: row ${k} field distance is not a number`);
    a[k] = Math.min(x, y);
    b[k] = Math.max(x, y);
    distance[k] = d;
    size[k] = s;
  }
  return new MergeRows(a, b, distance, size);
}

function methodCode(fn: string, method: unknown): number {
  const code = LINKAGE_METHODS.indexOf(method as LinkageMethod);
  if (code < 0) {
    throw new RangeError(`${fn}: unknown method ${JSON.stringify(method)} (expected 'single', 'average' or 'complete')`);
  }
  return code;
}

function checkItemCount(fn: string, n: unknown): number {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > MAX_ITEMS) {
    throw new RangeError(`${fn}: n = ${String(n)} must be an integer number of items between 0 and ${MAX_ITEMS}`);
  }
  return n;
}

function checkTyped<T>(fn: string, name: string, value: unknown, ctor: { new (n: number): T; name: string }): T {
  if (!(value instanceof (ctor as unknown as new () => object))) {
    throw new TypeError(`${fn}: ${name} must be an ${ctor.name}`);
  }
  return value as T;
}

/** Checks endpoint arrays: same length, items in [0, n). */
function checkEndpoints(fn: string, prefix: string, n: number, left: Int32Array, right: Int32Array): void {
  if (left.length !== right.length) {
    throw new RangeError(`${fn}: ${prefix}right has ${right.length} entries but ${prefix}left has ${left.length}`);
  }
  for (let e = 0; e < left.length; e++) {
    const l = left[e];
    const r = right[e];
    if (l < 0 || l >= n) throw new RangeError(`${fn}: ${prefix}left[${e}] = ${l} is out of range for n = ${n} items`);
    if (r < 0 || r >= n) throw new RangeError(`${fn}: ${prefix}right[${e}] = ${r} is out of range for n = ${n} items`);
  }
}

/**
 * Prim's minimum spanning tree over a condensed matrix, read in place: edge k joins x[k] and
 * y[k] at d[k]. Single linkage only reads the matrix, so a large one is scanned here over the
 * caller's array rather than copied into the kernel, which would hold it twice. O(n^2) time,
 * O(n) memory, visiting items in the same order as the kernel's Prim (and fastcluster's).
 */
function primTree(n: number, condensed: Float64Array): { x: Int32Array; y: Int32Array; d: Float64Array } {
  const x = new Int32Array(n - 1);
  const y = new Int32Array(n - 1);
  const d = new Float64Array(n - 1);
  // Items outside the tree as a linked list ended by n; best[i]: distance from the tree to i.
  const next = new Int32Array(n + 1);
  const prev = new Int32Array(n + 1);
  for (let i = 0; i <= n; i++) {
    next[i] = i + 1;
    prev[i] = i - 1;
  }
  const best = new Float64Array(n).fill(Infinity);
  // rowBase[i] + j is the index of entry (i, j), i < j.
  const rowBase = new Float64Array(n);
  for (let i = 0; i < n; i++) rowBase[i] = i * n - (i * (i + 1)) / 2 - i - 1;
  let head = 1;
  let current = 0;
  for (let step = 0; step < n - 1; step++) {
    let nearest = head;
    let nearestDistance = Infinity;
    let i = head;
    for (; i < current; i = next[i]) {
      const value = condensed[rowBase[i] + current];
      let b = best[i];
      if (value < b) best[i] = b = value;
      if (b < nearestDistance) {
        nearestDistance = b;
        nearest = i;
      }
    }
    const base = rowBase[current];
    for (; i < n; i = next[i]) {
      const value = condensed[base + i];
      let b = best[i];
      if (value < b) best[i] = b = value;
      if (b < nearestDistance) {
        nearestDistance = b;
        nearest = i;
      }
    }
    x[step] = current;
    y[step] = nearest;
    d[step] = nearestDistance;
    const p = prev[nearest];
    const q = next[nearest];
    if (nearest === head) head = q;
    else next[p] = q;
    if (q < n) prev[q] = p;
    current = nearest;
  }
  return { x, y, d };
}

/** Runs a kernel call, turning a WASM trap (in practice: memory exhausted, the kernel's memory
 * ends at 4 GiB) into an error that names the call and the input size. */
function guarded<R>(fn: string, size: string, run: () => R): R {
  try {
    return run();
  } catch (error) {
    if (error instanceof WebAssembly.RuntimeError) {
      throw new Error(`${fn}: the kernel stopped on ${size} (${error.message}); the input may exceed its 4 GiB memory`, { cause: error });
    }
    throw error;
  }
}

/** Kernel buffers for `rows` merge rows: a, b, distance, size. */
function allocMerges(scope: Scope, rows: number): number[] {
  return [scope.alloc(Int32Array, rows), scope.alloc(Int32Array, rows), scope.alloc(Float64Array, rows), scope.alloc(Int32Array, rows)];
}

function readMerges(scope: Scope, ptrs: number[], count: number): Merges {
  const [pa, pb, pd, ps] = ptrs;
  return new MergeRows(
    scope.copyOut(Int32Array, pa, count),
    scope.copyOut(Int32Array, pb, count),
    scope.copyOut(Float64Array, pd, count),
    scope.copyOut(Int32Array, ps, count),
  );
}

/** The linkage part of the kernel's API, bound to an instantiated kernel module. */
export function bindLinkage(
  exports: KernelExports,
  options: LinkageBindingOptions = {},
): Pick<Kernel, 'linkage' | 'linkageCondensed' | 'cutTree' | 'connectedComponents'> {
  const singleCopyLimitBytes = options.singleCopyLimitBytes ?? 64 * 2 ** 20;
  const wasm = exports as unknown as LinkageExports;
  for (const name of ['linkageSparse', 'linkageDense', 'linkageTree', 'linkageDuplicateEdge', 'linkageCutTree', 'linkageConnectedComponents'] as const) {
    if (typeof wasm[name] !== 'function') {
      throw new Error(`the kernel module has no ${name} export: rebuild it (npm run build -w @kindred/kernel)`);
    }
  }
  /**
   * Agglomerative linkage of `n` items over a sparse edge list. A pair without an edge is at
   * distance 1 (no evidence), so edge distances must lie in [0, 1]. Merges are made closest
   * first, ties broken by (distance, a, b) over cluster ids, so edge order does not matter;
   * only merges below 1 and at most `maxDistance` (default 1) are made. With `maxDistance`
   * above 1, the clusters left (all at distance 1) are merged as well, giving the full
   * dendrogram of the matrix where missing pairs are 1.
   */
  function linkage(method: LinkageMethod, n: number, edges: EdgeList, opts: LinkageOptions = {}): Merges {
    const fn = 'linkage';
    const code = methodCode(fn, method);
    checkItemCount(fn, n);
    if (edges === null || typeof edges !== 'object') throw new TypeError(`${fn}: edges must be { left, right, distance }`);
    const left = checkTyped(fn, 'edges.left', edges.left, Int32Array);
    const right = checkTyped(fn, 'edges.right', edges.right, Int32Array);
    const distance = checkTyped(fn, 'edges.distance', edges.distance, Float64Array);
    checkEndpoints(fn, 'edges.', n, left, right);
    const m = left.length;
    if (distance.length !== m) {
      throw new RangeError(`${fn}: edges.distance has ${distance.length} entries but edges.left has ${m}`);
    }
    for (let e = 0; e < m; e++) {
      const d = distance[e];
      if (Number.isNaN(d)) throw new RangeError(`${fn}: edges.distance[${e}] is NaN`);
      if (d < 0) throw new RangeError(`${fn}: edges.distance[${e}] = ${d} is negative`);
      if (d > 1) throw new RangeError(`${fn}: edges.distance[${e}] = ${d} is above 1, the distance of a missing edge`);
      if (left[e] === right[e]) throw new RangeError(`${fn}: edge ${e} joins item ${left[e]} to itself`);
    }
    const maxDistance = opts?.maxDistance ?? 1;
    if (typeof maxDistance !== 'number' || Number.isNaN(maxDistance)) {
      throw new RangeError(`${fn}: maxDistance = ${String(maxDistance)} is not a number`);
    }
    return guarded(fn, `${n} items and ${m} edges`, () => withScope(wasm, (scope) => {
      const pl = scope.copyIn(left);
      const pr = scope.copyIn(right);
      const dup = wasm.linkageDuplicateEdge(n, m, pl, pr);
      if (dup >= 0) {
        const lo = Math.min(left[dup], right[dup]);
        const hi = Math.max(left[dup], right[dup]);
        let first = 0;
        while (Math.min(left[first], right[first]) !== lo || Math.max(left[first], right[first]) !== hi) first++;
        throw new RangeError(`${fn}: edges ${first} and ${dup} both join items ${lo} and ${hi}`);
      }
      const pd = scope.copyIn(distance);
      const out = allocMerges(scope, Math.max(n - 1, 0));
      const count = wasm.linkageSparse(code, n, m, pl, pr, pd, maxDistance, out[0], out[1], out[2], out[3]);
      return readMerges(scope, out, count);
    }));
  }

  /** Linkage of a dense matrix given as SciPy's condensed vector (length n(n-1)/2): all n - 1
   * merges, by nearest-neighbour chain on a kernel copy of the matrix (average, complete) or
   * minimum spanning tree (single: in the kernel, or over the caller's matrix when large). */
  function linkageCondensed(method: LinkageMethod, condensed: Float64Array): Merges {
    const fn = 'linkageCondensed';
    const code = methodCode(fn, method);
    checkTyped(fn, 'condensed', condensed, Float64Array);
    const length = condensed.length;
    const n = Math.round((1 + Math.sqrt(1 + 8 * length)) / 2);
    if ((n * (n - 1)) / 2 !== length) {
      throw new RangeError(`${fn}: condensed has ${length} entries, which is not n(n-1)/2 for any item count n`);
    }
    checkItemCount(fn, n);
    for (let k = 0; k < length; k++) {
      const d = condensed[k];
      if (!(d >= 0) || d === Infinity) {
        throw new RangeError(`${fn}: condensed[${k}] = ${d} is not a finite non-negative distance`);
      }
    }
    if (n < 2) return new MergeRows(new Int32Array(0), new Int32Array(0), new Float64Array(0), new Int32Array(0));
    if (method === 'single' && length * 8 > singleCopyLimitBytes) {
      const tree = primTree(n, condensed);
      return withScope(wasm, (scope) => {
        const px = scope.copyIn(tree.x);
        const py = scope.copyIn(tree.y);
        const pd = scope.copyIn(tree.d);
        const out = allocMerges(scope, n - 1);
        const count = wasm.linkageTree(n, px, py, pd, out[0], out[1], out[2], out[3]);
        return readMerges(scope, out, count);
      });
    }
    if (length * 8 > KERNEL_MATRIX_LIMIT_BYTES) {
      throw new RangeError(
        `${fn}: ${n} items need a ${((length * 8) / 2 ** 30).toFixed(1)} GiB matrix; the kernel's memory holds at most ${KERNEL_MATRIX_LIMIT_BYTES / 2 ** 30} GiB`,
      );
    }
    return guarded(fn, `${n} items`, () => withScope(wasm, (scope) => {
      // The matrix first: on later calls it reuses the block freed by the previous one.
      const pc = scope.copyIn(condensed);
      const out = allocMerges(scope, n - 1);
      const count = wasm.linkageDense(code, n, pc, out[0], out[1], out[2], out[3]);
      return readMerges(scope, out, count);
    }));
  }

  /** Group per item (0..k-1, numbered in order of each group's first item) joining the items
   * of every merge at distance <= `thresholdDistance`. */
  function cutTree(merges: Merges, n: number, thresholdDistance: number): Int32Array {
    const fn = 'cutTree';
    checkItemCount(fn, n);
    if (merges === null || typeof merges !== 'object') throw new TypeError(`${fn}: merges must be a Merges table`);
    const a = checkTyped(fn, 'merges.a', merges.a, Int32Array);
    const b = checkTyped(fn, 'merges.b', merges.b, Int32Array);
    const distance = checkTyped(fn, 'merges.distance', merges.distance, Float64Array);
    const count = merges.count;
    if (!Number.isInteger(count) || count < 0 || a.length < count || b.length < count || distance.length < count) {
      throw new RangeError(`${fn}: merges.count = ${String(count)} does not match its arrays`);
    }
    if (count > Math.max(n - 1, 0)) throw new RangeError(`${fn}: ${count} merges is more than n - 1 for n = ${n} items`);
    if (typeof thresholdDistance !== 'number' || Number.isNaN(thresholdDistance)) {
      throw new RangeError(`${fn}: thresholdDistance = ${String(thresholdDistance)} is not a number`);
    }
    const used = new Uint8Array(n + count);
    for (let k = 0; k < count; k++) {
      for (const [field, id] of [['a', a[k]], ['b', b[k]]] as const) {
        if (id < 0 || id >= n + k) {
          throw new RangeError(`${fn}: merges.${field}[${k}] = ${id} is not an item or an earlier merge (ids 0..${n + k - 1})`);
        }
        if (used[id]) throw new RangeError(`${fn}: merges.${field}[${k}] = ${id} was already merged`);
        used[id] = 1;
      }
      if (Number.isNaN(distance[k])) throw new RangeError(`${fn}: merges.distance[${k}] is NaN`);
    }
    return withScope(wasm, (scope) => {
      const pa = scope.copyIn(a.subarray(0, count));
      const pb = scope.copyIn(b.subarray(0, count));
      const pd = scope.copyIn(distance.subarray(0, count));
      const out = scope.alloc(Int32Array, n);
      wasm.linkageCutTree(n, count, pa, pb, pd, thresholdDistance, out);
      return scope.copyOut(Int32Array, out, n);
    });
  }

  /** Component per item of the graph with edges (left[e], right[e]), numbered in order of
   * each component's first item. */
  function connectedComponents(n: number, left: Int32Array, right: Int32Array): Int32Array {
    const fn = 'connectedComponents';
    checkItemCount(fn, n);
    checkTyped(fn, 'left', left, Int32Array);
    checkTyped(fn, 'right', right, Int32Array);
    checkEndpoints(fn, '', n, left, right);
    return withScope(wasm, (scope) => {
      const pl = scope.copyIn(left);
      const pr = scope.copyIn(right);
      const out = scope.alloc(Int32Array, n);
      wasm.linkageConnectedComponents(n, left.length, pl, pr, out);
      return scope.copyOut(Int32Array, out, n);
    });
  }

  return { linkage, linkageCondensed, cutTree, connectedComponents };
}
