import { beforeAll, describe, expect, it } from 'vitest';
import { loadKernel, type Kernel } from '@kindred/kernel';
import type { Account } from '@kindred/contract';
import { clusterAccounts, clusterPrepared, prepareAccounts } from '../../src/index.js';

let kernel: Kernel;
beforeAll(async () => {
  kernel = await loadKernel();
});

const accounts: Account[] = [
  { id: 'p', name: 'Globex Holdings Inc', website: 'globex.com' },
  { id: 'c1', name: 'Globex Europe GmbH', website: 'globex.de', parentId: 'p' },
  { id: 'c2', name: 'Initrode Systems', parentId: 'p' },
  { id: 'd1', name: 'Umbrella Corp', phone: '(212) 555-0100', state: 'NY' },
  { id: 'd2', name: 'Umbrella Corporation', phone: '212-555-0100', state: 'NY' },
  { id: 'x', name: 'Vandelay Industries', email: 'art@gmail.com' },
  { id: 'y', name: 'Kramerica', email: 'cosmo@gmail.com' },
];
const byId = (r: { accounts: { id: string }[] }, id: string) => r.accounts.find((a) => a.id === id) as ReturnType<typeof clusterAccounts>['accounts'][number];

describe('clusterAccounts', () => {
  it('groups a parent with its children as a family, and duplicates as same', () => {
    const r = clusterAccounts(kernel, accounts);
    expect(byId(r, 'c1').groups.family).toBe(byId(r, 'p').groups.family);
    expect(byId(r, 'c2').groups.family).toBe(byId(r, 'p').groups.family);
    expect(byId(r, 'c2').groups.same).not.toBe(byId(r, 'p').groups.same);
    expect(byId(r, 'd1').groups.same).toBe(byId(r, 'd2').groups.same);
    const relatedToP = byId(r, 'p').related;
    expect(relatedToP.find((x) => x.id === 'c2')).toMatchObject({ relation: 'child', tier: 'family' });
    expect(byId(r, 'c2').related.find((x) => x.id === 'p')).toMatchObject({ relation: 'parent' });
    expect(byId(r, 'c2').related.find((x) => x.id === 'c1')).toMatchObject({ relation: 'sibling' });
    expect(byId(r, 'd1').related[0]).toMatchObject({ id: 'd2', relation: 'duplicate', tier: 'same' });
  });

  it('does not relate accounts through a shared free-mail domain', () => {
    const r = clusterAccounts(kernel, accounts);
    expect(byId(r, 'x').groups.related).not.toBe(byId(r, 'y').groups.related);
    expect(byId(r, 'x').related).toEqual([]);
  });

  it('reports bad records and parent problems as warnings and loses no good record', () => {
    const messy = [
      ...accounts,
      { name: 'No Id' } as unknown as Account,
      { id: 'd1', name: 'Umbrella' },
      { id: 'loop1', name: 'Loop One', parentId: 'loop2' },
      { id: 'loop2', name: 'Loop Two', parentId: 'loop1' },
      { id: 'self', name: 'Selfie', parentId: 'self' },
      { id: 'orphan', name: 'Orphan', parentId: 'nobody' },
      { id: 'bad-web', name: 'Bad Web', website: 'not a url', phone: '12' },
    ];
    const r = clusterAccounts(kernel, messy);
    expect(r.accounts.map((a) => a.id)).toEqual(['bad-web', 'c1', 'c2', 'd1', 'd2', 'loop1', 'loop2', 'orphan', 'p', 'self', 'x', 'y']);
    const kinds = r.warnings.map((w) => `${w.kind}:${w.accountId ?? ''}:${w.field ?? ''}`);
    expect(kinds).toEqual(
      expect.arrayContaining([
        'invalid-account::id',
        'duplicate-id:d1:id',
        'parent-cycle:loop1:parentId',
        'parent-self-link:self:parentId',
        'parent-dangling:orphan:parentId',
        'invalid-field:bad-web:website',
        'invalid-field:bad-web:phone',
      ]),
    );
    // The fuller duplicate record wins.
    expect(byId(r, 'd1').groups.same).toBe(byId(r, 'd2').groups.same);
    expect(byId(r, 'loop1').groups.family).toBe(byId(r, 'loop2').groups.family);
  });

  it('keeps the ids of the previous run and reports what changed', () => {
    const first = clusterAccounts(kernel, accounts);
    const previous = first.accounts.map((a) => ({ id: a.id, groups: a.groups }));
    const again = clusterAccounts(kernel, accounts, { previous });
    expect(again.accounts.map((a) => a.groups)).toEqual(first.accounts.map((a) => a.groups));
    expect(again.changes).toEqual({ created: [], merged: [], split: [], retired: [] });
    // Drop d2, add a duplicate of x: d2's groups stay with d1, x's group keeps its id.
    const changed = clusterAccounts(kernel, [...accounts.filter((a) => a.id !== 'd2'), { id: 'x2', name: 'Vandelay Industries Inc', email: 'art@gmail.com' }], { previous });
    expect(byId(changed, 'd1').groups).toEqual(byId(first, 'd1').groups);
    expect(byId(changed, 'x2').groups.same).toBe(byId(first, 'x').groups.same);
  });

  it('applies must-link and cannot-link overrides', () => {
    const r = clusterAccounts(kernel, accounts, {
      overrides: [
        { a: 'x', b: 'y', kind: 'must-link' },
        { a: 'd1', b: 'd2', kind: 'cannot-link' },
        { a: 'x', b: 'ghost', kind: 'must-link' },
      ],
    });
    expect(byId(r, 'x').groups.same).toBe(byId(r, 'y').groups.same);
    expect(byId(r, 'x').related[0]).toMatchObject({ id: 'y', score: 1, tier: 'same' });
    expect(byId(r, 'x').related[0].reasons[0]).toMatchObject({ factor: 'override' });
    expect(byId(r, 'd1').groups.related).not.toBe(byId(r, 'd2').groups.related);
    expect(r.warnings.some((w) => w.kind === 'invalid-override' && w.accountId === 'ghost')).toBe(true);
  });

  it('re-clusters prepared accounts with other settings, as clustering from scratch would', () => {
    const prepared = prepareAccounts(kernel, accounts);
    const config = { thresholds: { sameDistance: 0.05, familyDistance: 0.1, relatedDistance: 0.2 }, linkage: 'complete' as const };
    const strict = clusterPrepared(kernel, prepared, { config });
    const strip = (r: ReturnType<typeof clusterAccounts>) => r.accounts;
    expect(strip(strict)).toEqual(strip(clusterAccounts(kernel, accounts, { config })));
    expect(strip(clusterPrepared(kernel, prepared))).toEqual(strip(clusterAccounts(kernel, accounts)));
    expect(byId(strict, 'c2').groups.family).not.toBe(byId(strict, 'p').groups.family);
    const groupsOnly = clusterPrepared(kernel, prepared, { related: false });
    expect(groupsOnly.accounts.every((a) => a.related.length === 0)).toBe(true);
    expect(groupsOnly.accounts.map((a) => a.groups)).toEqual(clusterPrepared(kernel, prepared).accounts.map((a) => a.groups));
  });

  it('gives the same result from remembered scores and linkage as from a fresh start', () => {
    const prepared = prepareAccounts(kernel, accounts);
    const configs = [
      {},
      { thresholds: { familyDistance: 0.3 } },
      { thresholds: { familyDistance: 0.3, relatedDistance: 0.5 } },
      { weights: { name: 0.5 } },
      {},
    ];
    for (const config of configs) {
      const remembered = clusterPrepared(kernel, prepared, { config });
      expect(remembered.accounts).toEqual(clusterAccounts(kernel, accounts, { config }).accounts);
    }
    // A new previous assignment is read afresh; the same one again is remembered.
    const first = clusterPrepared(kernel, prepared);
    const renamed = first.accounts.map((a) => ({ id: a.id, groups: { same: `S:${a.groups.same}`, family: `F:${a.groups.family}`, related: `R:${a.groups.related}` } }));
    const keep = first.accounts.map((a) => ({ id: a.id, groups: a.groups }));
    expect(byId(clusterPrepared(kernel, prepared, { previous: renamed }), 'd1').groups.same).toBe(`S:${byId(first, 'd1').groups.same}`);
    expect(byId(clusterPrepared(kernel, prepared, { previous: keep }), 'd1').groups.same).toBe(byId(first, 'd1').groups.same);
    expect(clusterPrepared(kernel, prepared, { previous: keep }).changes).toEqual({ created: [], merged: [], split: [], retired: [] });
    expect(clusterPrepared(kernel, prepared).changes.created.length).toBeGreaterThan(0);
    const withOverride = clusterPrepared(kernel, prepared, { overrides: [{ a: 'x', b: 'y', kind: 'must-link' }] });
    expect(byId(withOverride, 'x').groups.same).toBe(byId(withOverride, 'y').groups.same);
    const without = clusterPrepared(kernel, prepared);
    expect(byId(without, 'x').groups.same).not.toBe(byId(without, 'y').groups.same);
  });

  it('reports progress, metrics and a clear error for a bad configuration', () => {
    const stages: string[] = [];
    const r = clusterAccounts(kernel, accounts, { onProgress: (p) => stages.push(p.stage) });
    expect(stages[0]).toBe('normalise');
    expect(stages.at(-1)).toBe('done');
    expect(r.metrics.totalAccounts).toBe(accounts.length);
    expect(r.metrics.candidatePairs).toBeGreaterThan(0);
    expect(Object.keys(r.metrics.stageMs)).toEqual(expect.arrayContaining(['normalise', 'block', 'compare', 'score', 'link']));
    expect(() => clusterAccounts(kernel, accounts, { config: { thresholds: { sameDistance: 0.9, familyDistance: 0.1 } } })).toThrow(/thresholds/);
    expect(clusterAccounts(kernel, []).accounts).toEqual([]);
  });
});
