/**
 * Incremental run benchmark: generated accounts (100k by default) clustered in full, then a set
 * of changed accounts (100 by default: renames, new phones and websites, new accounts, deletions)
 * clustered again two ways in the same process: `clusterIncremental` (reclusters the linkage
 * components the changes touch) and the reference, a full `clusterAccounts` of the same accounts.
 * Prints, per scenario, the medians over the runs of both times and their ratio, how many
 * accounts and components were reclustered out of how many, and the load average. The two
 * outcomes are compared account by account: the figures are only printed when they agree.
 *
 * Scenarios: changes to accounts picked at random; to accounts outside the largest linkage
 * component (on generated data most accounts form one component at the related cut-off, and a
 * change inside it reclusters it whole); and there, only new phones and websites (no word of a
 * name changes its count, no new account joins).
 *
 *   npx tsx tools/bench/src/incremental.bench.ts [--accounts 100000] [--changes 100] [--runs 3] [--seed 7]
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import type { Account, AccountResult } from '@kindred/contract';
import { clusterAccounts, clusterIncremental, type ClusterResult } from '@kindred/core';
import { generateAccounts, Random } from '@kindred/datagen';
import { loadKernel } from '@kindred/kernel';

const { values } = parseArgs({
  options: {
    accounts: { type: 'string', default: '100000' },
    changes: { type: 'string', default: '100' },
    runs: { type: 'string', default: '3' },
    seed: { type: 'string', default: '7' },
  },
});
const ACCOUNTS = Number(values.accounts);
const CHANGES = Number(values.changes);
const RUNS = Number(values.runs);
const SEED = Number(values.seed);
for (const [name, value] of [['accounts', ACCOUNTS], ['changes', CHANGES], ['runs', RUNS], ['seed', SEED]] as const) {
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive integer, not ${JSON.stringify(values[name])}`);
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const fmt = (x: number, digits = 0): string => x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const load = (): string => loadavg().map((x) => x.toFixed(2)).join(' ');

interface Changed {
  accounts: Account[];
  earlier: Map<string, Account | null>;
}

/** `count` changes to accounts picked from `pool` (`contactsOnly`: half new phones, half new
 * websites); otherwise a quarter renamed (a word added), a quarter given a new phone,
 * a quarter a new website, the rest split between deletions and new accounts. */
function change(base: Account[], pool: readonly string[], spare: Account[], count: number, random: Random, contactsOnly: boolean): Changed {
  const byId = new Map(base.map((a) => [a.id, a]));
  const earlier = new Map<string, Account | null>();
  const picked = new Set<string>();
  while (picked.size < Math.min(count, pool.length)) picked.add(random.pick(pool));
  let k = 0;
  for (const id of picked) {
    const a = byId.get(id)!;
    earlier.set(id, a);
    switch (contactsOnly ? 2 + (k++ % 4) : k++ % 8) {
      case 0:
      case 1:
        byId.set(id, { ...a, name: `${a.name ?? ''} ${random.pick(['Holdings', 'Europe', 'Labs', 'II'])}`.trim() });
        break;
      case 2:
      case 3:
        byId.set(id, { ...a, phone: `+1 312 555 ${String(1000 + k).padStart(4, '0')}` });
        break;
      case 4:
      case 5:
        byId.set(id, { ...a, website: `${id.toLowerCase()}-${k}.example.org` });
        break;
      case 6:
        byId.delete(id);
        break;
      default: {
        earlier.delete(id);
        const added = spare.pop()!;
        byId.set(added.id, added);
        earlier.set(added.id, null);
      }
    }
  }
  return { accounts: [...byId.values()], earlier };
}

function sameResults(full: ClusterResult, previous: ClusterResult, incremental: ReturnType<typeof clusterIncremental>, live: Set<string>): boolean {
  const rows = new Map<string, AccountResult>();
  for (const r of previous.accounts) if (!incremental.replaced.has(r.id) && live.has(r.id)) rows.set(r.id, r);
  for (const r of incremental.accounts) rows.set(r.id, r);
  if (rows.size !== full.accounts.length) return false;
  return full.accounts.every((r) => JSON.stringify(rows.get(r.id)) === JSON.stringify(r));
}

