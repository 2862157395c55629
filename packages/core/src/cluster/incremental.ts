import {
  type Account,
  type AccountResult,
  type ClusterConfig,
  type ClusterConfigInput,
  type GroupChanges,
  type GroupIds,
  type Override,
  type RunMetrics,
  type RunWarning,
  type Tier,
} from '@kindred/contract';
import type { Kernel } from '@kindred/kernel';
import type { Blocking } from '../block/block.js';
import { blockAccounts } from '../block/keys.js';
import { brandTokens, buildPools, comparePairs, type PairFeatures } from '../compare/compare.js';
import { resolveParents } from '../parents/parents.js';
import { scoreAll } from '../score/score.js';
import { buildAccountTable, uniqueAccounts, type AccountTable } from './account-table.js';
import { addCappedBlockWarnings, clusterPrepared, parseConfig, prepareBlocked, runMetrics, stageTimer, type ClusterProgress, type PreparedAccounts } from './pipeline.js';
import { WarningSink } from './warnings.js';

/**
 * The version of the clustering results: results of another version are no base for an
 * incremental run (it runs in full). Raise it with every change that can change results.
 */
export const ENGINE_VERSION = 'kindred-engine-1';

/** An account's result in the previous run, with its linkage component. */
export interface PreviousResult {
  id: string;
  groups: GroupIds;
  /** The account's linkage component in that run (`ClusterResult.components`); null when the run
   * did not record one. */
  component: string | null;
}

export interface IncrementalOptions {
  config?: ClusterConfigInput;
  /** The value, when the previous run clustered, of every account changed since (null: it did
   * not exist then). Every other account is as it was. */
  earlier: ReadonlyMap<string, Account | null>;
  /** The previous run's result of every account it clustered. */
  previous: Iterable<PreviousResult>;
  /** The overrides the previous run applied, and the ones to apply now. */
  previousOverrides?: Override[];
  overrides?: Override[];
  /** When more than this share of the accounts is affected by the changes, the run is a full one
   * (default 0.25). */
  maxAffectedShare?: number;
  /** When the region to recluster holds more than this share of the accounts, the run is a full
   * one, which then costs less (default 0.5). */
  maxRegionShare?: number;
  onProgress?: (p: ClusterProgress) => void;
}

export interface ReclusteredCounts {
  /** Accounts and linkage components clustered by this run … */
  accounts: number;
  components: number;
  /** … out of all the accounts and components of the results. */
  totalAccounts: number;
  totalComponents: number;
  /** Accounts whose comparisons the changes can alter (changed, sharing a word whose count
   * changed, a blocking key or a neighbourhood with one, or in a moved parent subtree). */
  affected: number;
}

export interface IncrementalResult {
  /** `incremental`: `accounts` holds the results of the reclustered region only, and every other
   * account keeps its previous result unchanged. `full`: every account was clustered. */
  mode: 'incremental' | 'full';
  /** Why the run was a full one, or what the incremental run did. */
  message: string;
  /** Results (sorted by id) and their linkage components (aligned). */
  accounts: AccountResult[];
  components: string[];
  /** Previous results that are not carried over: the region's, and those of deleted accounts. */
  replaced: Set<string>;
  /** Over every account of the results, as a full run gives them. */
  metrics: RunMetrics;
  warnings: RunWarning[];
  /** Group changes against the previous run (as a full run gives them). */
  changes: GroupChanges;
  config: ClusterConfig;
  reclustered: ReclusteredCounts;
}

const TIERS: readonly Tier[] = ['same', 'family', 'related'];
const fmt = (x: number): string => x.toLocaleString('en-US');

function overrideKey(o: Override): string {
  const [a, b] = o.a < o.b ? [o.a, o.b] : [o.b, o.a];
  return `${o.kind}\u0000${a}\u0000${b}`;
}

