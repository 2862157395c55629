import { beforeAll, describe, expect, it } from 'vitest';
import { loadKernel, type Kernel } from '@kindred/kernel';
import type { Reason, RelatedAccount, Tier } from '@kindred/contract';
import { clusterPrepared, prepareAccounts } from '../../src/index.js';
import { explainPair } from '../../src/score/score.js';
import { loadLabelled } from '../load-csv.js';

let kernel: Kernel;
beforeAll(async () => {
  kernel = await loadKernel();
});

const TIER_ORDER: Record<Tier, number> = { same: 0, family: 1, related: 2 };

describe('related lists', () => {
  // Real records with many duplicates and families: details and reasons repeat within groups.
  const rows = [...loadLabelled('chicago-ece.csv'), ...loadLabelled('sec-ex21-subsidiaries.csv').map((r) => ({ ...r, id: `sec-${r.id}` }))];

  it('give each candidate pair the reasons explainPair gives it alone, in both directions', () => {
    const prepared = prepareAccounts(kernel, rows);
    const result = clusterPrepared(kernel, prepared);
    const { table, features } = prepared;
    const index = new Map(table.ids.map((id, i) => [id, i]));
    const pairAt = new Map<string, number>();
    for (let k = 0; k < features.count; k++) pairAt.set(`${features.left[k]},${features.right[k]}`, k);
    const byId = new Map(result.accounts.map((a) => [a.id, a]));
    let checked = 0;
    for (const a of result.accounts) {
      for (const r of a.related) {
        const i = index.get(a.id)!;
        const j = index.get(r.id)!;
        const back = byId.get(r.id)!.related.find((x) => x.id === a.id)!;
        expect(back).toMatchObject({ tier: r.tier, score: r.score });
        // One array serves both directions.
        expect(back.reasons).toBe(r.reasons);
        const k = pairAt.get(i < j ? `${i},${j}` : `${j},${i}`);
        if (k === undefined) continue;
        expect(r.reasons).toEqual(explainPair(features, k, result.config.weights, table));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it('are sorted by tier, then score (highest first), then id', () => {
    const result = clusterPrepared(kernel, prepareAccounts(kernel, rows));
    const order = (a: RelatedAccount, b: RelatedAccount): number =>
      TIER_ORDER[a.tier] - TIER_ORDER[b.tier] || b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    let long = 0;
    for (const a of result.accounts) {
      expect(a.related).toEqual([...a.related].sort(order));
      if (a.related.length >= 3) long++;
    }
    expect(long).toBeGreaterThan(50);
  });

  it('share each reason that names one value within a group', () => {
    const result = clusterPrepared(kernel, prepareAccounts(kernel, rows));
    const byContent = new Map<string, Set<Reason>>();
    let reasons = 0;
    for (const a of result.accounts) {
      for (const r of a.related) {
        for (const reason of r.reasons) {
          reasons++;
          const key = `${a.groups.related}|${JSON.stringify(reason)}`;
          const seen = byContent.get(key) ?? new Set<Reason>();
          seen.add(reason);
          byContent.set(key, seen);
        }
      }
    }
    // Reasons whose detail names one value (same phone, same state, same name …) are one object
    // per group; reasons of one pair alone (similar names "a" ~ "b") are the pair's own.
    const sharedKinds = [...byContent.entries()].filter(([key]) => /"detail":"same (phone|state|name|industry|address)/.test(key));
    expect(sharedKinds.length).toBeGreaterThan(100);
    for (const [, objects] of sharedKinds) expect(objects.size).toBe(1);
    expect(byContent.size).toBeLessThan(reasons / 2);
  });
});
