import type { Account, ClusterConfig, Override } from '@kindred/contract';
import { ENGINE_VERSION, type IncrementalResult } from '@kindred/core';
import type { AccountChange, Run, Store } from '@kindred/store';

export type IncrementalPlan =
  | { kind: 'skip'; message: string }
  | { kind: 'full'; message: string }
  | {
      kind: 'incremental';
      /** The run whose results are current: the results outside the reclustered region are
       * carried over from it. */
      currentRunId: string;
      changed: number;
      deleted: number;
      /** The value, when the current results were computed, of every account changed since
       * (null: it did not exist then). */
      earlier: Map<string, Account | null>;
    };

/** What a run's results were computed with: the engine's result version and the overrides. */
export function resultBasis(overrides: readonly Pick<Override, 'a' | 'b' | 'kind'>[]): { engineVersion: string; overrides: string } {
  const listed = overrides.map((o) => (o.a < o.b ? `${o.kind} ${o.a} ${o.b}` : `${o.kind} ${o.b} ${o.a}`)).sort();
  return { engineVersion: ENGINE_VERSION, overrides: JSON.stringify(listed) };
}

async function allChanges(store: Store, orgId: string, sinceSeq: number, untilSeq: number): Promise<AccountChange[]> {
  const latest = new Map<string, AccountChange>();
  let seq = sinceSeq;
  for (;;) {
    const page = await store.listAccountChanges(orgId, seq, { limit: 10_000 });
    for (const change of page.changes) if (change.seq <= untilSeq) latest.set(change.id, change);
    if (!page.more || page.lastSeq >= untilSeq || page.changes.length === 0) break;
    seq = page.lastSeq;
  }
  return [...latest.values()];
}

/**
 * Plans an incremental run over the accounts as they were at `untilSeq`: skipped when no account
 * changed since the current results; a full run when there are no results to build on, or they
 * were computed with another configuration, overrides or engine version, or the change log does
 * not reach back to them.
 *
 * Otherwise the engine reclusters only the linkage components the changes touch
 * (`clusterIncremental`): word weights count against the account count rounded up to a power of
 * two and against word counts rounded to steps, so a change moves only the weights of the words
 * whose rounded count moved; the change log keeps the record each change replaced, so both the
 * previous and the current state are blocked and every difference in candidate pairs is found;
 * and each result row keeps its linkage component. The region is the previous components of the
 * accounts whose comparisons can differ and of every account linked to them now; the rest is
 * carried over unchanged, and the outcome is exactly what a full run gives. Where the region
 * cannot be bounded (the rounded account count moved) or would hold most accounts, the engine
 * runs in full and says why.
 */
export async function planIncremental(
  store: Store,
  run: Run,
  untilSeq: number,
  basis: { engineVersion: string; overrides: string },
): Promise<IncrementalPlan> {
  const { orgId } = run;
  const current = await store.currentResultsRun(orgId);
  if (!current || current.accountSeq === null) return { kind: 'full', message: 'no earlier results: a full run' };
  const changes = await allChanges(store, orgId, current.accountSeq, untilSeq);
  if (changes.length === 0) return { kind: 'skip', message: `no account changed since run ${current.id}` };
  if (!sameConfig(current.config, run.config)) return { kind: 'full', message: `the configuration differs from run ${current.id}'s: a full run` };
  const previousBasis = current.metrics?.basis;
  if (previousBasis?.engineVersion !== basis.engineVersion) {
    return { kind: 'full', message: `run ${current.id} was computed by another engine version: a full run` };
  }
  if (previousBasis.overrides !== basis.overrides) return { kind: 'full', message: `the overrides changed since run ${current.id}: a full run` };
  const earlier = new Map<string, Account | null>();
  for (const change of changes) {
    if (change.before === undefined) return { kind: 'full', message: `the change log does not reach back to run ${current.id}: a full run` };
    earlier.set(change.id, change.before);
  }
  const deleted = changes.filter((c) => c.deleted).length;
  return { kind: 'incremental', currentRunId: current.id, changed: changes.length, deleted, earlier };
}

/** Configurations compare by value (null stands for the defaults). */
function sameConfig(a: ClusterConfig | null, b: ClusterConfig | null): boolean {
  const canonical = (value: unknown): unknown =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical((value as Record<string, unknown>)[k])]))
      : value;
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

/** What an incremental run did, for its message: the changes, and what was reclustered or why
 * the run was a full one. */
export function incrementalMessage(plan: Extract<IncrementalPlan, { kind: 'incremental' }>, result: IncrementalResult): string {
  const n = (x: number) => x.toLocaleString('en-US');
  const head = `incremental: ${n(plan.changed)} changed accounts (${n(plan.deleted)} deleted) since run ${plan.currentRunId}`;
  if (result.mode === 'full') return `${head}; ${result.message}`;
  const carried = result.reclustered.totalAccounts - result.reclustered.accounts;
  return `${head}; ${result.message}, ${n(carried)} results carried over`;
}