/**
 * Clusters `accounts` given the previous run's results and what changed since, reclustering
 * only the linkage components the changes touch; the result is exactly what a full run
 * (`clusterAccounts` with the previous assignment) gives.
 *
 * An account's results depend only on its linkage component (the accounts joined to it by pairs
 * scored above the related cut-off, and must-links), and a pair's score only on the two accounts
 * and a few statistics: the weights of their words (from word counts rounded to steps, against
 * the account count rounded up to a power of two: see `quantisedFrequency`, `roundedDocuments`),
 * whether a word counts as a brand, and their parent hierarchy. The accounts whose pairs can
 * differ from the previous run's (the affected set A) are the changed ones, those holding a word
 * whose weight or brand standing changed, those in a parent subtree whose links changed, those
 * named by an override added or removed, and both sides of a candidate pair that blocking gives
 * in one state only (both states are blocked in full, so every blocking rule, capped block and
 * sorted neighbourhood is accounted for) when that pair is or was an edge, or could be listed in
 * a related list. The region is A plus the previous components of A (and of deleted accounts)
 * and of every account linked to A now: no linkage edge leaves it, and every component outside
 * it has the same accounts and pairs as before. Group ids are stabilised against the previous
 * groups in the region, never taking an id held outside it.
 *
 * It runs in full (and says why) when the rounded account count moved, when the previous results
 * do not match the accounts they were computed from, when the changes affect more than
 * `maxAffectedShare` of the accounts, or when the region would hold more than `maxRegionShare`
 * of them (a full run then costs less).
 */
