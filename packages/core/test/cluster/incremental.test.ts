import { beforeAll, describe, expect, it } from 'vitest';
import { loadKernel, type Kernel } from '@kindred/kernel';
import type { Account, AccountResult, Override } from '@kindred/contract';
import { generateAccounts, Random } from '@kindred/datagen';
import { clusterAccounts, clusterIncremental, type ClusterResult, type PreviousResult } from '../../src/index.js';

let kernel: Kernel;
beforeAll(async () => {
  kernel = await loadKernel();
});

const withoutTruth = ({ true_entity: _e, true_family: _f, ...account }: ReturnType<typeof generateAccounts>[number]): Account => account;
const byId = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** What the previous run left: every account's result and its linkage component. */
function previousOf(results: readonly AccountResult[], components: readonly string[]): PreviousResult[] {
  return results.map((r, i) => ({ id: r.id, groups: r.groups, component: components[i] }));
}

interface State {
  accounts: Map<string, Account>;
  overrides: Override[];
}

interface ChangeSet {
  accounts: Map<string, Account>;
  overrides: Override[];
  /** The earlier value of every account the change set touched (null: it did not exist). */
  earlier: Map<string, Account | null>;
}

/** A random change set of `count` edits: inserts, deletes, renames (to a variant of another
 * account's name or a new one), domain, phone and parent changes (including a parent cycle),
 * and overrides added or removed. */
function change(state: State, spare: Account[], random: Random, count: number): ChangeSet {
  const accounts = new Map(state.accounts);
  let overrides = state.overrides.slice();
  const earlier = new Map<string, Account | null>();
  const touch = (id: string): void => {
    if (!earlier.has(id)) earlier.set(id, state.accounts.get(id) ?? null);
  };
  const put = (a: Account): void => {
    touch(a.id);
    accounts.set(a.id, a);
  };
  for (let e = 0; e < count; e++) {
    const ids = [...accounts.keys()];
    const id = random.pick(ids);
    const account = accounts.get(id)!;
    const other = accounts.get(random.pick(ids))!;
    switch (random.int(0, 9)) {
      case 0: {
        const added = spare.pop();
        if (added) put(added);
        break;
      }
      case 1:
        touch(id);
        accounts.delete(id);
        break;
      case 2:
        put({ ...account, name: other.name ? `${other.name} ${random.pick(['Labs', 'Europe', 'II', 'Partners'])}` : `Quorvex ${e} Systems` });
        break;
      case 3:
        put({ ...account, name: `Zyl${random.int(100, 999)} Brightwater` });
        break;
      case 4:
        put({ ...account, website: other.website ?? `${id.toLowerCase()}-moved.example.org` });
        break;
      case 5:
        put({ ...account, phone: other.phone ?? `+1 312 555 ${String(random.int(1000, 9999))}` });
        break;
      case 6:
        if (other.id !== id) put({ ...account, parentId: other.id });
        else put({ ...account, parentId: undefined });
        break;
      case 7:
        // A parent link in a cycle, or to an account that is not there.
        put({ ...account, parentId: random.chance(0.5) ? id : `missing-${e}` });
        if (other.id !== id) put({ ...other, parentId: id });
        break;
      case 8:
        if (other.id !== id) overrides.push({ a: id, b: other.id, kind: random.chance(0.5) ? 'must-link' : 'cannot-link' });
        break;
      default:
        if (overrides.length > 0) overrides = overrides.filter((_, x) => x !== random.int(0, overrides.length - 1));
        else put({ ...account, name: `${account.name ?? ''} Holdings`.trim() });
    }
  }
  return { accounts, overrides, earlier };
}

/** The previous results kept for every account outside the replaced ones, plus the new ones. */
function merged(previous: ClusterResult, incremental: ReturnType<typeof clusterIncremental>, live: Map<string, Account>) {
  const rows: { result: AccountResult; component: string }[] = [];
  previous.accounts.forEach((r, i) => {
    if (!incremental.replaced.has(r.id) && live.has(r.id)) rows.push({ result: r, component: previous.components[i] });
  });
  incremental.accounts.forEach((r, i) => rows.push({ result: r, component: incremental.components[i] }));
  rows.sort((a, b) => byId(a.result, b.result));
  return { accounts: rows.map((r) => r.result), components: rows.map((r) => r.component) };
}

