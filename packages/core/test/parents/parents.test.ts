import { describe, expect, it } from 'vitest';
import { parentRelation, resolveParents } from '../../src/index.js';

describe('resolveParents', () => {
  it('finds the ultimate parent and depth along chains', () => {
    const ids = ['a', 'b', 'c', 'd', 'e'];
    const links = resolveParents(ids, [undefined, 'a', 'b', 'a', undefined]);
    expect(Array.from(links.root)).toEqual([0, 0, 0, 0, 4]);
    expect(Array.from(links.depth)).toEqual([0, 1, 2, 1, 0]);
    expect(links.warnings).toEqual([]);
    expect(parentRelation(links, 2, 0)).toBe('parent');
    expect(parentRelation(links, 0, 2)).toBe('child');
    expect(parentRelation(links, 1, 3)).toBe('sibling');
    expect(parentRelation(links, 2, 3)).toBe('sibling');
    expect(parentRelation(links, 0, 4)).toBeUndefined();
  });

  it('drops self-links and dangling links with a warning each', () => {
    const links = resolveParents(['a', 'b'], ['a', 'zzz']);
    expect(Array.from(links.parent)).toEqual([-1, -1]);
    expect(links.warnings.map((w) => [w.kind, w.accountId, w.field])).toEqual([
      ['parent-self-link', 'a', 'parentId'],
      ['parent-dangling', 'b', 'parentId'],
    ]);
    expect(links.warnings[1].message).toContain('zzz');
  });

  it('breaks a cycle at its smallest id, whatever the order of the accounts', () => {
    const forward = resolveParents(['x', 'y', 'z', 'w'], ['y', 'z', 'x', 'x']);
    expect(Array.from(forward.parent)).toEqual([-1, 2, 0, 0]);
    expect(Array.from(forward.root)).toEqual([0, 0, 0, 0]);
    expect(forward.warnings).toHaveLength(1);
    expect(forward.warnings[0]).toMatchObject({ kind: 'parent-cycle', accountId: 'x' });
    expect(forward.warnings[0].message).toContain('x, y, z');
    // Same links given in another order: same repair.
    const shuffled = resolveParents(['z', 'w', 'y', 'x'], ['x', 'x', 'z', 'y']);
    const parentOf = (r: typeof shuffled, ids: string[]) => Object.fromEntries(ids.map((id, i) => [id, r.parent[i] < 0 ? null : ids[r.parent[i]]]));
    expect(parentOf(shuffled, ['z', 'w', 'y', 'x'])).toEqual(parentOf(forward, ['x', 'y', 'z', 'w']));
  });

  it('survives long chains and many cycles without recursion', () => {
    const n = 200_000;
    const ids = Array.from({ length: n }, (_, i) => `a${String(i).padStart(6, '0')}`);
    const parents = ids.map((_, i) => (i === 0 ? ids[n - 1] : ids[i - 1]));
    const links = resolveParents(ids, parents);
    expect(links.warnings).toHaveLength(1);
    expect(links.root[n - 1]).toBe(0);
    expect(links.depth[n - 1]).toBe(n - 1);
  });
});