export function clusterIncremental(kernel: Kernel, accounts: Account[], options: IncrementalOptions): IncrementalResult {
  const config = parseConfig(options.config);
  const progress = options.onProgress ?? (() => undefined);
  const overrides = options.overrides ?? [];
  const previous = new Map<string, PreviousResult>();
  for (const p of options.previous) previous.set(p.id, p);
  const assignment = [...previous.values()].map(({ id, groups }) => ({ id, groups }));

  const stageMs: Record<string, number> = {};
  const timer = stageTimer(stageMs);
  const { lap } = timer;

  progress({ stage: 'normalise', percent: 0 });
  const warnings = new WarningSink();
  const t1 = buildAccountTable(uniqueAccounts(accounts, warnings), config.defaultRegion, warnings);
  // A full run where the region cannot be bounded, or would cost more: it starts from the
  // accounts normalised (and blocked) already.
  let b1: Blocking | undefined;
  const full = (reason: string): IncrementalResult => {
    const blocking = b1 ?? blockAccounts(t1, config.maxBlockSize);
    const prepared = prepareBlocked(kernel, t1, blocking, config, warnings, { ...stageMs }, progress);
    const result = clusterPrepared(kernel, prepared, { config, previous: assignment, overrides, onProgress: options.onProgress });
    const totalComponents = new Set(result.components).size;
    return {
      mode: 'full',
      message: reason,
      accounts: result.accounts,
      components: result.components,
      replaced: new Set(previous.keys()),
      metrics: result.metrics,
      warnings: result.warnings,
      changes: result.changes,
      config: result.config,
      reclustered: { accounts: result.accounts.length, components: totalComponents, totalAccounts: result.accounts.length, totalComponents, affected: result.accounts.length },
    };
  };
  // The region holds at least the previous components of the changed accounts: when those
  // already hold most accounts, a full run costs less, and nothing more need be known.
  const maxRegion = options.maxRegionShare ?? 0.5;
  const componentSize = new Map<string, number>();
  for (const p of previous.values()) if (p.component != null) componentSize.set(p.component, (componentSize.get(p.component) ?? 0) + 1);
  const touched = new Set<string>();
  for (const id of options.earlier.keys()) {
    const c = previous.get(id)?.component;
    if (c != null) touched.add(c);
  }
  const tooLarge = (): IncrementalResult | undefined => {
    let atLeast = 0;
    for (const c of touched) atLeast += componentSize.get(c)!;
    if (atLeast <= maxRegion * t1.n) return undefined;
    return full(`the changes touch linkage components holding ${fmt(atLeast)} of ${fmt(t1.n)} accounts (more than ${Math.round(maxRegion * 100)}%): a full run`);
  };
  const early = tooLarge();
  if (early) return early;
  // The accounts as the previous run clustered them: only the earlier values are normalised.
  const t0 = previousTable(t1, options.earlier, config.defaultRegion);
  lap('normalise');
  if (t0.tokens.documents !== t1.tokens.documents) {
    return full(`the account count passed a power of two (words are weighed against ${fmt(t1.tokens.documents)} accounts instead of ${fmt(t0.tokens.documents)}): a full run`);
  }
  for (const id of t0.ids) {
    if (previous.get(id)?.component == null) return full(`the previous results have no linkage component for account ${id}: a full run`);
  }
  if (previous.size !== t0.n) return full('the previous results hold accounts that the change log does not explain: a full run');

  // Index in t1 of each account of t0 (-1: deleted). Both are sorted by id: one merge walk.
  const to1 = new Int32Array(t0.n).fill(-1);
  const from1 = new Int32Array(t1.n).fill(-1);
  for (let x = 0, y = 0; x < t0.n && y < t1.n; ) {
    const a = t0.ids[x];
    const b = t1.ids[y];
    if (a === b) {
      from1[y] = x;
      to1[x++] = y++;
    } else if (a < b) x++;
    else y++;
  }

  const affected = new Uint8Array(t1.n);
  const index1 = new Map<string, number>();
  t1.ids.forEach((id, i) => index1.set(id, i));
  for (const id of options.earlier.keys()) {
    const i = index1.get(id);
    if (i !== undefined) affected[i] = 1;
  }
  for (let i = 0; i < t1.n; i++) if (from1[i] < 0) affected[i] = 1;

  // Words whose weight or brand standing changed (their document frequency crossed a step).
  const brand0 = brandTokens(t0);
  const brand1 = brandTokens(t1);
  const tokenChanged = new Uint8Array(t1.tokens.tokens.length);
  for (let k = 0; k < tokenChanged.length; k++) {
    const k0 = t0.tokens.ids.get(t1.tokens.tokens[k]);
    if (k0 === undefined || t0.tokens.weights[k0] !== t1.tokens.weights[k] || brand0[k0] !== brand1[k]) tokenChanged[k] = 1;
  }
  for (let i = 0; i < t1.n; i++) {
    const tokens = t1.nameTokens[i];
    for (let k = 0; k < tokens.length; k++) {
      if (tokenChanged[tokens[k]]) {
        affected[i] = 1;
        break;
      }
    }
  }

  // Parent subtrees whose links changed: every account below a changed link.
  markMovedSubtrees(t0, t1, from1, affected);
  // Checked again before blocking both states: the components of the accounts affected so far.
  for (let i = 0; i < t1.n; i++) if (affected[i] && from1[i] >= 0) touched.add(previous.get(t1.ids[i])!.component!);
  const beforeBlocking = tooLarge();
  if (beforeBlocking) return beforeBlocking;

  progress({ stage: 'block', percent: 20 });
  b1 = blockAccounts(t1, config.maxBlockSize);
  const b0 = blockAccounts(t0, config.maxBlockSize);
  lap('block');

  // Overrides added, removed or changed.
  const previousKeys = new Set((options.previousOverrides ?? []).map(overrideKey));
  const currentKeys = new Set(overrides.map(overrideKey));
  for (const [list, other] of [
    [overrides, previousKeys],
    [options.previousOverrides ?? [], currentKeys],
  ] as const) {
    for (const o of list) {
      if (other.has(overrideKey(o))) continue;
      for (const id of [o.a, o.b]) {
        const i = index1.get(id);
        if (i !== undefined) affected[i] = 1;
      }
    }
  }

  // Pairs that blocking gives in one state only, between unaffected accounts: they matter when
  // they are (or were) a linkage edge, a must-link, or a pair that a related list could show.
  // Their scores are the same in both states.
  const moved = blockingDifferences(b0, b1, to1, affected);
  if (moved.left.length > 0) {
    const scores = scoreAll(compareSome(kernel, t1, moved.left, moved.right), config.weights);
    const byHand = new Map<string, Override['kind']>();
    for (const o of overrides) {
      const i = index1.get(o.a);
      const j = index1.get(o.b);
      if (i !== undefined && j !== undefined) byHand.set(i < j ? `${i},${j}` : `${j},${i}`, o.kind);
    }
    const minScore = Math.max(0, 1 - config.thresholds.relatedDistance - 1e-9);
    for (let k = 0; k < moved.left.length; k++) {
      const i = moved.left[k];
      const j = moved.right[k];
      const kind = byHand.get(`${i},${j}`);
      const score = kind === 'cannot-link' ? 0 : scores[k];
      // Outside the region groups stay as they were: a pair that is no edge changes a related list
      // only within one related group, across its same groups (one same group lists all its pairs).
      const gi = previous.get(t1.ids[i])!.groups;
      const gj = previous.get(t1.ids[j])!.groups;
      const listable = score > 0 && gi.related === gj.related && gi.same !== gj.same;
      if (kind === 'must-link' || score > minScore || listable) affected[i] = affected[j] = 1;
    }
  }


  let affectedCount = 0;
  for (let i = 0; i < t1.n; i++) affectedCount += affected[i];
  const maxShare = options.maxAffectedShare ?? 0.25;
  if (affectedCount > maxShare * t1.n) {
    return full(`the changes affect ${fmt(affectedCount)} of ${fmt(t1.n)} accounts (more than ${Math.round(maxShare * 100)}%): a full run`);
  }

  // The region: the previous components of the affected accounts (and of the deleted ones), and
  // of every account linked to an affected one now.
  progress({ stage: 'region', percent: 40 });
  const components = new Set<string>();
  for (let i = 0; i < t1.n; i++) if (affected[i] && from1[i] >= 0) components.add(previous.get(t1.ids[i])!.component!);
  const deleted: string[] = [];
  for (let x = 0; x < t0.n; x++) {
    if (to1[x] >= 0) continue;
    deleted.push(t0.ids[x]);
    components.add(previous.get(t0.ids[x])!.component!);
  }
  for (const i of accountsLinkedToAffected(kernel, t1, b1, affected, config, overrides, index1)) {
    components.add(previous.get(t1.ids[i])!.component!);
  }
  const inRegion = new Uint8Array(t1.n);
  let regionSize = 0;
  for (let i = 0; i < t1.n; i++) {
    if (affected[i] || components.has(previous.get(t1.ids[i])!.component!)) {
      inRegion[i] = 1;
      regionSize++;
    }
  }
  if (regionSize > maxRegion * t1.n) {
    return full(
      `the changes touch linkage components holding ${fmt(regionSize)} of ${fmt(t1.n)} accounts (more than ${Math.round(maxRegion * 100)}%): a full run`,
    );
  }
  const members = new Int32Array(regionSize);
  for (let i = 0, x = 0; i < t1.n; i++) if (inRegion[i]) members[x++] = i;
  lap('region');

  // Recluster the region as a full run would: its pairs, previous groups and overrides.
  progress({ stage: 'compare', percent: 50 });
  const sub = regionTable(t1, members);
  const local = new Int32Array(t1.n).fill(-1);
  members.forEach((g, x) => (local[g] = x));
  let pairCount = 0;
  for (let k = 0; k < b1.left.length; k++) if (inRegion[b1.left[k]] && inRegion[b1.right[k]]) pairCount++;
  const left = new Int32Array(pairCount);
  const right = new Int32Array(pairCount);
  for (let k = 0, e = 0; k < b1.left.length; k++) {
    if (!inRegion[b1.left[k]] || !inRegion[b1.right[k]]) continue;
    left[e] = local[b1.left[k]];
    right[e] = local[b1.right[k]];
    e++;
  }
  const pools = buildPools(kernel, sub);
  const features = comparePairs(kernel, sub, pools, left, right);
  const pairStart = new Int32Array(sub.n + 1);
  for (let k = 0; k < features.count; k++) pairStart[features.left[k] + 1]++;
  for (let i = 0; i < sub.n; i++) pairStart[i + 1] += pairStart[i];
  lap('compare');
  const prepared: PreparedAccounts = { table: sub, pools, features, pairStart, cappedBlocks: [], warnings: [], stageMs: {}, config, memo: {} };
  const regionIds = new Set(sub.ids.slice(0, sub.n));
  const regionPrevious = [...sub.ids.slice(0, sub.n), ...deleted].flatMap((id) => {
    const p = previous.get(id);
    return p ? [{ id, groups: p.groups }] : [];
  });
  const reserved = new Set<string>();
  for (const p of previous.values()) for (const tier of TIERS) reserved.add(p.groups[tier]);
  const result = clusterPrepared(kernel, prepared, {
    config,
    previous: regionPrevious,
    overrides: overrides.filter((o) => regionIds.has(o.a) && regionIds.has(o.b)),
    reservedGroupIds: reserved,
    onProgress: (p) => progress({ stage: p.stage, percent: 50 + p.percent / 2 }),
  });
  for (const [stage, ms] of Object.entries(result.metrics.stageMs)) stageMs[stage] = (stageMs[stage] ?? 0) + ms;
  timer.restart();

  // Metrics over every account: the carried-over results and the region's.
  const sizes: Record<Tier, Map<string, number>> = { same: new Map(), family: new Map(), related: new Map() };
  const allComponents = new Set<string>();
  const count = (groups: GroupIds): void => {
    for (const tier of TIERS) sizes[tier].set(groups[tier], (sizes[tier].get(groups[tier]) ?? 0) + 1);
  };
  for (let i = 0; i < t1.n; i++) {
    if (inRegion[i]) continue;
    const p = previous.get(t1.ids[i])!;
    count(p.groups);
    allComponents.add(p.component!);
  }
  for (const r of result.accounts) count(r.groups);
  for (const c of result.components) allComponents.add(c);
  const regionComponents = new Set(result.components).size;
  const groupSizes = { same: [...sizes.same.values()], family: [...sizes.family.values()], related: [...sizes.related.values()] };
  lap('metrics');
  const metrics = runMetrics(t1.n, groupSizes, b1.left.length, b1.cappedBlocks.length, stageMs);
  for (const w of result.warnings) warnings.add(w);
  addCappedBlockWarnings(warnings, b1.cappedBlocks, config.maxBlockSize);
  const reclustered = { accounts: sub.n, components: regionComponents, totalAccounts: t1.n, totalComponents: allComponents.size, affected: affectedCount };
  progress({ stage: 'done', percent: 100 });
  return {
    mode: 'incremental',
    message:
      `${fmt(reclustered.accounts)} of ${fmt(reclustered.totalAccounts)} accounts and ${fmt(reclustered.components)} of ` +
      `${fmt(reclustered.totalComponents)} linkage components reclustered (${fmt(affectedCount)} affected by the changes)`,
    accounts: result.accounts,
    components: result.components,
    replaced: new Set([...regionIds, ...deleted]),
    metrics,
    warnings: warnings.list(),
    changes: result.changes,
    config: result.config,
    reclustered,
  };
}

