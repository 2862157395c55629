import { beforeAll, describe, expect, it } from 'vitest';
import { loadKernel, type Kernel } from '@kindred/kernel';
import { AccountResultSchema } from '@kindred/contract';
import { clusterAccounts, type ClusterResult } from '../../src/index.js';
import { loadLabelled } from '../load-csv.js';

let kernel: Kernel;
let result: ClusterResult;
const acme = loadLabelled('acme.csv');

beforeAll(async () => {
  kernel = await loadKernel();
  result = clusterAccounts(kernel, acme);
});

const byId = (r: ClusterResult, id: string) => r.accounts.find((a) => a.id === id)!;

describe('the Acme example', () => {
  it('puts 1, 2, 3 in one same group, 4 in their family and 5 in their related group only', () => {
    const [a1, a2, a3, a4, a5] = ['1', '2', '3', '4', '5'].map((id) => byId(result, id));
    expect(a2.groups.same).toBe(a1.groups.same);
    expect(a3.groups.same).toBe(a1.groups.same);
    expect(a4.groups.same).not.toBe(a1.groups.same);
    expect(a4.groups.family).toBe(a1.groups.family);
    expect(a5.groups.family).not.toBe(a1.groups.family);
    expect(a5.groups.related).toBe(a1.groups.related);
    expect(a4.groups.related).toBe(a1.groups.related);
  });

  it('lists 2–5 as related to 1, with tiers, relations, scores and reasons', () => {
    const related = byId(result, '1').related;
    expect(related.map((r) => r.id).sort()).toEqual(['2', '3', '4', '5']);
    const of = (id: string) => related.find((r) => r.id === id)!;
    expect(of('2')).toMatchObject({ tier: 'same', relation: 'duplicate' });
    expect(of('3')).toMatchObject({ tier: 'same', relation: 'duplicate' });
    expect(of('4')).toMatchObject({ tier: 'family', relation: 'shared-domain' });
    expect(of('5')).toMatchObject({ tier: 'related', relation: 'similar-name' });
    expect(of('4').reasons).toContainEqual(expect.objectContaining({ factor: 'domain', detail: 'acme.com' }));
    expect(of('5').reasons.map((r) => r.factor)).toContain('name');
    for (const r of related) {
      expect(r.reasons.length).toBeGreaterThan(0);
      const sum = r.reasons.reduce((s, x) => s + x.contribution, 0);
      expect(sum).toBeCloseTo(r.score, 2);
    }
    expect(of('2').score).toBeGreaterThan(of('4').score);
    expect(of('4').score).toBeGreaterThan(of('5').score);
    for (const a of result.accounts) expect(AccountResultSchema.parse(a)).toEqual(a);
  });

  it('gives the same output whatever the input order', () => {
    const orders = [acme.slice().reverse(), [acme[2], acme[4], acme[0], acme[3], acme[1]], [acme[4], acme[1], acme[3], acme[0], acme[2]]];
    const strip = (r: ClusterResult) => ({ accounts: r.accounts, changes: r.changes, warnings: r.warnings });
    for (const order of orders) expect(strip(clusterAccounts(kernel, order))).toEqual(strip(result));
  });

  it('accounts for every input account, sorted by id', () => {
    expect(result.accounts.map((a) => a.id)).toEqual(['1', '2', '3', '4', '5']);
    expect(result.metrics.totalAccounts).toBe(5);
    expect(result.metrics.groupsPerTier).toEqual({ same: 3, family: 2, related: 1 });
  });
});

describe('the Acme example with accounts 1 and 3 kept apart by hand', () => {
  it('separates 3 from 1 in every tier and keeps 2, 4 and 5 related to 1', () => {
    const r = clusterAccounts(kernel, acme, { overrides: [{ a: '1', b: '3', kind: 'cannot-link' }] });
    const [a1, a2, a3, a4, a5] = ['1', '2', '3', '4', '5'].map((id) => byId(r, id));
    for (const tier of ['same', 'family', 'related'] as const) expect(a3.groups[tier]).not.toBe(a1.groups[tier]);
    expect(a2.groups.same).toBe(a1.groups.same);
    expect(a4.groups.family).toBe(a1.groups.family);
    expect(a5.groups.related).toBe(a1.groups.related);
    expect(a1.related.map((x) => x.id).sort()).toEqual(['2', '4', '5']);
  });
});
