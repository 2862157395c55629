import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import golden from './golden/linkage.json' with { type: 'json' };
import { kernelWasmUrl, loadKernel, type Kernel, type KernelExports, type LinkageMethod, type Merges } from '../src/index.js';
import { bindLinkage, mergesFromRows } from '../src/linkage.js';
import {
  condensedFromMatrix,
  matrixFromCondensed,
  referenceComponents,
  referenceCut,
  referenceLinkage,
  type Row,
} from './linkage-reference.js';

const METHODS: LinkageMethod[] = ['single', 'average', 'complete'];

interface GoldenCase {
  n: number;
  condensed: number[];
  single: Row[];
  average: Row[];
  complete: Row[];
}
const cases = (golden as unknown as { cases: GoldenCase[] }).cases;

/** Deterministic uniform numbers in [0, 1) (mulberry32). */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomCondensed(n: number, seed: number, scale = 1): Float64Array {
  const next = random(seed);
  return Float64Array.from({ length: (n * (n - 1)) / 2 }, () => next() * scale);
}

/** Every pair as an edge, in condensed order. */
function allPairs(condensed: Float64Array, n: number) {
  const m = condensed.length;
  const left = new Int32Array(m);
  const right = new Int32Array(m);
  let k = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      left[k] = i;
      right[k] = j;
      k++;
    }
  }
  return { left, right, distance: condensed.slice() };
}

function heights(rows: readonly Row[] | Merges): number[] {
  const list = Array.isArray(rows) ? rows.map((r) => r[2]) : Array.from((rows as Merges).distance);
  return list.sort((x, y) => x - y);
}

/** Thresholds strictly between heights at least `gap` apart, plus below and above all. */
function cutsAwayFromTies(sorted: number[], gap: number): number[] {
  const cuts = [-1, Infinity];
  for (let k = 0; k + 1 < sorted.length; k++) {
    if (sorted[k + 1] - sorted[k] > gap) cuts.push((sorted[k] + sorted[k + 1]) / 2);
  }
  return cuts;
}

function expectHeightsClose(got: number[], want: number[], tolerance: number): void {
  expect(got.length).toBe(want.length);
  for (let k = 0; k < got.length; k++) expect(Math.abs(got[k] - want[k])).toBeLessThanOrEqual(tolerance);
}

/** Checks SciPy's layout: a < b, ids refer to items or earlier merges once each, sizes add up.
 * Returns the first problem found, or '' (one assertion per table, not per row). */
function layoutProblem(merges: Merges, n: number): string {
  const size = (id: number) => (id < n ? 1 : merges.size[id - n]);
  const used = new Uint8Array(n + merges.count);
  for (let k = 0; k < merges.count; k++) {
    const a = merges.a[k];
    const b = merges.b[k];
    if (!(0 <= a && a < b && b < n + k)) return `row ${k}: ids ${a}, ${b}`;
    if (used[a] || used[b]) return `row ${k}: ${a} or ${b} merged twice`;
    used[a] = used[b] = 1;
    if (merges.size[k] !== size(a) + size(b)) return `row ${k}: size ${merges.size[k]}`;
  }
  return '';
}

function expectWellFormed(merges: Merges, n: number): void {
  expect(layoutProblem(merges, n)).toBe('');
}

let kernel: Kernel;
beforeAll(async () => {
  kernel = await loadKernel();
});

describe('dense linkage against SciPy 1.17.1 (golden/linkage.json)', () => {
  // The golden matrices are rounded to 12 decimals; SciPy's heights are from the unrounded ones.
  const TOLERANCE = 1e-9;
  for (const c of cases) {
    for (const method of METHODS) {
      it(`${method}, n = ${c.n}: the same heights and the same partitions at cuts away from ties`, () => {
        const merges = kernel.linkageCondensed(method, Float64Array.from(c.condensed));
        expect(merges.count).toBe(c.n - 1);
        expectWellFormed(merges, c.n);
        const want = heights(c[method]);
        expectHeightsClose(heights(merges), want, TOLERANCE);
        for (const t of cutsAwayFromTies(want, 10 * TOLERANCE)) {
          expect(Array.from(kernel.cutTree(merges, c.n, t))).toEqual(Array.from(referenceCut(c[method], c.n, t)));
        }
      });
    }
  }

  it('cutTree on SciPy rows matches the reference cut', () => {
    for (const c of cases) {
      for (const method of METHODS) {
        const rows = mergesFromRows(c[method]);
        for (const t of [0, 0.4, 0.6, 0.8, 1, 2]) {
          expect(Array.from(kernel.cutTree(rows, c.n, t))).toEqual(Array.from(referenceCut(c[method], c.n, t)));
        }
      }
    }
  });
});