/**
 * The table of the accounts as they were: `table` without the changed accounts, plus their
 * earlier values (normalised here), with word counts and weights and parent links of that state.
 * Only blocking and word statistics read it: token ids differ from a table built from scratch,
 * but every word, count, weight and blocking key is the same.
 */
function previousTable(table: AccountTable, earlier: ReadonlyMap<string, Account | null>, defaultRegion: string): AccountTable {
  const values: Account[] = [];
  for (const a of earlier.values()) if (a !== null) values.push(a);
  const added = buildAccountTable(uniqueAccounts(values, new WarningSink()), defaultRegion, new WarningSink());
  const tokens = table.tokens.copy();
  const kept: number[] = [];
  for (let i = 0; i < table.n; i++) {
    if (earlier.has(table.ids[i])) tokens.removeDocument(table.nameTokens[i]);
    else kept.push(i);
  }
  const addedTokens = added.nameTokens.map((ids) => tokens.addDocument(Array.from(ids, (id) => added.tokens.tokens[id])));
  // Rows in id order: a kept row of `table` (source 0) or an earlier value (source 1).
  const rows: [number, number][] = [];
  for (let x = 0, y = 0; x < kept.length || y < added.n; ) {
    if (y >= added.n || (x < kept.length && table.ids[kept[x]] < added.ids[y])) rows.push([0, kept[x++]]);
    else rows.push([1, y++]);
  }
  const n = rows.length;
  tokens.finish(n);
  const column = <T>(pick: (t: AccountTable) => readonly T[]): T[] => rows.map(([source, i]) => pick(source === 0 ? table : added)[i]);
  const nameTokens = rows.map(([source, i]) => (source === 0 ? table.nameTokens[i] : addedTokens[i]));
  const nameWeight = new Float64Array(n);
  nameTokens.forEach((ids, r) => {
    for (let k = 0; k < ids.length; k++) nameWeight[r] += tokens.weights[ids[k]];
  });
  const brand = Int32Array.from(rows, ([source, i]) => {
    if (source === 0) return table.brand[i];
    return added.brand[i] < 0 ? -1 : tokens.ids.get(added.tokens.tokens[added.brand[i]])!;
  });
  const ids = column((t) => t.ids);
  const accounts = column((t) => t.accounts);
  const parentIds = accounts.map((a) => {
    const p = (a as Record<string, unknown>).parentId;
    const s = p === undefined || p === null ? '' : String(p).trim();
    return s === '' ? undefined : s;
  });
  return {
    n,
    ids,
    accounts,
    nameKey: column((t) => t.nameKey),
    nameTokens,
    nameWeight,
    brand,
    legalEntity: Uint8Array.from(rows, ([source, i]) => (source === 0 ? table : added).legalEntity[i]),
    tokens,
    domain: column((t) => t.domain),
    label: column((t) => t.label),
    phone: column((t) => t.phone),
    address: column((t) => t.address),
    addressNumber: column((t) => t.addressNumber),
    addressStreet: column((t) => t.addressStreet),
    state: column((t) => t.state),
    country: column((t) => t.country),
    industry: column((t) => t.industry),
    parents: resolveParents(ids, parentIds),
  };
}

