import type { Account, AccountResult, GroupIds, RunMetrics } from '@kindred/contract';
import { normalizeAddress, normalizeDomain, normalizeName, normalizePhone, STOP_WORDS } from '@kindred/core';
import type { AccountAssignment, AccountChange, Run, Store } from '@kindred/store';
import type { EngineResult } from './engine.js';
import { groupMetrics } from './metrics.js';

/** Above this share of all accounts, an incremental run reclusters everything. */
const FULL_RUN_SHARE = 0.5;

export type IncrementalPlan =
  | { kind: 'skip'; message: string }
  | { kind: 'full'; message: string }
  | {
      kind: 'partial';
      /** The accounts to recluster: the components touched by the changes. */
      accounts: Account[];
      /** Their current assignment, to keep their group ids stable. */
      previous: AccountAssignment[];
      /** Accounts whose current results are not carried over: reclustered or deleted. */
      exclude: Set<string>;
      message: string;
      /** The metrics of the whole result: untouched groups plus the reclustered ones. */
      metrics(result: EngineResult, stageMs: Record<string, number>): RunMetrics;
    };

/** Blocking evidence of an account, as keys that two accounts must share to be compared: a
 * superset of the engine's blocking keys (all name tokens rather than the rarest ones). */
export function linkKeys(account: Account, defaultRegion: string): string[] {
  const keys: string[] = [`id:${account.id}`];
  if (account.parentId) keys.push(`id:${account.parentId}`);
  const name = normalizeName(account.name);
  if (name.key) keys.push(`n:${name.key}`);
  for (const token of name.tokens) if (!STOP_WORDS.has(token)) keys.push(`t:${token}`);
  for (const field of [account.domain, account.website, account.email]) {
    const domain = normalizeDomain(field);
    if (!domain || domain.ignored) continue;
    keys.push(`d:${domain.domain}`);
    if (domain.label.length >= 3) keys.push(`l:${domain.label}`);
  }
  const phone = normalizePhone(account.phone, defaultRegion);
  if (phone) keys.push(`p:${phone.key}`);
  const address = normalizeAddress(account.address);
  if (address?.key) keys.push(`a:${address.key}`);
  return keys;
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
 * Plans an incremental run: which accounts the changes since the current results touch.
 *
 * Touched are the changed accounts, every account that shares blocking evidence with one of them
 * (name token, name, domain, domain label, phone, address, parent link), and then every account
 * in the current `related` group of any of those: the connected components whose clustering can
 * change. Everything else keeps its current results.
 */
export async function planIncremental(store: Store, run: Run, defaultRegion: string): Promise<IncrementalPlan> {
  const { orgId } = run;
  const current = await store.currentResultsRun(orgId);
  if (!current || current.accountSeq === null) return { kind: 'full', message: 'no earlier results: a full run' };
  const untilSeq = run.accountSeq ?? (await store.accountSeq(orgId));
  const changes = await allChanges(store, orgId, current.accountSeq, untilSeq);
  if (changes.length === 0) return { kind: 'skip', message: `no account changed since run ${current.id}` };

  const assignment = await store.currentAssignment(orgId);
  const groupsById = new Map<string, GroupIds>(assignment.map((a) => [a.id, a.groups]));
  const membersOf = new Map<string, string[]>();
  for (const a of assignment) {
    const members = membersOf.get(a.groups.related);
    if (members) members.push(a.id);
    else membersOf.set(a.groups.related, [a.id]);
  }

  const accounts = new Map<string, Account>();
  for await (const chunk of store.iterateAccounts(orgId)) for (const a of chunk) accounts.set(a.id, a);

  const deleted = new Set(changes.filter((c) => c.deleted).map((c) => c.id));
  const changed = changes.filter((c) => !c.deleted && accounts.has(c.id)).map((c) => c.id);

  // Seeds: changed accounts, and the current group-mates of changed and deleted accounts.
  const touched = new Set<string>(changed);
  const addGroupOf = (id: string) => {
    const groups = groupsById.get(id);
    if (!groups) return;
    for (const member of membersOf.get(groups.related) ?? []) if (accounts.has(member)) touched.add(member);
  };
  for (const c of changes) addGroupOf(c.id);

  // Accounts sharing blocking evidence with a seed.
  const seedKeys = new Set<string>();
  for (const id of touched) for (const key of linkKeys(accounts.get(id)!, defaultRegion)) seedKeys.add(key);
  const linked: string[] = [];
  for (const account of accounts.values()) {
    if (touched.has(account.id)) continue;
    if (linkKeys(account, defaultRegion).some((k) => seedKeys.has(k))) linked.push(account.id);
  }
  for (const id of linked) {
    touched.add(id);
    addGroupOf(id);
  }

  if (touched.size > FULL_RUN_SHARE * accounts.size) {
    return { kind: 'full', message: `${changes.length} changed accounts touch ${touched.size} of ${accounts.size}: a full run` };
  }
  const exclude = new Set<string>([...touched, ...deleted]);
  const untouched = assignment.filter((a) => !exclude.has(a.id) && accounts.has(a.id));
  const ids = [...touched].sort();
  return {
    kind: 'partial',
    accounts: ids.map((id) => accounts.get(id)!),
    previous: assignment.filter((a) => touched.has(a.id)),
    exclude,
    message: `incremental: ${changes.length} changed accounts (${deleted.size} deleted); ${touched.size} of ${accounts.size} accounts reclustered`,
    metrics(result: EngineResult, stageMs: Record<string, number>): RunMetrics {
      const all: { id: string; groups: GroupIds }[] = [...untouched, ...result.accounts.map((r: AccountResult) => ({ id: r.id, groups: r.groups }))];
      return {
        ...result.metrics,
        ...groupMetrics(all, result.metrics),
        stageMs,
      };
    },
  };
}