describe('dense linkage against the brute-force reference', () => {
  it.each(METHODS)('%s: random matrices up to 40 items, distances up to 3', (method) => {
    for (let seed = 1; seed <= 40; seed++) {
      const n = 2 + (seed % 39);
      const condensed = randomCondensed(n, seed, 3);
      const merges = kernel.linkageCondensed(method, condensed);
      expectWellFormed(merges, n);
      const want = referenceLinkage(method, n, matrixFromCondensed(condensed).matrix);
      const sorted = heights(want);
      expectHeightsClose(heights(merges), sorted, 1e-12);
      for (const t of cutsAwayFromTies(sorted, 1e-9)) {
        expect(Array.from(kernel.cutTree(merges, n, t))).toEqual(Array.from(referenceCut(want, n, t)));
      }
    }
  });

  it.each(METHODS)('%s: equal distances everywhere still give n - 1 merges at that distance', (method) => {
    const n = 12;
    const merges = kernel.linkageCondensed(method, new Float64Array((n * (n - 1)) / 2).fill(0.25));
    expectWellFormed(merges, n);
    expect(Array.from(merges.distance)).toEqual(new Array(n - 1).fill(0.25));
  });

  it('handles one and two items', () => {
    for (const method of METHODS) {
      expect(kernel.linkageCondensed(method, new Float64Array(0)).count).toBe(0);
      expect(kernel.linkageCondensed(method, Float64Array.from([0.3])).toArray()).toEqual([[0, 1, 0.3, 2]]);
    }
  });
});

describe('dense single linkage read in place (large matrices) equals the kernel copy path', () => {
  // The bindings bound with a copy limit of 0 take the in-place path for every matrix.
  let inPlace: ReturnType<typeof bindLinkage>;
  beforeAll(async () => {
    const bytes = readFileSync(fileURLToPath(kernelWasmUrl()));
    const { instance } = await WebAssembly.instantiate(bytes, {
      env: {
        abort: () => {
          throw new Error('kernel abort');
        },
        seed: () => 0,
        trace: () => undefined,
      },
    });
    const raw = instance.exports as unknown as KernelExports;
    inPlace = bindLinkage({ ...raw, alloc: (size: number) => raw.alloc(size) >>> 0 } as KernelExports, { singleCopyLimitBytes: 0 });
  });

  it('row for row, on the SciPy matrices and on random ones with ties', () => {
    const matrices = cases.map((c) => Float64Array.from(c.condensed));
    for (let seed = 1; seed <= 20; seed++) {
      const n = 2 + seed * 7;
      // Distances in eighths: many exact ties.
      matrices.push(randomCondensed(n, seed).map((d) => Math.floor(d * 8) / 8));
    }
    for (const condensed of matrices) {
      expect(inPlace.linkageCondensed('single', condensed).toArray()).toEqual(kernel.linkageCondensed('single', condensed).toArray());
    }
  });
});

describe('sparse and dense linkage agree when every pair is an edge', () => {
  it.each(METHODS)('%s: n = 150 random distances in [0, 1]', (method) => {
    const n = 150;
    const condensed = randomCondensed(n, 7 + METHODS.indexOf(method));
    const dense = kernel.linkageCondensed(method, condensed);
    const sparse = kernel.linkage(method, n, allPairs(condensed, n), { maxDistance: Infinity });
    expectWellFormed(sparse, n);
    const sorted = heights(dense);
    expectHeightsClose(heights(sparse), sorted, 1e-12);
    for (const t of cutsAwayFromTies(sorted, 1e-9)) {
      expect(Array.from(kernel.cutTree(sparse, n, t))).toEqual(Array.from(kernel.cutTree(dense, n, t)));
    }
    // With the default maxDistance, the same merges up to distance 1.
    const capped = kernel.linkage(method, n, allPairs(condensed, n));
    expect(capped.toArray()).toEqual(sparse.toArray().filter((row) => row[2] < 1));
  });

  it.each(METHODS)('%s: missing pairs count as distance 1, as in the dense matrix', (method) => {
    const n = 60;
    const next = random(99);
    const condensed = randomCondensed(n, 100);
    const kept = allPairs(condensed, n);
    const keep = Array.from(kept.left, () => next() < 0.3);
    const edges = {
      left: kept.left.filter((_, k) => keep[k]),
      right: kept.right.filter((_, k) => keep[k]),
      distance: kept.distance.filter((_, k) => keep[k]),
    };
    for (let k = 0; k < condensed.length; k++) if (!keep[k]) condensed[k] = 1;
    const dense = kernel.linkageCondensed(method, condensed);
    const sparse = kernel.linkage(method, n, edges, { maxDistance: Infinity });
    const sorted = heights(dense);
    expectHeightsClose(heights(sparse), sorted, 1e-12);
    for (const t of cutsAwayFromTies(sorted, 1e-9).filter((t) => t < 1)) {
      expect(Array.from(kernel.cutTree(sparse, n, t))).toEqual(Array.from(kernel.cutTree(dense, n, t)));
    }
  });
});