/** Marks every account of t1 whose chain of (resolved) parent links differs from its chain in t0:
 * the accounts whose own parent changed (compared by id), and everything below them. */
function markMovedSubtrees(t0: AccountTable, t1: AccountTable, from1: Int32Array, affected: Uint8Array): void {
  const moved = new Uint8Array(t1.n);
  for (let i = 0; i < t1.n; i++) {
    const x = from1[i];
    if (x < 0) {
      moved[i] = 1;
      continue;
    }
    const p0 = t0.parents.parent[x];
    const p1 = t1.parents.parent[i];
    if ((p0 < 0 ? '' : t0.ids[p0]) !== (p1 < 0 ? '' : t1.ids[p1])) moved[i] = 1;
  }
  // Down the t1 hierarchy, parents before children (by depth).
  const { depth, parent } = t1.parents;
  let maxDepth = 0;
  for (let i = 0; i < t1.n; i++) if (depth[i] > maxDepth) maxDepth = depth[i];
  const start = new Int32Array(maxDepth + 2);
  for (let i = 0; i < t1.n; i++) start[depth[i] + 1]++;
  for (let d = 0; d <= maxDepth; d++) start[d + 1] += start[d];
  const order = new Int32Array(t1.n);
  const fill = start.slice(0, maxDepth + 1);
  for (let i = 0; i < t1.n; i++) order[fill[depth[i]]++] = i;
  for (const i of order) if (parent[i] >= 0 && moved[parent[i]]) moved[i] = 1;
  for (let i = 0; i < t1.n; i++) if (moved[i]) affected[i] = 1;
}

