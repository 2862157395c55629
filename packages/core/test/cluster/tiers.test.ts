import { describe, expect, it } from 'vitest';
import { buildDendrogram, cutDendrogram, forbiddenNodes } from '../../src/index.js';

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
