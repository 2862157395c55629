/** String-similarity bindings: the six metrics in their four score forms, and the batch
 * entry points (cdist, pdist, scorePairs). Options are validated here, in TS, so bad input
 * is a clear error and never a trap inside WASM. Every entry point, a single pair included,
 * goes through one packed pool and one kernel call. */

import { withScope, type Scope } from './memory.js';
import { buildPool, checkedPool } from './string-pool.js';
import {
  METRIC_NAMES,
  type BatchOptions,
  type Kernel,
  type Metric,
  type MetricName,
  type MetricOptions,
  type ScoreKind,
  type StringPool,
} from './types.js';
import type { KernelExports } from './load-kernel.js';

const METRIC_ID: Record<MetricName, number> = {
  levenshtein: 0,
  osa: 1,
  indel: 2,
  jaro: 3,
  jaroWinkler: 4,
  qgramJaccard: 5,
};

const SCORE_KINDS: readonly ScoreKind[] = ['distance', 'similarity', 'normalizedDistance', 'normalizedSimilarity'];

interface Resolved {
  metric: number;
  kind: number;
  cutoff: number; // NaN = none
  prefixWeight: number;
  q: number;
}

function metricId(name: MetricName): number {
  const id = typeof name === 'string' && Object.hasOwn(METRIC_ID, name) ? METRIC_ID[name] : undefined;
  if (id === undefined) {
    throw new RangeError(`unknown metric ${JSON.stringify(name)}; expected one of ${METRIC_NAMES.join(', ')}`);
  }
  return id;
}

function resolve(name: MetricName, kind: ScoreKind, opts: MetricOptions | undefined): Resolved {
  const metric = metricId(name);
  const kindId = SCORE_KINDS.indexOf(kind);
  if (kindId < 0) throw new RangeError(`unknown score ${JSON.stringify(kind)}; expected one of ${SCORE_KINDS.join(', ')}`);
  let cutoff = Number.NaN;
  if (opts?.scoreCutoff !== undefined && opts.scoreCutoff !== null) {
    const c = opts.scoreCutoff;
    if (typeof c !== 'number' || Number.isNaN(c) || c < 0) {
      throw new RangeError(`scoreCutoff must be a number >= 0, got ${String(c)}`);
    }
    cutoff = c;
  }
  const prefixWeight = opts?.prefixWeight ?? 0.1;
  if (typeof prefixWeight !== 'number' || !(prefixWeight >= 0 && prefixWeight <= 0.25)) {
    throw new RangeError(`prefixWeight must be in [0, 0.25], got ${String(prefixWeight)}`);
  }
  const q = opts?.q ?? 2;
  if (!Number.isInteger(q) || q < 1 || q > 3) throw new RangeError(`q must be 1, 2 or 3, got ${String(q)}`);
  return { metric, kind: kindId, cutoff, prefixWeight, q };
}

function batchKind(opts: BatchOptions | undefined): ScoreKind {
  if (opts?.score !== undefined) return opts.score;
  return opts?.normalized === false ? 'distance' : 'normalizedSimilarity';
}

function checkIndexes(name: string, idx: Int32Array, size: number): void {
  if (!(idx instanceof Int32Array)) throw new TypeError(`${name} must be an Int32Array`);
  for (let k = 0; k < idx.length; k++) {
    const i = idx[k];
    if (i < 0 || i >= size) throw new RangeError(`${name}[${k}] = ${i} is out of range for a pool of ${size} strings`);
  }
}

export type SimilarityBindings = Omit<Kernel, 'simd' | 'memoryBytes' | 'linkage' | 'linkageCondensed' | 'cutTree' | 'connectedComponents'>;

/** Results per kernel call: a larger batch is cut into calls of at most this many results,
 * so the kernel's memory stays bounded (about 32 MB of results) whatever the batch size. */
export const MAX_RESULTS_PER_CALL = 1 << 22;

/** A pool of the strings [from, to) of `a` followed by all strings of `b`. */
function concatPools(a: StringPool, from: number, to: number, b: StringPool): StringPool {
  const aStart = a.offsets[from];
  const aEnd = a.offsets[to];
  const bEnd = b.offsets[b.size];
  const codePoints = new Int32Array(aEnd - aStart + bEnd);
  codePoints.set(a.codePoints.subarray(aStart, aEnd));
  codePoints.set(b.codePoints.subarray(0, bEnd), aEnd - aStart);
  const offsets = new Int32Array(to - from + b.size + 1);
  for (let i = from; i <= to; i++) offsets[i - from] = a.offsets[i] - aStart;
  for (let i = 1; i <= b.size; i++) offsets[to - from + i] = aEnd - aStart + b.offsets[i];
  return { size: to - from + b.size, codePoints, offsets };
}