describe('sparse linkage', () => {
  const edges = {
    left: Int32Array.from([0, 1, 2, 0]),
    right: Int32Array.from([1, 2, 3, 3]),
    distance: Float64Array.from([0.1, 0.2, 0.3, 0.5]),
  };

  it('average counts missing pairs as 1', () => {
    // {0,1} and {2,3}: (1 + 0.5 + 0.2 + 1) / 4 = 0.675
    expect(kernel.linkage('average', 5, edges).toArray()).toEqual([
      [0, 1, 0.1, 2],
      [2, 3, 0.3, 2],
      [5, 6, 0.675, 4],
    ]);
  });

  it('complete never merges clusters with a missing pair below 1', () => {
    expect(kernel.linkage('complete', 5, edges).toArray()).toEqual([
      [0, 1, 0.1, 2],
      [2, 3, 0.3, 2],
    ]);
  });

  it('single follows the minimum spanning forest', () => {
    expect(kernel.linkage('single', 5, edges).toArray()).toEqual([
      [0, 1, 0.1, 2],
      [2, 5, 0.2, 3],
      [3, 6, 0.3, 4],
    ]);
  });

  it('maxDistance keeps merges at or below it; above 1 every cluster is merged at last', () => {
    expect(kernel.linkage('single', 5, edges, { maxDistance: 0.2 }).toArray()).toEqual([
      [0, 1, 0.1, 2],
      [2, 5, 0.2, 3],
    ]);
    expect(kernel.linkage('complete', 5, edges, { maxDistance: 2 }).toArray()).toEqual([
      [0, 1, 0.1, 2],
      [2, 3, 0.3, 2],
      [4, 5, 1, 3],
      [6, 7, 1, 5],
    ]);
    expect(kernel.linkage('average', 5, edges, { maxDistance: 0 }).count).toBe(0);
  });

  it('edges at distance 1 carry no evidence and are not merged by default', () => {
    const none = { left: Int32Array.from([0]), right: Int32Array.from([1]), distance: Float64Array.from([1]) };
    for (const method of METHODS) expect(kernel.linkage(method, 2, none).count).toBe(0);
  });

  it('handles no items, one item and no edges', () => {
    const empty = { left: new Int32Array(0), right: new Int32Array(0), distance: new Float64Array(0) };
    for (const method of METHODS) {
      expect(kernel.linkage(method, 0, empty).count).toBe(0);
      expect(kernel.linkage(method, 1, empty).count).toBe(0);
      expect(kernel.linkage(method, 3, empty).count).toBe(0);
      expect(kernel.linkage(method, 3, empty, { maxDistance: 5 }).toArray()).toEqual([
        [0, 1, 1, 2],
        [2, 3, 1, 3],
      ]);
    }
  });

  it.each(['average', 'complete'] as const)('%s: a large sparse graph gives a well-formed forest', (method) => {
    // 20,000 items in chains and stars, 60,000 edges.
    const n = 20_000;
    const next = random(5);
    const m = 60_000;
    const seen = new Set<number>();
    const left: number[] = [];
    const right: number[] = [];
    const distance: number[] = [];
    while (left.length < m) {
      const i = Math.floor(next() * n);
      const j = Math.min(n - 1, i + 1 + Math.floor(next() * 8));
      if (i === j || seen.has(i * n + j)) continue;
      seen.add(i * n + j);
      left.push(i);
      right.push(j);
      distance.push(next() * 0.9);
    }
    const graph = { left: Int32Array.from(left), right: Int32Array.from(right), distance: Float64Array.from(distance) };
    const merges = kernel.linkage(method, n, graph);
    expectWellFormed(merges, n);
    const d = merges.distance;
    expect(d.every((x, k) => k === 0 || x >= d[k - 1])).toBe(true);
    // complete: a maximum of edges below 0.9; average: a mean that may include missing pairs (1).
    expect(d.every((x) => x < (method === 'complete' ? 0.9 : 1))).toBe(true);
    // Every group lies within one connected component; for average, adjacent clusters are
    // always below 1, so the groups are exactly the components.
    const components = kernel.connectedComponents(n, graph.left, graph.right);
    const groups = kernel.cutTree(merges, n, 1);
    const componentOfGroup = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      const c = componentOfGroup.get(groups[i]) ?? components[i];
      componentOfGroup.set(groups[i], c);
      if (c !== components[i]) expect.fail(`item ${i} is grouped across components`);
    }
    if (method === 'average') expect(Array.from(groups)).toEqual(Array.from(components));
    else expect(merges.count).toBeLessThan(n - (Math.max(...components) + 1));
  });
});

