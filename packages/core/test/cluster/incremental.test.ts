import { beforeAll, describe, expect, it } from 'vitest';
import { loadKernel, type Kernel } from '@kindred/kernel';
import type { Account, AccountResult } from '@kindred/contract';
import { generateAccounts, Random } from '@kindred/datagen';
import { clusterAccounts, diffResults, resultChange } from '../../src/index.js';

let kernel: Kernel;
beforeAll(async () => {
  kernel = await loadKernel();
});

const withoutTruth = ({ true_entity: _e, true_family: _f, ...account }: ReturnType<typeof generateAccounts>[number]): Account => account;

/** Previous results as a store hands them out: in chunks, in an order of its own. */
function chunks(results: readonly AccountResult[], size: number, random: Random): AccountResult[][] {
  const shuffled = results.slice();
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
  }
  const out: AccountResult[][] = [];
  for (let i = 0; i < shuffled.length; i += size) out.push(shuffled.slice(i, i + size));
  return out;
}

interface Edits {
  accounts: Account[];
  added: string[];
  deleted: string[];
}

/** Random edits of every kind a change log holds: renames (to a variant of another account's
 * name or to a new name), domain changes, parent changes, new accounts and deletions. */
function edit(base: Account[], extra: Account[], random: Random, count: number): Edits {
  const byId = new Map(base.map((a) => [a.id, { ...a }]));
  const ids = base.map((a) => a.id);
  const deleted: string[] = [];
  for (let e = 0; e < count; e++) {
    const id = random.pick(ids);
    const account = byId.get(id);
    if (!account) continue;
    const other = byId.get(random.pick(ids));
    switch (random.int(0, 4)) {
      case 0:
        account.name = other?.name ? `${other.name} ${random.pick(['Labs', 'Europe', 'II', 'Partners'])}` : `Quorvex ${e} Systems`;
        break;
      case 1:
        account.name = `Zyl${random.int(100, 999)} Brightwater ${e}`;
        break;
      case 2:
        account.website = other?.website ?? `${id.toLowerCase()}-moved.example.org`;
        break;
      case 3:
        if (other && other.id !== id) account.parentId = other.id;
        else delete account.parentId;
        break;
      default:
        byId.delete(id);
        deleted.push(id);
    }
  }
  const added = extra.slice(0, random.int(1, extra.length));
  for (const a of added) byId.set(a.id, a);
  return { accounts: [...byId.values()], added: added.map((a) => a.id), deleted };
}

describe('incremental results', () => {
  it('keeping the unchanged previous results and writing the changed ones gives exactly the full run', async () => {
    for (const seed of [3, 17, 42]) {
      const generated = generateAccounts({ accounts: 1_230, seed }).map(withoutTruth);
      const base = generated.slice(0, 1_200);
      const random = new Random(seed);
      const before = clusterAccounts(kernel, base);
      const edits = edit(base, generated.slice(1_200), random, 25);
      const full = clusterAccounts(kernel, edits.accounts, { previous: before.accounts });

      const diff = await diffResults(full.accounts, chunks(before.accounts, 97, random));
      const kept = before.accounts.filter((r) => !diff.exclude.has(r.id));
      const merged = [...kept, ...diff.changed].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      expect(merged).toEqual(full.accounts);

      const deleted = new Set(edits.deleted);
      expect(diff.counts.removed).toBe(deleted.size);
      expect(diff.counts.new).toBe(edits.added.length);
      for (const id of edits.added) expect(diff.changed.some((r) => r.id === id)).toBe(true);
      for (const id of deleted) expect(diff.exclude.has(id)).toBe(true);
      expect(diff.counts.unchanged + diff.counts.groups + diff.counts.related + diff.counts.new).toBe(full.accounts.length);
      expect(diff.changed).toHaveLength(full.accounts.length - diff.counts.unchanged);
      // A few edits leave most results as they were: only those are carried over unwritten.
      expect(diff.counts.unchanged).toBeGreaterThan(full.accounts.length / 2);
    }
  });

  it('finds nothing to write when nothing changed, and any difference when one did', async () => {
    const base = generateAccounts({ accounts: 600, seed: 5 }).map(withoutTruth);
    const first = clusterAccounts(kernel, base);
    const again = clusterAccounts(kernel, base, { previous: first.accounts });
    const same = await diffResults(again.accounts, [first.accounts]);
    expect(same.changed).toEqual([]);
    expect(same.exclude.size).toBe(0);

    const withList = first.accounts.findIndex((r) => r.related.length > 0);
    expect(withList).toBeGreaterThanOrEqual(0);
    const target = first.accounts[withList];
    const rescored: AccountResult = { ...target, related: [{ ...target.related[0], score: target.related[0].score - 0.001 }, ...target.related.slice(1)] };
    const other = withList === 0 ? 1 : 0;
    const regrouped: AccountResult = { ...first.accounts[other], groups: { ...first.accounts[other].groups, family: 'f-elsewhere' } };
    expect(resultChange(target, rescored)).toBe('related');
    expect(resultChange(first.accounts[other], regrouped)).toBe('groups');
    expect(resultChange(undefined, target)).toBe('new');
    const tampered = first.accounts.map((r, i) => (i === withList ? rescored : i === other ? regrouped : r));
    const diff = await diffResults(again.accounts, [tampered]);
    expect(diff.changed.map((r) => r.id).sort()).toEqual([first.accounts[other].id, target.id].sort());
    expect(diff.counts).toMatchObject({ groups: 1, related: 1, unchanged: 598, new: 0, removed: 0 });
  });

  it('refuses previous results that hold one account twice', async () => {
    const base = generateAccounts({ accounts: 50, seed: 9 }).map(withoutTruth);
    const first = clusterAccounts(kernel, base);
    await expect(diffResults(first.accounts, [first.accounts, first.accounts.slice(0, 1)])).rejects.toThrow(`previous results hold account ${first.accounts[0].id} twice`);
  });
});