export function bindSimilarity(wasm: KernelExports): SimilarityBindings {
  /** Copies the pool in, lets `run` call the kernel with its pointers, and copies `count`
   * results into `target` at `at`; everything allocated is freed before returning. */
  function call(
    pool: StringPool,
    count: number,
    target: Float64Array,
    at: number,
    run: (codePoints: number, offsets: number, out: number, scope: Scope) => void,
  ): void {
    withScope(wasm, (scope) => {
      const codePoints = scope.copyIn(pool.codePoints.subarray(0, pool.offsets[pool.size]));
      const offsets = scope.copyIn(pool.offsets);
      const out = scope.alloc(Float64Array, count);
      run(codePoints, offsets, out, scope);
      target.set(new Float64Array(wasm.memory.buffer, out, count), at);
    });
  }

  function scorePairsResolved(r: Resolved, pool: StringPool, left: Int32Array, right: Int32Array): Float64Array {
    const result = new Float64Array(left.length);
    for (let from = 0; from < left.length; from += MAX_RESULTS_PER_CALL) {
      const to = Math.min(left.length, from + MAX_RESULTS_PER_CALL);
      call(pool, to - from, result, from, (cp, off, out, scope) => {
        const l = scope.copyIn(left.subarray(from, to));
        const rr = scope.copyIn(right.subarray(from, to));
        wasm.scorePairs(r.metric, r.kind, cp, off, pool.size, l, rr, to - from, out, r.cutoff, r.prefixWeight, r.q);
      });
    }
    return result;
  }

  const PAIR_LEFT = new Int32Array([0]);
  const PAIR_RIGHT = new Int32Array([1]);

  function one(name: MetricName, kind: ScoreKind, a: string, b: string, opts?: MetricOptions): number {
    const r = resolve(name, kind, opts);
    if (typeof a !== 'string' || typeof b !== 'string') throw new TypeError('expected two strings');
    return scorePairsResolved(r, buildPool([a, b]), PAIR_LEFT, PAIR_RIGHT)[0];
  }

  function metric(name: MetricName): Metric {
    metricId(name);
    return {
      distance: (a, b, opts) => one(name, 'distance', a, b, opts),
      similarity: (a, b, opts) => one(name, 'similarity', a, b, opts),
      normalizedDistance: (a, b, opts) => one(name, 'normalizedDistance', a, b, opts),
      normalizedSimilarity: (a, b, opts) => one(name, 'normalizedSimilarity', a, b, opts),
    };
  }

  function toPool(pool: StringPool | readonly string[]): StringPool {
    return Array.isArray(pool) ? buildPool(pool as readonly string[]) : checkedPool(pool as StringPool);
  }

  return {
    levenshtein: metric('levenshtein'),
    osa: metric('osa'),
    indel: metric('indel'),
    jaro: metric('jaro'),
    jaroWinkler: metric('jaroWinkler'),
    qgramJaccard: metric('qgramJaccard'),
    metric,
    pool: buildPool,

    scorePairs(name, pool, left, right, opts) {
      const r = resolve(name, batchKind(opts), opts);
      const p = toPool(pool);
      if (left?.length !== right?.length) {
        throw new RangeError(`left and right must have the same length, got ${left?.length} and ${right?.length}`);
      }
      checkIndexes('left', left, p.size);
      checkIndexes('right', right, p.size);
      return scorePairsResolved(r, p, left, right);
    },

    pdist(name, strings, opts) {
      const r = resolve(name, batchKind(opts), opts);
      const pool = buildPool(strings);
      const n = pool.size;
      const result = new Float64Array(n < 2 ? 0 : (n * (n - 1)) / 2);
      // rows [row, end) per call, about MAX_RESULTS_PER_CALL pairs each
      for (let row = 0, at = 0; row < n - 1; ) {
        let end = row + 1;
        let count = n - 1 - row;
        while (end < n - 1 && count + (n - 1 - end) <= MAX_RESULTS_PER_CALL) count += n - 1 - end++;
        const [from, to] = [row, end];
        call(pool, count, result, at, (cp, off, out) => {
          wasm.pdist(r.metric, r.kind, cp, off, n, from, to, out, r.cutoff, r.prefixWeight, r.q);
        });
        at += count;
        row = end;
      }
      return result;
    },

    cdist(name, queries, choices, opts) {
      const r = resolve(name, batchKind(opts), opts);
      if (!Array.isArray(queries) || !Array.isArray(choices)) throw new TypeError('queries and choices must be arrays of strings');
      const queryPool = buildPool(queries);
      const choicePool = buildPool(choices);
      const nq = queries.length;
      const nc = choices.length;
      const result = new Float64Array(nq * nc);
      const rowsPerCall = Math.max(1, Math.floor(MAX_RESULTS_PER_CALL / Math.max(nc, 1)));
      for (let from = 0; from < nq; from += rowsPerCall) {
        const to = Math.min(nq, from + rowsPerCall);
        const pool = concatPools(queryPool, from, to, choicePool);
        call(pool, (to - from) * nc, result, from * nc, (cp, off, out) => {
          wasm.cdist(r.metric, r.kind, cp, off, to - from, nc, out, r.cutoff, r.prefixWeight, r.q);
        });
      }
      return result;
    },
  };
}