describe('cutTree and connectedComponents against simple references', () => {
  it('cutTree matches the reference cut on random sparse linkages', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.array(fc.tuple(fc.nat(), fc.nat(), fc.integer({ min: 0, max: 16 })), { maxLength: 80 }),
        fc.constantFrom<LinkageMethod>(...METHODS),
        fc.integer({ min: -1, max: 17 }),
        (n, raw, method, cut) => {
          const seen = new Set<number>();
          const picked = raw
            .map(([i, j, d]) => [i % n, j % n, d / 16] as const)
            .filter(([i, j]) => {
              const key = Math.min(i, j) * n + Math.max(i, j);
              if (i === j || seen.has(key)) return false;
              seen.add(key);
              return true;
            });
          const merges = kernel.linkage(method, n, {
            left: Int32Array.from(picked, (e) => e[0]),
            right: Int32Array.from(picked, (e) => e[1]),
            distance: Float64Array.from(picked, (e) => e[2]),
          });
          const t = cut / 16;
          expect(Array.from(kernel.cutTree(merges, n, t))).toEqual(Array.from(referenceCut(merges.toArray(), n, t)));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('connectedComponents matches breadth-first search, self-loops and repeated edges included', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40 }), fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 60 }), (n, raw) => {
        const pairs = n === 0 ? [] : raw.map(([i, j]) => [i % n, j % n]);
        const left = Int32Array.from(pairs, (p) => p[0]);
        const right = Int32Array.from(pairs, (p) => p[1]);
        expect(Array.from(kernel.connectedComponents(n, left, right))).toEqual(Array.from(referenceComponents(n, left, right)));
      }),
      { numRuns: 300 },
    );
  });

  it('numbers groups by first item', () => {
    const left = Int32Array.from([4, 1]);
    const right = Int32Array.from([2, 3]);
    expect(Array.from(kernel.connectedComponents(5, left, right))).toEqual([0, 1, 2, 1, 2]);
  });

  it('a stored dendrogram round-trips through mergesFromRows', () => {
    const merges = kernel.linkageCondensed('average', randomCondensed(30, 3));
    const again = mergesFromRows(merges.toArray());
    for (const t of [0.1, 0.3, 0.5, 0.7]) expect(kernel.cutTree(again, 30, t)).toEqual(kernel.cutTree(merges, 30, t));
  });
});

