import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildDendrogram, constrainedSingleLinkage, cutDendrogram, forbiddenNodes } from '../../src/index.js';

// Six leaves: (0,1) at 0.1, (2,3) at 0.2, (01,23) at 0.5, (4,5) at 0.3, (0123,45) at 0.8.
const merges = {
  count: 5,
  a: Int32Array.from([0, 2, 4, 6, 8]),
  b: Int32Array.from([1, 3, 5, 7, 9]),
  distance: Float64Array.from([0.1, 0.2, 0.3, 0.5, 0.8]),
};
const d = buildDendrogram(6, merges);

describe('cutDendrogram', () => {
  it('cuts at a distance, labelling each group by its smallest leaf', () => {
    expect(Array.from(cutDendrogram(d, 0.25, 100))).toEqual([0, 0, 2, 2, 4, 5]);
    expect(Array.from(cutDendrogram(d, 0.5, 100))).toEqual([0, 0, 0, 0, 4, 4]);
    expect(Array.from(cutDendrogram(d, 1, 100))).toEqual([0, 0, 0, 0, 0, 0]);
    expect(Array.from(cutDendrogram(d, 0, 100))).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('splits an oversized group at its weakest (highest) links', () => {
    expect(Array.from(cutDendrogram(d, 1, 4))).toEqual([0, 0, 0, 0, 4, 4]);
    expect(Array.from(cutDendrogram(d, 1, 3))).toEqual([0, 0, 2, 2, 4, 4]);
  });

  it('counts leaf weights towards the size cap', () => {
    const weighted = buildDendrogram(6, merges, Int32Array.from([5, 5, 1, 1, 1, 1]));
    expect(weighted.size[weighted.size.length - 1]).toBe(14);
    expect(Array.from(cutDendrogram(weighted, 1, 10))).toEqual([0, 0, 2, 2, 4, 4]);
    expect(Array.from(cutDendrogram(weighted, 1, 14))).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('keeps cannot-link pairs apart by splitting the groups that hold both', () => {
    const forbidden = forbiddenNodes(d, [[0, 3]]);
    expect(Array.from(cutDendrogram(d, 1, 100, forbidden))).toEqual([0, 0, 2, 2, 4, 4]);
    const apart45 = forbiddenNodes(d, [[4, 5]]);
    expect(Array.from(cutDendrogram(d, 1, 100, apart45))).toEqual([0, 0, 0, 0, 4, 5]);
    expect(forbiddenNodes(d, [])).toBeUndefined();
  });
});

/** A sparse graph: distinct pairs of n items with distances on a coarse grid in [0, 1] (ties
 * common), and a few pairs to keep apart. */
const graph = fc.integer({ min: 2, max: 14 }).chain((n) =>
  fc
    .record({
      edges: fc.uniqueArray(fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: 10 })), {
        maxLength: 40,
        selector: ([a, b]) => `${Math.min(a, b)},${Math.max(a, b)}`,
      }),
      cannot: fc.array(fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: n - 1 })), { minLength: 1, maxLength: 3 }),
    })
    .map(({ edges, cannot }) => {
      const kept = edges.filter(([a, b]) => a !== b);
      return {
        n,
        left: Int32Array.from(kept, ([a]) => a),
        right: Int32Array.from(kept, ([, b]) => b),
        distance: Float64Array.from(kept, ([, , d]) => d / 10),
        cannot: cannot.filter(([x, y]) => x !== y) as [number, number][],
      };
    }),
);

/** Groups as sorted lists of sorted members, for comparison. */
function partition(labels: Int32Array): number[][] {
  const by = new Map<number, number[]>();
  labels.forEach((l, i) => (by.get(l) ?? by.set(l, []).get(l)!).push(i));
  return [...by.values()].sort((x, y) => x[0] - y[0]);
}

describe('constrainedSingleLinkage', () => {
  it('without cannot-links, cuts into the connected components of the edges within the threshold', () => {
    fc.assert(
      fc.property(graph, fc.integer({ min: 0, max: 10 }), ({ n, left, right, distance }, cutStep) => {
        const cut = cutStep / 10;
        const d = buildDendrogram(n, constrainedSingleLinkage(n, { left, right, distance }, 0.7, []));
        // Reference: repeated relaxation of labels over the edges within the cut (and the 0.7 limit).
        const ref = Int32Array.from({ length: n }, (_, i) => i);
        for (let changed = true; changed; ) {
          changed = false;
          for (let e = 0; e < left.length; e++) {
            if (distance[e] > Math.min(cut, 0.7) + 1e-9) continue;
            const m = Math.min(ref[left[e]], ref[right[e]]);
            if (ref[left[e]] !== m || ref[right[e]] !== m) {
              ref[left[e]] = m;
              ref[right[e]] = m;
              changed = true;
            }
          }
        }
        expect(partition(cutDendrogram(d, cut, n))).toEqual(partition(ref));
      }),
      { numRuns: 300 },
    );
  });

  it('never joins a cannot-link pair, and leaves apart only groups whose union would hold one', () => {
    fc.assert(
      fc.property(graph, ({ n, left, right, distance, cannot }) => {
        const merges = constrainedSingleLinkage(n, { left, right, distance }, 1, cannot);
        for (let j = 1; j < merges.count; j++) expect(merges.distance[j]).toBeGreaterThanOrEqual(merges.distance[j - 1]);
        const labels = cutDendrogram(buildDendrogram(n, merges), 1, n);
        for (const [x, y] of cannot) expect(labels[x]).not.toBe(labels[y]);
        const groupOf = new Map<number, number[]>();
        for (const g of partition(labels)) for (const i of g) groupOf.set(i, g);
        for (let e = 0; e < left.length; e++) {
          const gl = groupOf.get(left[e])!;
          const gr = groupOf.get(right[e])!;
          if (gl === gr) continue;
          const union = new Set([...gl, ...gr]);
          expect(cannot.some(([x, y]) => union.has(x) && union.has(y))).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('keeps the rest of a chain together around a separated pair', () => {
    // 0–1 closest, then 1–2, then 0–3: with 0 and 1 kept apart, 1 joins 2 and 0 joins 3.
    const edges = { left: Int32Array.from([0, 1, 0]), right: Int32Array.from([1, 2, 3]), distance: Float64Array.from([0.1, 0.2, 0.3]) };
    const labels = cutDendrogram(buildDendrogram(4, constrainedSingleLinkage(4, edges, 1, [[0, 1]])), 1, 4);
    expect(Array.from(labels)).toEqual([0, 1, 1, 0]);
  });
});