const kernel = await loadKernel();
const generated = generateAccounts({ accounts: ACCOUNTS + CHANGES, seed: SEED }).map(({ true_entity: _e, true_family: _f, ...a }) => a as Account);
const base = generated.slice(0, ACCOUNTS);
console.log(`incremental runs: ${fmt(ACCOUNTS)} generated accounts (seed ${SEED}), ${CHANGES} changed accounts per run, median of ${RUNS} runs`);
console.log(`load average before: ${load()}`);
let t = performance.now();
const first = clusterAccounts(kernel, base);
console.log(`first full run: ${fmt((performance.now() - t) / 1000, 1)} s (load ${load()})`);
const size = new Map<string, number>();
for (const c of first.components) size.set(c, (size.get(c) ?? 0) + 1);
const largest = [...size].sort((a, b) => b[1] - a[1])[0];
console.log(`${fmt(size.size)} linkage components; the largest holds ${fmt(largest[1])} accounts (${((100 * largest[1]) / ACCOUNTS).toFixed(0)}%)`);
const previous = first.accounts.map((r, i) => ({ id: r.id, groups: r.groups, component: first.components[i] }));
const anyAccount = base.map((a) => a.id);
const outside = first.accounts.filter((_, i) => first.components[i] !== largest[0]).map((r) => r.id);
const scenarios: { name: string; pool: string[]; contactsOnly: boolean }[] = [
  { name: 'any account, every kind of change', pool: anyAccount, contactsOnly: false },
  { name: 'outside the largest component, every kind', pool: outside, contactsOnly: false },
  { name: 'outside the largest component, phones and websites', pool: outside, contactsOnly: true },
];

console.log('\n| changes among | incremental s | full s | ratio | accounts reclustered | components reclustered | outcome | load |');
console.log('|---|---|---|---|---|---|---|---|');
for (const { name: scenario, pool, contactsOnly } of scenarios) {
  const incMs: number[] = [];
  const fullMs: number[] = [];
  const reclustered: number[] = [];
  const components: number[] = [];
  const totalComponents: number[] = [];
  const outcomes = new Map<string, number>();
  for (let run = 0; run < RUNS; run++) {
    const changed = change(base, pool, generated.slice(ACCOUNTS), CHANGES, new Random(SEED * 1000 + run), contactsOnly);
    t = performance.now();
    const incremental = clusterIncremental(kernel, changed.accounts, { earlier: changed.earlier, previous });
    incMs.push(performance.now() - t);
    t = performance.now();
    const full = clusterAccounts(kernel, changed.accounts, { previous: first.accounts });
    fullMs.push(performance.now() - t);
    if (!sameResults(full, first, incremental, new Set(changed.accounts.map((a) => a.id)))) {
      throw new Error(`${scenario}, run ${run}: the incremental run's results differ from the full run's`);
    }
    reclustered.push(incremental.reclustered.accounts);
    components.push(incremental.reclustered.components);
    totalComponents.push(incremental.reclustered.totalComponents);
    // Reasons without their counts, so that runs with the same reason count together.
    const outcome = incremental.mode === 'incremental' ? 'incremental' : `full (${incremental.message.replace(/ holding [\d,]+ of [\d,]+ accounts/, '').replace(/: a full run$/, '')})`;
    outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
  }
  const inc = median(incMs);
  const full = median(fullMs);
  console.log(
    `| ${scenario} | ${fmt(inc / 1000, 2)} | ${fmt(full / 1000, 2)} | ${(inc / full).toFixed(2)} | ` +
      `${fmt(median(reclustered))} of ${fmt(ACCOUNTS)} (${((100 * median(reclustered)) / ACCOUNTS).toFixed(1)}%) | ${fmt(median(components))} of ${fmt(median(totalComponents))} | ${[...outcomes].map(([o, k]) => `${k}× ${o}`).join('; ')} | ${load()} |`,
  );
}
