import type { GroupIds } from '@kindred/contract';
import { describe, expect, it } from 'vitest';
import { compareTier, describeExamples, encodeAssignment, tierFigures } from './compare.js';

const g = (family: string): GroupIds => ({ same: `s-${family}`, family, related: 'r' });
const assignment = (pairs: [string, string][]) => encodeAssignment(pairs.map(([id, fam]) => ({ id, groups: g(fam) })));

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
    expect(c.merges[0]).toMatchObject({ from: [0, 1], size: 4 });
    expect(c.split).toBe(1);
    expect(c.splits[0]).toMatchObject({ into: [2, 3], size: 2 });
    // 4 left B for A; 7 left D for a new group.
    expect(c.accountsMoved).toBe(2);
    const names = new Map([['1', 'Acme'], ['4', 'Acme Consulting'], ['6', 'Beta'], ['7', 'Beta Labs']]);
    const examples = describeExamples(c, before, after, 'family', (id) => names.get(id) ?? id);
    expect(examples[0]).toEqual({ kind: 'merged', parts: 2, members: [['Acme', '2', '3'], ['Acme Consulting']] });
    expect(examples[1]).toEqual({ kind: 'split', parts: 2, members: [['Beta'], ['Beta Labs']] });
    // Bounded: one part and two names per part.
    expect(describeExamples(c, before, after, 'family', (id) => id, 5, 1, 2)[0]).toEqual({ kind: 'merged', parts: 2, members: [['1', '2']] });
  });

  it('refuses clusterings of different accounts', () => {
    expect(() => compareTier(before, assignment([['1', 'A']]), 'family')).toThrow('same accounts in the same order');
  });

  it('summarises a tier', () => {
    expect(tierFigures(before, 'family')).toEqual({ groups: 4, multiAccountGroups: 2, largestGroupSize: 3 });
    expect(tierFigures(before, 'related')).toEqual({ groups: 1, multiAccountGroups: 1, largestGroupSize: 7 });
  });
});