/** Candidate pairs between two unaffected accounts that blocking gives in one state and not in
 * the other. (A pair with an affected or deleted side needs nothing more: the region takes in the
 * previous component of that side and every account it is linked to now.) Pairs are sorted by
 * (left, right) and `to1` keeps the order, so one merge walk finds them. */
function blockingDifferences(b0: Blocking, b1: Blocking, to1: Int32Array, affected: Uint8Array): { left: Int32Array; right: Int32Array } {
  const left: number[] = [];
  const right: number[] = [];
  const add = (i: number, j: number): void => {
    if (affected[i] || affected[j]) return;
    left.push(i);
    right.push(j);
  };
  let x = 0;
  let y = 0;
  const n0 = b0.left.length;
  const n1 = b1.left.length;
  for (;;) {
    while (x < n0 && (to1[b0.left[x]] < 0 || to1[b0.right[x]] < 0)) x++;
    if (x >= n0 && y >= n1) break;
    if (x >= n0) {
      add(b1.left[y], b1.right[y]);
      y++;
      continue;
    }
    const l0 = to1[b0.left[x]];
    const r0 = to1[b0.right[x]];
    if (y >= n1) {
      add(l0, r0);
      x++;
      continue;
    }
    const l1 = b1.left[y];
    const r1 = b1.right[y];
    if (l0 === l1 && r0 === r1) {
      x++;
      y++;
    } else if (l0 < l1 || (l0 === l1 && r0 < r1)) {
      add(l0, r0);
      x++;
    } else {
      add(l1, r1);
      y++;
    }
  }
  return { left: Int32Array.from(left), right: Int32Array.from(right) };
}

/** Accounts not affected that a linkage edge now joins to an affected one: candidate pairs with
 * an affected side scored above the related cut-off, and must-links. */