describe('incremental runs', () => {
  it('give exactly what a full run gives, over random change sets', () => {
    let incrementalRuns = 0;
    // The default configuration links most generated accounts into one component at the related
    // cut-off; a tighter one leaves many small components, where a missed dependency would show.
    const tight = { thresholds: { sameDistance: 0.3, familyDistance: 0.35, relatedDistance: 0.45 } };
    for (const [seed, config] of [[3, undefined], [17, tight], [42, tight], [101, undefined], [7, tight]] as const) {
      const generated = generateAccounts({ accounts: 1_700, seed }).map(withoutTruth);
      const random = new Random(seed);
      const spare = generated.slice(1_500);
      let state: State = { accounts: new Map(generated.slice(0, 1_500).map((a) => [a.id, a])), overrides: [] };
      let current = clusterAccounts(kernel, [...state.accounts.values()], { config });
      for (let round = 0; round < 4; round++) {
        const edits = random.int(1, 12);
        const next = change(state, spare, random, edits);
        const accounts = [...next.accounts.values()];
        const previous = previousOf(current.accounts, current.components);
        const full = clusterAccounts(kernel, accounts, { config, previous: current.accounts, overrides: next.overrides });
        const incremental = clusterIncremental(kernel, accounts, {
          config,
          earlier: next.earlier,
          previous,
          previousOverrides: state.overrides,
          overrides: next.overrides,
          // The incremental path even where a full run would cost less: exactness is the point here.
          maxRegionShare: 1,
        });
        const label = `seed ${seed}, round ${round}: ${incremental.message}`;
        expect(incremental.mode, label).toBe('incremental');
        incrementalRuns++;
        const got = merged(current, incremental, next.accounts);
        // Group ids per tier, related lists with scores, relations and reasons: all of it.
        expect(got.accounts, label).toEqual(full.accounts);
        expect(got.components, label).toEqual(full.components);
        expect(incremental.changes, label).toEqual(full.changes);
        const { stageMs: _a, ...metrics } = incremental.metrics;
        const { stageMs: _b, ...fullMetrics } = full.metrics;
        expect(metrics, label).toEqual(fullMetrics);
        expect(incremental.reclustered.totalAccounts).toBe(accounts.length);
        expect(incremental.reclustered.totalComponents).toBe(new Set(full.components).size);
        expect(incremental.reclustered.accounts, label).toBeGreaterThanOrEqual(incremental.reclustered.affected);
        current = full;
        state = { accounts: next.accounts, overrides: next.overrides };
      }
    }
    expect(incrementalRuns).toBe(20);
  }, 120_000);

  it('recluster only the components a small change touches, and carry every other result over', () => {
    const base = generateAccounts({ accounts: 1_200, seed: 8 }).map(withoutTruth);
    const first = clusterAccounts(kernel, base);
    const previous = previousOf(first.accounts, first.components);
    const componentSize = new Map<string, number>();
    for (const c of first.components) componentSize.set(c, (componentSize.get(c) ?? 0) + 1);
    const totalComponents = componentSize.size;
    const check = (accounts: Account[], earlier: Map<string, Account | null>, region: (r: ReturnType<typeof clusterIncremental>) => void) => {
      const incremental = clusterIncremental(kernel, accounts, { earlier, previous });
      expect(incremental.mode, incremental.message).toBe('incremental');
      region(incremental);
      const full = clusterAccounts(kernel, accounts, { previous: first.accounts });
      expect(merged(first, incremental, new Map(accounts.map((a) => [a.id, a]))).accounts).toEqual(full.accounts);
    };

    // A new account that shares nothing with the others: only it is clustered.
    const lone: Account = { id: 'zz-lone', name: 'Qxvwylph Ztronomics', website: 'qxvwylph-ztronomics.example' };
    check([...base, lone], new Map([[lone.id, null]]), (incremental) => {
      expect(incremental.accounts.map((r) => r.id)).toEqual([lone.id]);
      expect(incremental.reclustered).toMatchObject({ accounts: 1, components: 1, totalAccounts: 1_201, totalComponents: totalComponents + 1 });
      expect(incremental.message).toBe(`1 of 1,201 accounts and 1 of ${(totalComponents + 1).toLocaleString('en-US')} linkage components reclustered (1 affected by the changes)`);
    });

    // Another phone for an account of a small component: that component, and what the new phone
    // links it to, are reclustered.
    const at = first.components.findIndex((c) => componentSize.get(c)! >= 2 && componentSize.get(c)! <= 5);
    expect(at).toBeGreaterThanOrEqual(0);
    const target = base.find((a) => a.id === first.accounts[at].id)!;
    const rephoned = { ...target, phone: '+1 415 555 0199' };
    check(
      base.map((a) => (a.id === target.id ? rephoned : a)),
      new Map([[target.id, target]]),
      (incremental) => {
        expect(incremental.replaced.has(target.id)).toBe(true);
        expect(incremental.reclustered.accounts).toBeLessThanOrEqual(10);
        expect(incremental.reclustered.affected).toBeLessThanOrEqual(3);
      },
    );
  });

  it('runs in full when the region would hold most accounts', () => {
    const base = generateAccounts({ accounts: 1_200, seed: 8 }).map(withoutTruth);
    const first = clusterAccounts(kernel, base);
    const componentSize = new Map<string, number>();
    for (const c of first.components) componentSize.set(c, (componentSize.get(c) ?? 0) + 1);
    const largest = [...componentSize].sort((a, b) => b[1] - a[1])[0];
    // Generated data links most accounts into one component at the related cut-off.
    expect(largest[1]).toBeGreaterThan(600);
    const target = base.find((a) => a.id === largest[0])!;
    const changed = { ...target, phone: '+1 415 555 0188' };
    const result = clusterIncremental(kernel, base.map((a) => (a.id === target.id ? changed : a)), {
      earlier: new Map([[target.id, target]]),
      previous: previousOf(first.accounts, first.components),
    });
    expect(result.mode).toBe('full');
    expect(result.message).toMatch(/^the changes touch linkage components holding [\d,]+ of 1,200 accounts \(more than 50%\): a full run$/);
  });

  it('runs in full when the account count passes a power of two, and says why', () => {
    const generated = generateAccounts({ accounts: 1_030, seed: 4 }).map(withoutTruth);
    const base = generated.slice(0, 1_020);
    const first = clusterAccounts(kernel, base);
    const added = generated.slice(1_020);
    const accounts = [...base, ...added];
    const result = clusterIncremental(kernel, accounts, {
      earlier: new Map(added.map((a) => [a.id, null])),
      previous: previousOf(first.accounts, first.components),
    });
    expect(result.mode).toBe('full');
    expect(result.message).toContain('words are weighed against 2,048 accounts instead of 1,024');
    expect(result.accounts).toEqual(clusterAccounts(kernel, accounts, { previous: first.accounts }).accounts);
  });

  it('runs in full when the changes affect too many accounts, or the previous results do not fit the change log', () => {
    const base = generateAccounts({ accounts: 1_100, seed: 6 }).map(withoutTruth);
    const first = clusterAccounts(kernel, base);
    const previous = previousOf(first.accounts, first.components);
    const renamed = base.slice(0, 400).map((a, i) => ({ ...a, name: `Renamed ${i} Vexorium` }));
    const accounts = [...renamed, ...base.slice(400)];
    const many = clusterIncremental(kernel, accounts, { earlier: new Map(base.slice(0, 400).map((a) => [a.id, a])), previous, maxRegionShare: 1 });
    expect(many.mode).toBe('full');
    expect(many.message).toMatch(/^the changes affect [\d,]+ of 1,100 accounts \(more than 25%\): a full run$/);

    const unexplained = clusterIncremental(kernel, base.slice(1), { earlier: new Map(), previous });
    expect(unexplained.mode).toBe('full');
    expect(unexplained.message).toContain('the previous results hold accounts that the change log does not explain');

    const noComponents = clusterIncremental(kernel, base, { earlier: new Map(), previous: previous.map((p) => ({ ...p, component: null })) });
    expect(noComponents.mode).toBe('full');
    expect(noComponents.message).toContain(`no linkage component for account ${first.accounts[0].id}`);
  });
});
