import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadKernel, type Kernel, type LinkageMethod } from '@kindred/kernel';
import { linkableEdges } from '../../src/cluster/pipeline.js';

let kernel: Kernel;
beforeAll(async () => {
  kernel = await loadKernel();
});

/** A sparse graph: distinct pairs of n items with distances in [0, 1], on a coarse grid so that
 * ties (the hard case for merge order) are common. */
const graph = fc.integer({ min: 2, max: 40 }).chain((n) =>
  fc
    .uniqueArray(fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: 20 })), {
      maxLength: 120,
      selector: ([a, b]) => `${Math.min(a, b)},${Math.max(a, b)}`,
    })
    .map((edges) => {
      const kept = edges.filter(([a, b]) => a !== b);
      return {
        n,
        left: Int32Array.from(kept, ([a]) => a),
        right: Int32Array.from(kept, ([, b]) => b),
        distance: Float64Array.from(kept, ([, , d]) => d / 20),
      };
    }),
);

const rows = (m: ReturnType<Kernel['linkage']>): number[][] => m.toArray();

describe('linkableEdges', () => {
  for (const method of ['single', 'average', 'complete'] as LinkageMethod[]) {
    it(`gives the same ${method} linkage as the whole graph, up to the cut distance`, () => {
      fc.assert(
        fc.property(graph, fc.integer({ min: 0, max: 19 }), ({ n, left, right, distance }, cut) => {
          const maxDistance = cut / 20 + 1e-9;
          const edges = linkableEdges(n, left, right, distance, maxDistance);
          const whole = kernel.linkage(method, n, { left, right, distance }, { maxDistance });
          const part = kernel.linkage(method, n, edges, { maxDistance });
          expect(rows(part)).toEqual(rows(whole));
        }),
        { numRuns: 300 },
      );
    });
  }

  it('leaves out the edges between components of close pairs', () => {
    // 0–1 close, 2–3 close, 1–2 far: the far edge joins nothing below the cut.
    const edges = linkableEdges(4, Int32Array.from([0, 2, 1]), Int32Array.from([1, 3, 2]), Float64Array.from([0.1, 0.2, 0.6]), 0.3);
    expect(Array.from(edges.left)).toEqual([0, 2]);
    expect(Array.from(edges.right)).toEqual([1, 3]);
    // A far edge inside a component stays: it counts in average and complete linkage.
    const inside = linkableEdges(3, Int32Array.from([0, 1, 0]), Int32Array.from([1, 2, 2]), Float64Array.from([0.1, 0.2, 0.6]), 0.3);
    expect(Array.from(inside.distance)).toEqual([0.1, 0.2, 0.6]);
  });
});