function accountsLinkedToAffected(
  kernel: Kernel,
  table: AccountTable,
  blocking: Blocking,
  affected: Uint8Array,
  config: ClusterConfig,
  overrides: readonly Override[],
  index: ReadonlyMap<string, number>,
): number[] {
  let count = 0;
  for (let k = 0; k < blocking.left.length; k++) if (affected[blocking.left[k]] !== affected[blocking.right[k]]) count++;
  const left = new Int32Array(count);
  const right = new Int32Array(count);
  for (let k = 0, e = 0; k < blocking.left.length; k++) {
    if (affected[blocking.left[k]] === affected[blocking.right[k]]) continue;
    left[e] = blocking.left[k];
    right[e] = blocking.right[k];
    e++;
  }
  const out: number[] = [];
  const cannot = new Set<string>();
  for (const o of overrides) {
    const i = index.get(o.a);
    const j = index.get(o.b);
    if (i === undefined || j === undefined || affected[i] === affected[j]) continue;
    if (o.kind === 'must-link') out.push(affected[i] ? j : i);
    else cannot.add(i < j ? `${i},${j}` : `${j},${i}`);
  }
  if (count === 0) return out;
  const features = compareSome(kernel, table, left, right);
  const scores = scoreAll(features, config.weights);
  const minScore = Math.max(0, 1 - config.thresholds.relatedDistance - 1e-9);
  for (let k = 0; k < count; k++) {
    if (scores[k] <= minScore || cannot.has(`${left[k]},${right[k]}`)) continue;
    out.push(affected[left[k]] ? right[k] : left[k]);
  }
  return out;
}

/** Compares a few pairs of a large table: through a table of their accounts only (`regionTable`),
 * so that the kernel's string pools hold those accounts and not every account. The features are
 * the ones the whole table gives. */
function compareSome(kernel: Kernel, table: AccountTable, left: Int32Array, right: Int32Array): PairFeatures {
  const involved = new Uint8Array(table.n);
  for (let k = 0; k < left.length; k++) involved[left[k]] = involved[right[k]] = 1;
  const local = new Int32Array(table.n).fill(-1);
  const members: number[] = [];
  for (let i = 0; i < table.n; i++) {
    if (!involved[i]) continue;
    local[i] = members.length;
    members.push(i);
  }
  const sub = regionTable(table, Int32Array.from(members));
  const l = Int32Array.from(left, (i) => local[i]);
  const r = Int32Array.from(right, (i) => local[i]);
  return comparePairs(kernel, sub, buildPools(kernel, sub), l, r);
}

/**
 * The accounts `members` (ascending indices of `table`) as a table of their own, with the token
 * table (and so the word weights) of the whole. Parent links keep the whole hierarchy's shape:
 * ancestors outside the members follow them at indices from `n` on (in `ids` and the parent
 * arrays only), so that parent relations and ultimate parents compare as in the whole table.
 */
function regionTable(table: AccountTable, members: Int32Array): AccountTable {
  const n = members.length;
  const local = new Map<number, number>();
  members.forEach((g, x) => local.set(g, x));
  const globalOf = Array.from(members);
  const { parent, root, depth } = table.parents;
  for (const g of members) {
    for (let p = parent[g]; p >= 0 && !local.has(p); p = parent[p]) {
      local.set(p, globalOf.length);
      globalOf.push(p);
    }
  }
  const size = globalOf.length;
  const parents = { parent: new Int32Array(size), root: new Int32Array(size), depth: new Int32Array(size), warnings: [] };
  for (let x = 0; x < size; x++) {
    const g = globalOf[x];
    parents.parent[x] = parent[g] < 0 ? -1 : local.get(parent[g])!;
    parents.root[x] = local.get(root[g])!;
    parents.depth[x] = depth[g];
  }
  const pick = <T>(column: readonly T[]): T[] => Array.from(members, (g) => column[g]);
  return {
    n,
    ids: globalOf.map((g) => table.ids[g]),
    accounts: pick(table.accounts),
    nameKey: pick(table.nameKey),
    nameTokens: pick(table.nameTokens),
    nameWeight: Float64Array.from(members, (g) => table.nameWeight[g]),
    brand: Int32Array.from(members, (g) => table.brand[g]),
    legalEntity: Uint8Array.from(members, (g) => table.legalEntity[g]),
    tokens: table.tokens,
    domain: pick(table.domain),
    label: pick(table.label),
    phone: pick(table.phone),
    address: pick(table.address),
    addressNumber: pick(table.addressNumber),
    addressStreet: pick(table.addressStreet),
    state: pick(table.state),
    country: pick(table.country),
    industry: pick(table.industry),
    parents,
  };
}