describe('bad input is a clear error, not a trap', () => {
  const ok = { left: Int32Array.from([0, 1]), right: Int32Array.from([1, 2]), distance: Float64Array.from([0.1, 0.2]) };

  it('linkage', () => {
    const bad = (patch: Partial<typeof ok>) => ({ ...ok, ...patch });
    expect(() => kernel.linkage('median' as LinkageMethod, 3, ok)).toThrow(/unknown method "median"/);
    expect(() => kernel.linkage('average', -1, ok)).toThrow(/n = -1/);
    expect(() => kernel.linkage('average', 2.5, ok)).toThrow(/n = 2.5/);
    expect(() => kernel.linkage('average', 2, ok)).toThrow(/edges.right\[1\] = 2 is out of range for n = 2/);
    expect(() => kernel.linkage('average', 3, bad({ left: Int32Array.from([0, -4]) }))).toThrow(/edges.left\[1\] = -4 is out of range/);
    expect(() => kernel.linkage('average', 3, bad({ right: Int32Array.from([1]) }))).toThrow(/edges.right has 1 entries but edges.left has 2/);
    expect(() => kernel.linkage('average', 3, bad({ distance: Float64Array.from([0.1]) }))).toThrow(/edges.distance has 1 entries/);
    expect(() => kernel.linkage('average', 3, bad({ distance: Float64Array.from([0.1, NaN]) }))).toThrow(/edges.distance\[1\] is NaN/);
    expect(() => kernel.linkage('average', 3, bad({ distance: Float64Array.from([-0.5, 0.1]) }))).toThrow(/edges.distance\[0\] = -0.5 is negative/);
    expect(() => kernel.linkage('average', 3, bad({ distance: Float64Array.from([0.5, 1.5]) }))).toThrow(/edges.distance\[1\] = 1.5 is above 1/);
    expect(() => kernel.linkage('average', 3, bad({ left: Int32Array.from([0, 2]) }))).toThrow(/edge 1 joins item 2 to itself/);
    expect(() => kernel.linkage('average', 3, bad({ left: Int32Array.from([0, 1]), right: Int32Array.from([1, 0]) }))).toThrow(
      /edges 0 and 1 both join items 0 and 1/,
    );
    expect(() => kernel.linkage('average', 3, bad({ left: [0, 1] as unknown as typeof ok.left }))).toThrow(/edges.left must be an Int32Array/);
    expect(() => kernel.linkage('average', 3, ok, { maxDistance: NaN })).toThrow(/maxDistance = NaN/);
  });

  it('linkageCondensed', () => {
    expect(() => kernel.linkageCondensed('ward' as LinkageMethod, new Float64Array(3))).toThrow(/unknown method "ward"/);
    expect(() => kernel.linkageCondensed('single', new Float64Array(4))).toThrow(/condensed has 4 entries, which is not n\(n-1\)\/2/);
    expect(() => kernel.linkageCondensed('single', Float64Array.from([0.1, NaN, 0.2]))).toThrow(/condensed\[1\] = NaN/);
    expect(() => kernel.linkageCondensed('average', Float64Array.from([0.1, 0.3, -1]))).toThrow(/condensed\[2\] = -1/);
    expect(() => kernel.linkageCondensed('complete', Float64Array.from([Infinity, 0, 0]))).toThrow(/condensed\[0\] = Infinity/);
    expect(() => kernel.linkageCondensed('single', [0.1, 0.2, 0.3] as unknown as Float64Array)).toThrow(/must be an Float64Array/);
  });

  it('cutTree', () => {
    const merges = kernel.linkage('single', 3, ok);
    expect(() => kernel.cutTree(merges, 3, NaN)).toThrow(/thresholdDistance = NaN/);
    expect(() => kernel.cutTree(merges, 2, 0.5)).toThrow(/2 merges is more than n - 1 for n = 2/);
    expect(() => kernel.cutTree(mergesFromRows([[0, 5, 0.1, 2]]), 3, 0.5)).toThrow(/merges.b\[0\] = 5 is not an item or an earlier merge/);
    expect(() => kernel.cutTree(mergesFromRows([[0, 1, 0.1, 2], [1, 2, 0.2, 2]]), 3, 0.5)).toThrow(/merges.a\[1\] = 1 was already merged/);
    expect(() => mergesFromRows([[0, 1, 0.1]])).toThrow(/row 0 must be \[a, b, distance, size\]/);
    expect(() => mergesFromRows([[0, -1, 0.1, 2]])).toThrow(/row 0 field b = -1/);
  });

  it('connectedComponents', () => {
    expect(() => kernel.connectedComponents(2, Int32Array.from([0]), Int32Array.from([2]))).toThrow(/right\[0\] = 2 is out of range for n = 2/);
    expect(() => kernel.connectedComponents(3, Int32Array.from([0, 1]), Int32Array.from([2]))).toThrow(/right has 1 entries but left has 2/);
    expect(() => kernel.connectedComponents(-2, new Int32Array(0), new Int32Array(0))).toThrow(/n = -2/);
  });

  it('the kernel still works after rejecting input', () => {
    expect(kernel.linkage('average', 3, ok).toArray()).toEqual([
      [0, 1, 0.1, 2],
      [2, 3, 0.6, 3],
    ]);
  });
});
