import type { ResultDiff } from '@kindred/core';
import type { AccountChange, Run, Store } from '@kindred/store';

export type IncrementalPlan =
  | { kind: 'skip'; message: string }
  | { kind: 'full'; message: string }
  | {
      kind: 'incremental';
      /** The run whose results are current: unchanged results are carried over from it. */
      currentRunId: string;
      changed: number;
      deleted: number;
    };

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
 * Plans an incremental run: skipped when no account changed since the current results, in full
 * when there are none.
 *
 * Otherwise every account is clustered again and only the results that differ from the current
 * ones are written; the others are carried over. Re-clustering only the region around the changes
 * could not give what a full run gives: a name word weighs by its rarity among all accounts (an
 * added or deleted account shifts every word's weight, and with it scores and, near a threshold,
 * groups far from the change), blocking picks each name's rarest words and pairs typo variants by
 * their neighbours in sorted order over all accounts, and the earlier values of changed accounts,
 * which decided the current results, are no longer stored.
 */
export async function planIncremental(store: Store, run: Run): Promise<IncrementalPlan> {
  const { orgId } = run;
  const current = await store.currentResultsRun(orgId);
  if (!current || current.accountSeq === null) return { kind: 'full', message: 'no earlier results: a full run' };
  const untilSeq = run.accountSeq ?? (await store.accountSeq(orgId));
  const changes = await allChanges(store, orgId, current.accountSeq, untilSeq);
  if (changes.length === 0) return { kind: 'skip', message: `no account changed since run ${current.id}` };
  const deleted = changes.filter((c) => c.deleted).length;
  return { kind: 'incremental', currentRunId: current.id, changed: changes.length, deleted };
}

/** What an incremental run did, for its message: how many results it wrote and why. */
export function incrementalMessage(plan: Extract<IncrementalPlan, { kind: 'incremental' }>, diff: ResultDiff, total: number): string {
  const { counts } = diff;
  const written = diff.changed.length;
  const n = (x: number) => x.toLocaleString('en-US');
  return (
    `incremental: ${n(plan.changed)} changed accounts (${n(plan.deleted)} deleted) since run ${plan.currentRunId}; ` +
    `all ${n(total)} accounts reclustered, ${n(written)} results written ` +
    `(${n(counts.new)} new, ${n(counts.groups)} in other groups, ${n(counts.related)} with other related accounts or scores), ` +
    `${n(counts.unchanged)} carried over, ${n(counts.removed)} removed`
  );
}
