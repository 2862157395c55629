import { describe, expect, it } from 'vitest';
import { evaluateClusters, sizeCapCeiling } from '../../src/index.js';

const map = (o: Record<string, string>) => new Map(Object.entries(o));

describe('evaluateClusters', () => {
  it('matches hand-computed pairwise and B-cubed figures', () => {
    // Truth: {a,b,c} {d,e}. Predicted: {a,b} {c,d,e}.
    const truth = map({ a: 'T1', b: 'T1', c: 'T1', d: 'T2', e: 'T2' });
    const predicted = map({ a: 'P1', b: 'P1', c: 'P2', d: 'P2', e: 'P2' });
    const e = evaluateClusters(predicted, truth);
    // Predicted pairs: ab, cd, ce, de = 4; true pairs: ab, ac, bc, de = 4; common: ab, de = 2.
    expect(e.pairwise.precision).toBeCloseTo(0.5, 12);
    expect(e.pairwise.recall).toBeCloseTo(0.5, 12);
    expect(e.pairwise.f1).toBeCloseTo(0.5, 12);
    // B-cubed precision: a 2/2, b 2/2, c 1/3, d 2/3, e 2/3 → (1+1+1/3+2/3+2/3)/5 = 11/15.
    // B-cubed recall: a 2/3, b 2/3, c 1/3, d 2/2, e 2/2 → (2/3+2/3+1/3+1+1)/5 = 11/15.
    expect(e.bcubed.precision).toBeCloseTo(11 / 15, 12);
    expect(e.bcubed.recall).toBeCloseTo(11 / 15, 12);
    expect(e.bcubed.f1).toBeCloseTo(11 / 15, 12);
  });

  it('is perfect on a perfect clustering and treats missing predictions as singletons', () => {
    const truth = map({ a: 'x', b: 'x', c: 'y' });
    expect(evaluateClusters(map({ a: '1', b: '1', c: '2' }), truth)).toEqual({
      pairwise: { precision: 1, recall: 1, f1: 1 },
      bcubed: { precision: 1, recall: 1, f1: 1 },
    });
    const e = evaluateClusters(map({ a: '1' }), truth);
    expect(e.pairwise).toEqual({ precision: 1, recall: 0, f1: 0 });
    expect(e.bcubed.precision).toBe(1);
    expect(e.bcubed.recall).toBeCloseTo((0.5 + 0.5 + 1) / 3, 12);
  });

  it('penalises one big predicted group', () => {
    const truth = map({ a: '1', b: '2', c: '3', d: '4' });
    const e = evaluateClusters(map({ a: 'g', b: 'g', c: 'g', d: 'g' }), truth);
    expect(e.pairwise.precision).toBe(0);
    expect(e.pairwise.recall).toBe(1);
    expect(e.bcubed.precision).toBeCloseTo(0.25, 12);
    expect(e.bcubed.recall).toBe(1);
  });
});

describe('sizeCapCeiling', () => {
  it('is perfect when every true group fits under the cap', () => {
    const truth = map({ a: '1', b: '1', c: '2' });
    expect(sizeCapCeiling(truth, 2)).toEqual({ pairwise: { precision: 1, recall: 1, f1: 1 }, bcubed: { precision: 1, recall: 1, f1: 1 } });
  });

  it('bounds recall by the pairs a capped group can hold', () => {
    // One true group of 5 with groups of at most 2: chunks 2 + 2 + 1 keep 2 of its 10 pairs.
    const truth = map({ a: '1', b: '1', c: '1', d: '1', e: '1' });
    const e = sizeCapCeiling(truth, 2);
    expect(e.pairwise).toEqual({ precision: 1, recall: 0.2, f1: (2 * 0.2) / 1.2 });
    // B-cubed recall: 4 items see 2 of 5, one sees 1 of 5.
    expect(e.bcubed.recall).toBeCloseTo((4 * 0.4 + 0.2) / 5, 12);
    // No clustering of groups of at most 2 does better (all 2-partitions of 5 items checked).
    const items = ['a', 'b', 'c', 'd', 'e'];
    let best = 0;
    const assign = (k: number, groups: string[][]): void => {
      if (k === items.length) {
        const predicted = new Map(groups.flatMap((g, gi) => g.map((x) => [x, String(gi)] as [string, string])));
        best = Math.max(best, evaluateClusters(predicted, truth).pairwise.f1);
        return;
      }
      for (const g of groups) {
        if (g.length < 2) {
          g.push(items[k]);
          assign(k + 1, groups);
          g.pop();
        }
      }
      groups.push([items[k]]);
      assign(k + 1, groups);
      groups.pop();
    };
    assign(0, []);
    expect(e.pairwise.f1).toBeCloseTo(best, 12);
  });

  it('refuses a cap below one', () => {
    expect(() => sizeCapCeiling(map({ a: '1' }), 0)).toThrow(/at least 1/);
  });
});
