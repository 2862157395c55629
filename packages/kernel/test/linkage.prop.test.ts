import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadKernel, type Kernel, type LinkageMethod, type Merges } from '../src/index.js';
import { matrixFromEdges, referenceCut, referenceLinkage, sparseAccept, type Row } from './linkage-reference.js';

const METHODS: LinkageMethod[] = ['single', 'average', 'complete'];

interface Graph {
  n: number;
  left: Int32Array;
  right: Int32Array;
  distance: Float64Array;
}

const PRIME = 2 ** 31 - 1;

/** Random sparse graphs on up to 25 items. `tied`: distances are multiples of 1/8 (many exact
 * ties, and sums of them are exact, so the kernel and the reference agree to the bit);
 * otherwise uniform k / (2^31 - 1), which rounds in every sum: the kernel and the reference
 * add in different orders, so heights agree to the last bits and partitions away from them.
 * (Unbiased, so that no two candidate merges are equal in exact arithmetic but rounded apart.)
 * Either endpoint may come first. */
function graphs(tied: boolean): fc.Arbitrary<Graph> {
  const dist = tied
    ? fc.integer({ min: 0, max: 8 }).map((k) => k / 8)
    : fc.noBias(fc.integer({ min: 0, max: PRIME - 1 })).map((k) => k / PRIME);
  return fc.integer({ min: 2, max: 25 }).chain((n) =>
    fc
      .uniqueArray(fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: n - 1 }), dist), {
        selector: ([i, j]) => (i < j ? i * n + j : j * n + i),
        maxLength: (n * (n - 1)) / 2,
        size: 'max', // from a few edges up to every pair
      })
      .map((edges) => {
        const kept = edges.filter(([i, j]) => i !== j);
        return {
          n,
          left: Int32Array.from(kept, (e) => e[0]),
          right: Int32Array.from(kept, (e) => e[1]),
          distance: Float64Array.from(kept, (e) => e[2]),
        };
      }),
  );
}

const maxDistances = fc.constantFrom(1, 0.5, 0.75, 0.875, 2, Infinity);

function sortedHeights(rows: readonly Row[] | Merges): number[] {
  const list = Array.isArray(rows) ? rows.map((r) => r[2]) : Array.from((rows as Merges).distance);
  return list.sort((x, y) => x - y);
}

/** Cut thresholds: every height, and between and around them. */
function cutsAt(heights: number[]): number[] {
  const distinct = [...new Set(heights)];
  const cuts = [-1, ...distinct, Infinity];
  for (let k = 0; k + 1 < distinct.length; k++) cuts.push((distinct[k] + distinct[k + 1]) / 2);
  return cuts;
}

/** Cuts strictly between distinct heights (robust to last-bit differences in the heights). */
function cutsBetween(heights: number[]): number[] {
  const distinct = [...new Set(heights)];
  const cuts = [-1, Infinity];
  for (let k = 0; k + 1 < distinct.length; k++) {
    if (distinct[k + 1] - distinct[k] > 1e-9) cuts.push((distinct[k] + distinct[k + 1]) / 2);
  }
  return cuts;
}

describe('sparse linkage against the brute-force reference', () => {
  let kernel: Kernel;
  beforeAll(async () => {
    kernel = await loadKernel();
  });

  it.each(['average', 'complete'] as const)('%s: the same merges, row for row, on tied distances', (method) => {
    fc.assert(
      fc.property(graphs(true), maxDistances, (g, maxDistance) => {
        const got = kernel.linkage(method, g.n, g, { maxDistance }).toArray();
        const want = referenceLinkage(method, g.n, matrixFromEdges(g.n, g.left, g.right, g.distance), sparseAccept(maxDistance));
        expect(got).toEqual(want);
      }),
      { numRuns: 400 },
    );
  });

  it('single: the same heights and the same partition at every cut, on tied distances', () => {
    fc.assert(
      fc.property(graphs(true), maxDistances, (g, maxDistance) => {
        const merges = kernel.linkage('single', g.n, g, { maxDistance });
        const want = referenceLinkage('single', g.n, matrixFromEdges(g.n, g.left, g.right, g.distance), sparseAccept(maxDistance));
        expect(sortedHeights(merges)).toEqual(sortedHeights(want));
        for (const t of cutsAt(sortedHeights(want))) {
          expect(Array.from(kernel.cutTree(merges, g.n, t))).toEqual(Array.from(referenceCut(want, g.n, t)));
        }
      }),
      { numRuns: 400 },
    );
  });

  it.each(METHODS)('%s: the same heights and partitions on arbitrary distances', (method) => {
    fc.assert(
      fc.property(graphs(false), maxDistances, (g, maxDistance) => {
        const merges = kernel.linkage(method, g.n, g, { maxDistance });
        const want = referenceLinkage(method, g.n, matrixFromEdges(g.n, g.left, g.right, g.distance), sparseAccept(maxDistance));
        const got = sortedHeights(merges);
        const expected = sortedHeights(want);
        expect(got.length).toBe(expected.length);
        got.forEach((h, k) => expect(h).toBeCloseTo(expected[k], 12));
        for (const t of cutsBetween(expected)) {
          expect(Array.from(kernel.cutTree(merges, g.n, t))).toEqual(Array.from(referenceCut(want, g.n, t)));
        }
      }),
      { numRuns: 300 },
    );
  });

  it.each(METHODS)('%s: edge order and endpoint order do not change the merges, to the last bit', (method) => {
    fc.assert(
      fc.property(fc.boolean().chain(graphs), fc.infiniteStream(fc.double({ min: 0, max: 1, noNaN: true })), (g, random) => {
        const m = g.left.length;
        const order = Array.from({ length: m }, (_, e) => e);
        const r = random[Symbol.iterator]();
        for (let k = m - 1; k > 0; k--) {
          const j = Math.floor(r.next().value * (k + 1)) % (k + 1);
          [order[k], order[j]] = [order[j], order[k]];
        }
        const flip = order.map(() => r.next().value < 0.5);
        const shuffled = {
          left: Int32Array.from(order, (e, k) => (flip[k] ? g.right[e] : g.left[e])),
          right: Int32Array.from(order, (e, k) => (flip[k] ? g.left[e] : g.right[e])),
          distance: Float64Array.from(order, (e) => g.distance[e]),
        };
        for (const maxDistance of [1, Infinity]) {
          expect(kernel.linkage(method, g.n, shuffled, { maxDistance }).toArray()).toEqual(
            kernel.linkage(method, g.n, g, { maxDistance }).toArray(),
          );
        }
      }),
      { numRuns: 300 },
    );
  });

  it('connectedComponents is the single-linkage cut at 1 and matches the components of its edges', () => {
    fc.assert(
      fc.property(graphs(false), (g) => {
        const below = { left: g.left, right: g.right, distance: g.distance.map((d) => Math.min(d, 0.99)) };
        const components = kernel.connectedComponents(g.n, g.left, g.right);
        const merges = kernel.linkage('single', g.n, below);
        expect(Array.from(kernel.cutTree(merges, g.n, 1))).toEqual(Array.from(components));
        expect(merges.count).toBe(g.n - (Math.max(-1, ...components) + 1));
      }),
      { numRuns: 300 },
    );
  });
});
