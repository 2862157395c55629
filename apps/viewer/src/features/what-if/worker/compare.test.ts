import type { GroupIds } from '@kindred/contract';
import { describe, expect, it } from 'vitest';
import { compareTier, describeExamples, tierFigures } from './compare.js';

const g = (family: string): GroupIds => ({ same: `s-${family}`, family, related: 'r' });
const assignment = (pairs: [string, string][]) => new Map(pairs.map(([id, fam]) => [id, g(fam)]));

describe('compareTier', () => {
  const before = assignment([
    ['1', 'A'], ['2', 'A'], ['3', 'A'], ['4', 'B'], ['5', 'C'], ['6', 'D'], ['7', 'D'],
  ]);

  it('finds nothing when only the ids differ', () => {
    const renamed = assignment([
      ['1', 'x'], ['2', 'x'], ['3', 'x'], ['4', 'y'], ['5', 'z'], ['6', 'w'], ['7', 'w'],
    ]);
    expect(compareTier(before, renamed, 'family')).toMatchObject({ merged: 0, split: 0, accountsMoved: 0 });
  });

  it('counts merges, splits and the accounts that moved', () => {
    // A and B merge; D splits into D and E.
    const after = assignment([
      ['1', 'A'], ['2', 'A'], ['3', 'A'], ['4', 'A'], ['5', 'C'], ['6', 'D'], ['7', 'E'],
    ]);
    const c = compareTier(before, after, 'family');
    expect(c.merged).toBe(1);
    expect(c.merges[0]).toEqual({ into: 'A', from: ['A', 'B'], size: 4 });
    expect(c.split).toBe(1);
    expect(c.splits[0]).toEqual({ from: 'D', into: ['D', 'E'], size: 2 });
    // 4 left B for A; 7 left D for a new group.
    expect(c.accountsMoved).toBe(2);
    const names = new Map([['1', 'Acme'], ['4', 'Acme Consulting'], ['6', 'Beta'], ['7', 'Beta Labs']]);
    const examples = describeExamples(c, before, after, 'family', (id) => names.get(id) ?? id);
    expect(examples[0]).toEqual({ kind: 'merged', groupIds: ['A', 'B'], members: [['Acme', '2', '3'], ['Acme Consulting']] });
    expect(examples[1]).toEqual({ kind: 'split', groupIds: ['D', 'E'], members: [['Beta'], ['Beta Labs']] });
  });

  it('summarises a tier', () => {
    expect(tierFigures(before, 'family')).toEqual({ groups: 4, multiAccountGroups: 2, largestGroupSize: 3 });
  });
});
