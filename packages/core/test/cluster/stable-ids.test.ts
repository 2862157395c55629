import { describe, expect, it } from 'vitest';
import { baseGroupId, stabilizeGroupIds } from '../../src/index.js';

describe('baseGroupId', () => {
  it('depends only on the tier and the smallest account id', () => {
    expect(baseGroupId('s', 'acc-1')).toBe(baseGroupId('s', 'acc-1'));
    expect(baseGroupId('s', 'acc-1')).not.toBe(baseGroupId('f', 'acc-1'));
    expect(baseGroupId('s', 'acc-1')).not.toBe(baseGroupId('s', 'acc-2'));
    expect(baseGroupId('s', 'acc-1')).toMatch(/^s-[0-9a-f]{12}$/);
  });

  it('is the 8 hex digits of FNV-1a of the id and the first 4 of FNV-1a with a second basis', () => {
    const fnv = (s: string, basis: number): string => {
      let h = basis;
      for (const unit of Array.from(s, (c) => c.charCodeAt(0))) h = Math.imul(h ^ unit, 0x01000193) >>> 0;
      return h.toString(16).padStart(8, '0');
    };
    for (const id of ['acc-1', '', 'Ünïcödé-42', '0000000001']) {
      expect(baseGroupId('f', id)).toBe(`f-${fnv(id, 0x811c9dc5)}${fnv(id, 0x1b873593).slice(0, 4)}`);
    }
    // FNV-1a of "a" is e40c292c.
    expect(baseGroupId('r', 'a').slice(2, 10)).toBe('e40c292c');
  });
});

describe('stabilizeGroupIds', () => {
  it('creates every group on a first run', () => {
    const r = stabilizeGroupIds([{ base: 'g-a', members: ['1', '2'] }, { base: 'g-b', members: ['3'] }], new Map());
    expect(r.ids).toEqual(['g-a', 'g-b']);
    expect(r.changes).toEqual({ created: ['g-a', 'g-b'], merged: [], split: [], retired: [] });
    const collide = stabilizeGroupIds([{ base: 'g', members: ['1'] }, { base: 'g', members: ['2'] }], new Map());
    expect(collide.ids).toEqual(['g', 'g-2']);
  });

  it('keeps ids by overlap and lists created, merged, split and retired groups', () => {
    const previous = new Map([
      ['1', 'P1'], ['2', 'P1'], ['3', 'P1'], // P1 splits into {1,2} and {3}
      ['4', 'P2'], ['5', 'P3'], // P2 and P3 merge
      ['6', 'P4'], // P4 disappears (account 6 is gone)
    ]);
    const r = stabilizeGroupIds(
      [
        { base: 'n-1', members: ['1', '2'] },
        { base: 'n-3', members: ['3'] },
        { base: 'n-4', members: ['4', '5', '7'] },
        { base: 'n-8', members: ['8'] },
      ],
      previous,
    );
    expect(r.ids).toEqual(['P1', 'n-3', 'P2', 'n-8']);
    expect(r.changes.created).toEqual(['n-3', 'n-8']);
    expect(r.changes.merged).toEqual([{ into: 'P2', from: ['P2', 'P3'] }]);
    expect(r.changes.split).toEqual([{ from: 'P1', into: ['P1', 'n-3'] }]);
    expect(r.changes.retired).toEqual(['P3', 'P4']);
  });

  it('never reuses a previous id for a new group, and gives an overlap tie to the group given first', () => {
    const previous = new Map([['1', 'n-1'], ['2', 'X']]);
    const r = stabilizeGroupIds([{ base: 'n-1', members: ['2'] }, { base: 'n-9', members: ['1'] }], previous);
    expect(r.ids).toEqual(['X', 'n-1']);
    const tie = stabilizeGroupIds([{ base: 'b', members: ['1'] }, { base: 'a', members: ['2'] }], new Map([['1', 'P'], ['2', 'P']]));
    expect(tie.ids).toEqual(['P', 'a']);
    expect(tie.changes.split).toEqual([{ from: 'P', into: ['P', 'a'] }]);
  });
});
