import type { Account, AccountResult, GroupIds, RunMetrics } from '@kindred/contract';
import { GENERIC_WORDS, normalizeAddress, normalizeDomain, normalizeName, normalizePhone, STOP_WORDS } from '@kindred/core';
import type { AccountAssignment, AccountChange, Run, Store } from '@kindred/store';
import type { EngineResult } from './engine.js';
import { groupMetrics } from './metrics.js';

/** Above this share of all accounts, an incremental run reclusters everything: a region that
 * large costs about as much as a full run, and a full run is exact. */
const FULL_RUN_SHARE = 0.25;

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

/** Distinct values around which typo neighbourhoods are looked for (the engine compares each
 * value with the next 3 in sorted order; one more covers pairs a new value pushes apart). */
const NEIGHBOURHOOD_REACH = 4;

interface LinkEvidence {
  keys: string[];
  /** Values compared by sorted neighbourhood: domain label and name key. */
  label?: string;
  nameKey?: string;
}

/** Blocking evidence of an account, as keys that two accounts must share to be compared: the
 * engine's keys, with every distinctive name token rather than the two rarest ones. */
export function linkEvidence(account: Account, defaultRegion: string): LinkEvidence {
  const keys: string[] = [`id:${account.id}`];
  if (account.parentId) keys.push(`id:${account.parentId}`);
  const name = normalizeName(account.name);
  if (name.key) keys.push(`n:${name.key}`);
  for (const token of name.tokens) if (!STOP_WORDS.has(token) && !GENERIC_WORDS.has(token)) keys.push(`t:${token}`);
  let label: string | undefined;
  for (const field of [account.domain, account.website, account.email]) {
    const domain = normalizeDomain(field);
    if (!domain || domain.ignored) continue;
    keys.push(`d:${domain.domain}`);
    if (domain.label.length >= 3) {
      keys.push(`l:${domain.label}`);
      label ??= domain.label;
    }
  }
  const phone = normalizePhone(account.phone, defaultRegion);
  if (phone) keys.push(`p:${phone.key}`);
  const address = normalizeAddress(account.address);
  if (address?.key) keys.push(`a:${address.key}`);
  return { keys, label, nameKey: name.key.length >= 3 ? name.key : undefined };
}

const reversed = (s: string) => [...s].reverse().join('');

/** Every account's corporate family by parent links: the id of its ultimate parent (the last
 * account reached by following `parentId` through accounts that exist; cycles stop where they
 * close). */
function familyRoots(accounts: Map<string, Account>): Map<string, string> {
  const root = new Map<string, string>();
  for (const id of accounts.keys()) {
    if (root.has(id)) continue;
    const path: string[] = [];
    const onPath = new Set<string>();
    let current = id;
    for (;;) {
      const known = root.get(current);
      if (known !== undefined) {
        current = known;
        break;
      }
      path.push(current);
      onPath.add(current);
      const parent = accounts.get(current)?.parentId;
      if (!parent || !accounts.has(parent) || onPath.has(parent)) break;
      current = parent;
    }
    for (const member of path) root.set(member, current);
  }
  return root;
}

/** Accounts whose value lies within `NEIGHBOURHOOD_REACH` distinct values of a seed's value, in
 * sorted order and in the order of the reversed strings (as the engine pairs typo variants). */
function neighbours(values: Map<string, string | undefined>, seeds: Iterable<string>): Set<string> {
  const idsByValue = new Map<string, string[]>();
  for (const [id, value] of values) {
    if (value === undefined) continue;
    const ids = idsByValue.get(value);
    if (ids) ids.push(id);
    else idsByValue.set(value, [id]);
  }
  const seedValues = new Set<string>();
  for (const id of seeds) {
    const v = values.get(id);
    if (v !== undefined) seedValues.add(v);
  }
  const found = new Set<string>();
  for (const order of [(v: string) => v, reversed]) {
    const distinct = [...idsByValue.keys()].map((v) => [order(v), v] as const).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    distinct.forEach(([, value], position) => {
      if (!seedValues.has(value)) return;
      const from = Math.max(0, position - NEIGHBOURHOOD_REACH);
      const to = Math.min(distinct.length - 1, position + NEIGHBOURHOOD_REACH);
      for (let k = from; k <= to; k++) for (const id of idsByValue.get(distinct[k][1])!) found.add(id);
    });
  }
  return found;
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
 * in the current `related` group of any of those, and the whole corporate family (parent links)
 * of every account so far: the region whose clustering the changes can change. Everything else
 * keeps its current results. A region of more than a quarter of the accounts is reclustered in
 * full.
 *
 * The engine weighs name tokens by their rarity among the accounts it clusters and pairs typo
 * variants by their neighbours in sorted order, so the reclustered region is scored with the
 * statistics of the region: its scores (and, near a tier threshold, a group) can differ from what
 * a full run over every account gives. A full run (`mode: full`) recomputes everything.
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
  const seeded = touched.size;

  // Accounts sharing blocking evidence with a changed account, or near one in a typo neighbourhood.
  const evidence = new Map<string, LinkEvidence>();
  for (const account of accounts.values()) evidence.set(account.id, linkEvidence(account, defaultRegion));
  const seedKeys = new Set<string>();
  for (const id of changed) for (const key of evidence.get(id)!.keys) seedKeys.add(key);
  const linked = new Set<string>();
  for (const [id, e] of evidence) if (!touched.has(id) && e.keys.some((k) => seedKeys.has(k))) linked.add(id);
  const byEvidence = linked.size;
  const labels = new Map([...evidence].map(([id, e]) => [id, e.label]));
  const nameKeys = new Map([...evidence].map(([id, e]) => [id, e.nameKey]));
  for (const id of neighbours(labels, changed)) if (!touched.has(id)) linked.add(id);
  for (const id of neighbours(nameKeys, changed)) if (!touched.has(id)) linked.add(id);
  const byNeighbourhood = linked.size - byEvidence;
  for (const id of linked) {
    touched.add(id);
    addGroupOf(id);
  }

  // Whole corporate families: a parent link that leaves the region would be lost to it.
  const roots = familyRoots(accounts);
  const touchedRoots = new Set<string>();
  for (const id of touched) touchedRoots.add(roots.get(id)!);
  const beforeFamilies = touched.size;
  for (const [id, r] of roots) {
    if (!touched.has(id) && touchedRoots.has(r)) {
      touched.add(id);
      addGroupOf(id);
    }
  }
  const byFamily = touched.size - beforeFamilies;

  const reach =
    `${changes.length} changed accounts (${deleted.size} deleted) touch ${touched.size} of ${accounts.size} ` +
    `(${seeded} changed or in their groups, ${byEvidence} sharing evidence, ${byNeighbourhood} typo neighbours, ` +
    `${beforeFamilies - seeded - byEvidence - byNeighbourhood} in the groups of those, ${byFamily} in their corporate families)`;
  if (touched.size > FULL_RUN_SHARE * accounts.size) return { kind: 'full', message: `${reach}: a full run` };
  const exclude = new Set<string>([...touched, ...deleted]);
  const untouched = assignment.filter((a) => !exclude.has(a.id) && accounts.has(a.id));
  const ids = [...touched].sort();
  return {
    kind: 'partial',
    accounts: ids.map((id) => accounts.get(id)!),
    previous: assignment.filter((a) => touched.has(a.id)),
    exclude,
    message: `incremental: ${reach}, reclustered`,
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

