/** Public types of the kernel's TypeScript bindings. */

export type MetricName = 'levenshtein' | 'osa' | 'indel' | 'jaro' | 'jaroWinkler' | 'qgramJaccard';
export const METRIC_NAMES: readonly MetricName[] = [
  'levenshtein',
  'osa',
  'indel',
  'jaro',
  'jaroWinkler',
  'qgramJaccard',
];

export interface MetricOptions {
  /** Early-exit bound. For distances: results above it are reported as `cutoff + 1`
   * (or 1 for normalised distances); for similarities: results below it are reported as 0. */
  scoreCutoff?: number;
  /** Jaro-Winkler only: prefix weight (default 0.1). */
  prefixWeight?: number;
  /** Q-gram only: gram size (default 2). */
  q?: number;
}

export interface Metric {
  distance(a: string, b: string, opts?: MetricOptions): number;
  similarity(a: string, b: string, opts?: MetricOptions): number;
  normalizedDistance(a: string, b: string, opts?: MetricOptions): number;
  normalizedSimilarity(a: string, b: string, opts?: MetricOptions): number;
}

export type ScoreKind = 'distance' | 'similarity' | 'normalizedDistance' | 'normalizedSimilarity';

export interface BatchOptions extends MetricOptions {
  /** Which of the four score forms to return; default 'normalizedSimilarity' when `normalized`
   * is true or absent, 'distance' when `normalized` is false. */
  score?: ScoreKind;
  normalized?: boolean;
}

/** A packed string pool: code points of all strings plus offsets (length n + 1). */
export interface StringPool {
  readonly size: number;
  readonly codePoints: Int32Array;
  readonly offsets: Int32Array;
}

export type LinkageMethod = 'single' | 'average' | 'complete';

export interface EdgeList {
  left: Int32Array;
  right: Int32Array;
  distance: Float64Array;
}

/** SciPy layout: merge i joins clusters a and b (ids < n are items, n + j is merge j)
 * at `distance`, making a cluster of `size` items. a < b within a row. */
export interface Merges {
  readonly count: number;
  readonly a: Int32Array;
  readonly b: Int32Array;
  readonly distance: Float64Array;
  readonly size: Int32Array;
  /** Rows as SciPy's Z matrix: [a, b, distance, size][]. */
  toArray(): [number, number, number, number][];
}

export interface LinkageOptions {
  /** Merges above this distance are not made (default: 1, the distance of a missing edge,
   * so components that share no edge stay apart). */
  maxDistance?: number;
}

export interface Kernel {
  readonly simd: boolean;
  readonly levenshtein: Metric;
  readonly osa: Metric;
  readonly indel: Metric;
  readonly jaro: Metric;
  readonly jaroWinkler: Metric;
  readonly qgramJaccard: Metric;
  metric(name: MetricName): Metric;
  pool(strings: readonly string[]): StringPool;
  cdist(metric: MetricName, queries: readonly string[], choices: readonly string[], opts?: BatchOptions): Float64Array;
  pdist(metric: MetricName, strings: readonly string[], opts?: BatchOptions): Float64Array;
  scorePairs(
    metric: MetricName,
    pool: StringPool | readonly string[],
    left: Int32Array,
    right: Int32Array,
    opts?: BatchOptions,
  ): Float64Array;
  linkage(method: LinkageMethod, n: number, edges: EdgeList, opts?: LinkageOptions): Merges;
  linkageCondensed(method: LinkageMethod, condensed: Float64Array): Merges;
  cutTree(merges: Merges, n: number, thresholdDistance: number): Int32Array;
  connectedComponents(n: number, left: Int32Array, right: Int32Array): Int32Array;
  /** Current size of the kernel's linear memory in bytes (it grows for a large batch, and
   * the space is reused by later batches). */
  memoryBytes(): number;
}
