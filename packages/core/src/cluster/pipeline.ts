import {
  ClusterConfigSchema,
  OverrideSchema,
  type Account,
  type AccountResult,
  type ClusterConfig,
  type ClusterConfigInput,
  type GroupChanges,
  type GroupIds,
  type Override,
  type Reason,
  type RelatedAccount,
  type Relation,
  type RunMetrics,
  type RunWarning,
  type Tier,
} from '@kindred/contract';
import type { Kernel } from '@kindred/kernel';
import type { Blocking, CappedBlock } from '../block/block.js';
import { blockAccounts } from '../block/keys.js';
import {
  buildPools,
  comparePairs,
  DOMAIN_SAME,
  DOMAIN_SAME_LABEL,
  PARENT_IS_ANCESTOR,
  PARENT_IS_DESCENDANT,
  PARENT_SIBLING,
  type PairFeatures,
  type TablePools,
} from '../compare/compare.js';
import { PairExplainer, scoreAll } from '../score/score.js';
import { buildAccountTable, uniqueAccounts, type AccountTable } from './account-table.js';
import { baseGroupId, previousRanks, stabilizeGroups, type PreviousRanks } from './stable-ids.js';
import { buildDendrogram, constrainedSingleLinkage, cutDendrogram, forbiddenNodes, type Dendrogram } from './tiers.js';
import { UnionFind } from './union-find.js';
import { WarningSink } from './warnings.js';

export interface ClusterProgress {
  stage: string;
  percent: number;
}

export interface ClusterOptions {
  config?: ClusterConfigInput;
  /** The previous run's assignment: groups keep their ids by overlap with it. */
  previous?: Iterable<{ id: string; groups: GroupIds }>;
  /** Pairs a person linked (must-link) or separated (cannot-link) by hand. */
  overrides?: Override[];
  onProgress?: (p: ClusterProgress) => void;
  /** Build each account's related list with scores and reasons (default true). Without it the
   * result carries group ids only, which is what interactive what-if clustering needs. */
  related?: boolean;
  /** Group ids of the previous run held by groups outside these accounts (an incremental run
   * reclusters a region and keeps the rest): no created group takes one. */
  reservedGroupIds?: ReadonlySet<string>;
}

export interface ClusterResult {
  /** Every input account (once per id), sorted by id. */
  accounts: AccountResult[];
  /** The linkage component of each account (aligned with `accounts`): the smallest account id
   * among the accounts joined to it by linkage edges (pairs scored above the related cut-off, and
   * must-links). An account's results depend only on its component. */
  components: string[];
  metrics: RunMetrics;
  warnings: RunWarning[];
  changes: GroupChanges;
  config: ClusterConfig;
}

/** The expensive first stage of a run: normalised accounts, candidate pairs and their per-factor
 * comparisons. Re-clustering it with other weights, thresholds or linkage is cheap. */
export interface PreparedAccounts {
  table: AccountTable;
  pools: TablePools;
  features: PairFeatures;
  /** Start of each account's pairs in `features` (pairs are sorted by left, then right). */
  pairStart: Int32Array;
  cappedBlocks: CappedBlock[];
  warnings: RunWarning[];
  stageMs: Record<string, number>;
  /** The configuration the preparation used (its defaultRegion and maxBlockSize hold). */
  config: ClusterConfig;
  /** Results of the last re-clustering, reused while the settings they depend on are unchanged:
   * scores (weights), linkage and the same tier (weights, method, same and related distances,
   * size cap, overrides). Moving only the family threshold is then a cut of the dendrogram. */
  memo: {
    scoresKey?: string;
    scores?: Float64Array;
    linkKey?: string;
    link?: LinkMemo;
    previousSource?: ClusterOptions['previous'];
    previous?: Record<Tier, PreviousRanks>;
    /** Base group id of a group whose smallest account is index i, per tier. */
    baseIds?: Record<Tier, string[]>;
  };
}

/** The linkage of one configuration: same groups and the dendrogram of same groups. */
interface LinkMemo {
  /** Linkage component of each account: its smallest account index. */
  component: Int32Array;
  sameLabel: Int32Array;
  superOf: Int32Array;
  superLabel: number[];
  d2: Dendrogram;
}

export const TIER_INITIALS: Record<Tier, string> = { same: 's', family: 'f', related: 'r' };

const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/** Times the stages of a run into `stageMs` (milliseconds, one decimal): `lap(stage)` records the
 * time since the previous lap (or since `restart`). */
export function stageTimer(stageMs: Record<string, number>): { lap(stage: string): void; restart(): void } {
  let t = now();
  return {
    lap(stage) {
      const t2 = now();
      stageMs[stage] = Math.round((t2 - t) * 10) / 10;
      t = t2;
    },
    restart() {
      t = now();
    },
  };
}

/** Reports capped blocks in the run's warnings: the first hundred by key, then how many more. */
export function addCappedBlockWarnings(warnings: WarningSink, cappedBlocks: readonly CappedBlock[], maxBlockSize: number): void {
  for (const b of cappedBlocks.slice(0, 100)) {
    warnings.add({
      kind: 'capped-block',
      message: `blocking key "${b.key}" is shared by ${b.size} accounts (more than ${maxBlockSize}); its accounts were compared with their nearest neighbours by name only`,
    });
  }
  if (cappedBlocks.length > 100) {
    warnings.add({ kind: 'capped-block', message: `${cappedBlocks.length - 100} more capped blocks not listed` });
  }
}

/** The cluster configuration with its defaults, or an error naming each invalid setting. */
export function parseConfig(input: ClusterConfigInput | undefined): ClusterConfig {
  const parsed = ClusterConfigSchema.safeParse(input ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || 'config'}: ${i.message}`).join('; ');
    throw new Error(`invalid cluster configuration: ${issues}`);
  }
  return parsed.data;
}

/** Normalises, resolves parent links, blocks and compares: everything that does not depend on
 * weights, thresholds or linkage. */
export function prepareAccounts(kernel: Kernel, accounts: Account[], options: ClusterOptions = {}): PreparedAccounts {
  const config = parseConfig(options.config);
  const progress = options.onProgress ?? (() => undefined);
  const stageMs: Record<string, number> = {};
  const warnings = new WarningSink();
  const { lap } = stageTimer(stageMs);
  progress({ stage: 'normalise', percent: 0 });
  const unique = uniqueAccounts(accounts, warnings);
  const table = buildAccountTable(unique, config.defaultRegion, warnings);
  lap('normalise');
  progress({ stage: 'block', percent: 20 });
  const blocking = blockAccounts(table, config.maxBlockSize);
  lap('block');
  return prepareBlocked(kernel, table, blocking, config, warnings, stageMs, progress);
}

/** The rest of `prepareAccounts` for accounts already normalised (`table`, with the warnings
 * normalising gave) and blocked: reports capped blocks, compares the candidate pairs. */
export function prepareBlocked(
  kernel: Kernel,
  table: AccountTable,
  blocking: Blocking,
  config: ClusterConfig,
  warnings: WarningSink,
  stageMs: Record<string, number>,
  progress: (p: ClusterProgress) => void,
): PreparedAccounts {
  addCappedBlockWarnings(warnings, blocking.cappedBlocks, config.maxBlockSize);
  const { lap } = stageTimer(stageMs);
  progress({ stage: 'compare', percent: 40 });
  const pools = buildPools(kernel, table);
  const features = comparePairs(kernel, table, pools, blocking.left, blocking.right);
  lap('compare');
  const pairStart = new Int32Array(table.n + 1);
  for (let k = 0; k < features.count; k++) pairStart[features.left[k] + 1]++;
  for (let i = 0; i < table.n; i++) pairStart[i + 1] += pairStart[i];
  progress({ stage: 'compare', percent: 60 });
  return { table, pools, features, pairStart, cappedBlocks: blocking.cappedBlocks, warnings: warnings.list(), stageMs, config, memo: {} };
}

/** Index of pair (i, j) in the prepared features, or -1 when it is not a candidate pair. */
function findPair(p: PreparedAccounts, i: number, j: number): number {
  const a = Math.min(i, j);
  const b = Math.max(i, j);
  let lo = p.pairStart[a];
  let hi = p.pairStart[a + 1] - 1;
  const right = p.features.right;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (right[mid] === b) return mid;
    if (right[mid] < b) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

function pairKey(i: number, j: number): string {
  return i < j ? `${i},${j}` : `${j},${i}`;
}

/** Scores the prepared pairs with the configuration's weights, links them through the kernel,
 * cuts the nested tiers, and builds group ids and related lists. */
export function clusterPrepared(kernel: Kernel, prepared: PreparedAccounts, options: ClusterOptions = {}): ClusterResult {
  const requested = parseConfig(options.config);
  const config: ClusterConfig = { ...requested, defaultRegion: prepared.config.defaultRegion, maxBlockSize: prepared.config.maxBlockSize };
  const progress = options.onProgress ?? (() => undefined);
  const { table, features } = prepared;
  const { n, ids } = table;
  const warnings = new WarningSink();
  warnings.addAll(prepared.warnings);
  const stageMs: Record<string, number> = { ...prepared.stageMs };
  const { lap } = stageTimer(stageMs);

  progress({ stage: 'score', percent: 60 });
  // Scores depend on the weights only; what-if re-clusterings with other thresholds reuse them.
  const scoresKey = JSON.stringify(config.weights);
  if (prepared.memo.scoresKey !== scoresKey || prepared.memo.scores === undefined) {
    prepared.memo.scores = scoreAll(features, config.weights);
    prepared.memo.scoresKey = scoresKey;
    prepared.memo.linkKey = undefined;
    prepared.memo.link = undefined;
  }
  const overridden = (options.overrides?.length ?? 0) > 0;
  const scores = overridden ? prepared.memo.scores.slice() : prepared.memo.scores;

  // Overrides.
  const indexOf = new Map<string, number>();
  if (overridden) ids.forEach((id, i) => indexOf.set(id, i));
  const mustLink = new Set<string>();
  const extraLeft: number[] = [];
  const extraRight: number[] = [];
  const cannotLink: [number, number][] = [];
  (options.overrides ?? []).forEach((raw, position) => {
    const parsed = OverrideSchema.safeParse(raw);
    if (!parsed.success) {
      warnings.add({ kind: 'invalid-override', message: `override ${position}: ${parsed.error.issues.map((i) => i.message).join('; ')}; it is ignored` });
      return;
    }
    const o = parsed.data;
    const i = indexOf.get(o.a);
    const j = indexOf.get(o.b);
    if (i === undefined || j === undefined) {
      const missing = i === undefined ? o.a : o.b;
      warnings.add({ kind: 'invalid-override', accountId: missing, message: `${o.kind} override names account ${missing}, which is not in the input; it is ignored` });
      return;
    }
    const k = findPair(prepared, i, j);
    if (o.kind === 'must-link') {
      mustLink.add(pairKey(i, j));
      if (k >= 0) scores[k] = 1;
      else {
        extraLeft.push(Math.min(i, j));
        extraRight.push(Math.max(i, j));
      }
    } else {
      if (k >= 0) scores[k] = 0;
      cannotLink.push([i, j]);
    }
  });
  for (const [i, j] of cannotLink) {
    if (mustLink.has(pairKey(i, j))) {
      warnings.add({ kind: 'invalid-override', accountId: ids[i], message: `accounts ${ids[i]} and ${ids[j]} are both must-link and cannot-link; must-link wins` });
    }
  }
  const cannot = cannotLink.filter(([i, j]) => !mustLink.has(pairKey(i, j)));
  lap('score');

  const { thresholds, maxGroupSize } = config;
  const linkKey = JSON.stringify([scoresKey, config.linkage, thresholds.sameDistance, thresholds.relatedDistance, maxGroupSize, options.overrides ?? []]);
  const computeLink = (): LinkMemo => {
    // Level 1: accounts → same groups. Pairs too weak to join even the related tier are left out:
    // to the linkage they are as far apart as pairs that were never compared.
    const minScore = Math.max(0, 1 - thresholds.relatedDistance - 1e-9);
    let edgeCount = extraLeft.length;
    for (let k = 0; k < features.count; k++) if (scores[k] > minScore) edgeCount++;
    const el = new Int32Array(edgeCount);
    const er = new Int32Array(edgeCount);
    const ed = new Float64Array(edgeCount);
    let e = 0;
    for (let k = 0; k < features.count; k++) {
      if (scores[k] <= minScore) continue;
      el[e] = features.left[k];
      er[e] = features.right[k];
      ed[e] = 1 - scores[k];
      e++;
    }
    for (let x = 0; x < extraLeft.length; x++, e++) {
      el[e] = extraLeft[x];
      er[e] = extraRight[x];
      ed[e] = 0;
    }
    const component = componentLabels(n, el, er);
    const maxDistance1 = thresholds.sameDistance + 1e-9;
    const merges1 = kernel.linkage(config.linkage, n, linkableEdges(n, el, er, ed, maxDistance1), { maxDistance: maxDistance1 });
    const d1 = buildDendrogram(n, merges1);
    const sameLabel = cutDendrogram(d1, thresholds.sameDistance, maxGroupSize, forbiddenNodes(d1, cannot));

    // Level 2: same groups → family and related groups. A pair of groups is as close as their
    // closest accounts, and groups join by single linkage: family ties are transitive (a parent's
    // parent, the subsidiaries of one brand), and candidate pairs are sparse, so an average over
    // pairs never compared would split every large family. Oversized groups are split at their
    // weakest links by the size cap. The configured method governs the same tier.
    const superOf = new Int32Array(n);
    const superAt = new Int32Array(n).fill(-1);
    const superLabel: number[] = [];
    for (let i = 0; i < n; i++) {
      const label = sameLabel[i];
      if (superAt[label] < 0) {
        superAt[label] = superLabel.length;
        superLabel.push(label);
      }
      superOf[i] = superAt[label];
    }
    const m = superLabel.length;
    const superSize = new Int32Array(m);
    for (let i = 0; i < n; i++) superSize[superOf[i]]++;
    const { left: sl, right: sr, distance: sd } = groupEdges(m, superOf, el, er, ed);
    // Cannot-link pairs are kept apart while linking, so the groups around a separated pair join
    // what else they are nearest to; cutting the unconstrained dendrogram instead would break the
    // whole chain of merges above the pair into pieces.
    const cannotSuper = cannot.map(([i, j]) => [superOf[i], superOf[j]] as [number, number]).filter(([a, b]) => a !== b);
    const edges2 = { left: sl, right: sr, distance: sd };
    const maxDistance2 = thresholds.relatedDistance + 1e-9;
    const merges2 = cannotSuper.length > 0 ? constrainedSingleLinkage(m, edges2, maxDistance2, cannotSuper) : kernel.linkage('single', m, edges2, { maxDistance: maxDistance2 });
    const d2 = buildDendrogram(m, merges2, superSize);
    return { component, sameLabel, superOf, superLabel, d2 };
  };
  progress({ stage: 'link', percent: 65 });
  if (prepared.memo.linkKey !== linkKey || prepared.memo.link === undefined) {
    prepared.memo.link = computeLink();
    prepared.memo.linkKey = linkKey;
  }
  const { component, sameLabel, superOf, superLabel, d2 } = prepared.memo.link;
  const familySuper = cutDendrogram(d2, thresholds.familyDistance, maxGroupSize);
  const relatedSuper = cutDendrogram(d2, thresholds.relatedDistance, maxGroupSize);
  const familyLabel = new Int32Array(n);
  const relatedLabel = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    familyLabel[i] = superLabel[familySuper[superOf[i]]];
    relatedLabel[i] = superLabel[relatedSuper[superOf[i]]];
  }
  lap('link');

  // Group ids, stable against the previous run.
  progress({ stage: 'groups', percent: 80 });
  // The previous assignment, interned once per distinct `previous` object (what-if passes the same one).
  const noPrevious: PreviousRanks = { ids: [], rankOf: new Int32Array(0) };
  if (options.previous !== undefined && (prepared.memo.previousSource !== options.previous || prepared.memo.previous === undefined)) {
    const byTier: Record<Tier, Map<string, string>> = { same: new Map(), family: new Map(), related: new Map() };
    for (const p of options.previous ?? []) {
      byTier.same.set(p.id, p.groups.same);
      byTier.family.set(p.id, p.groups.family);
      byTier.related.set(p.id, p.groups.related);
    }
    prepared.memo.previousSource = options.previous;
    prepared.memo.previous = {
      same: previousRanks(ids, byTier.same),
      family: previousRanks(ids, byTier.family),
      related: previousRanks(ids, byTier.related),
    };
  }
  const previousOf: Record<Tier, PreviousRanks> =
    options.previous === undefined || prepared.memo.previous === undefined ? { same: noPrevious, family: noPrevious, related: noPrevious } : prepared.memo.previous;
  const baseIds = (prepared.memo.baseIds ??= { same: [], family: [], related: [] });
  const changes: GroupChanges = { created: [], merged: [], split: [], retired: [] };
  const groupIdOf: Record<Tier, string[]> = { same: [], family: [], related: [] };
  const labelsByTier: Record<Tier, Int32Array> = { same: sameLabel, family: familyLabel, related: relatedLabel };
  const groupSizes: Record<Tier, number[]> = { same: [], family: [], related: [] };
  for (const tier of ['same', 'family', 'related'] as const) {
    const labels = labelsByTier[tier];
    // Labels are account indices (the smallest in each group); number the groups in label order.
    const groupOfLabel = new Int32Array(n).fill(-1);
    const sizes: number[] = [];
    const firstOf: number[] = [];
    for (let i = 0; i < n; i++) {
      const label = labels[i];
      if (groupOfLabel[label] < 0) {
        groupOfLabel[label] = sizes.length;
        sizes.push(0);
        firstOf.push(label);
      }
      sizes[groupOfLabel[label]]++;
    }
    const bases = baseIds[tier];
    const groupOf = new Int32Array(n);
    for (let i = 0; i < n; i++) groupOf[i] = groupOfLabel[labels[i]];
    const stable = stabilizeGroups(
      firstOf.map((label) => (bases[label] ??= baseGroupId(TIER_INITIALS[tier], ids[label]))),
      groupOf,
      previousOf[tier],
      options.reservedGroupIds,
    );
    const out = new Array<string>(n);
    for (let i = 0; i < n; i++) out[i] = stable.ids[groupOfLabel[labels[i]]];
    groupIdOf[tier] = out;
    groupSizes[tier] = sizes;
    // Appended one by one: a spread of a million ids would overflow the call stack.
    for (const id of stable.changes.created) changes.created.push(id);
    for (const m of stable.changes.merged) changes.merged.push(m);
    for (const s of stable.changes.split) changes.split.push(s);
    for (const id of stable.changes.retired) changes.retired.push(id);
  }
  lap('groups');

  // Related lists.
  // Filled only for accounts that have related accounts; the others get an empty list below.
  const related = new Array<RelatedAccount[] | undefined>(n);
  if (options.related !== false) {
    progress({ stage: 'explain', percent: 85 });
    buildRelatedLists(kernel, prepared, config, scores, mustLink, relatedLabel, sameLabel, familyLabel, related);
    lap('explain');
  }

  const accounts: AccountResult[] = new Array(n);
  const components = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    components[i] = ids[component[i]];
    accounts[i] = {
      id: ids[i],
      groups: { same: groupIdOf.same[i], family: groupIdOf.family[i], related: groupIdOf.related[i] },
      related: related[i] ?? [],
    };
  }
  const metrics = runMetrics(n, groupSizes, features.count, prepared.cappedBlocks.length, stageMs);
  progress({ stage: 'done', percent: 100 });
  return { accounts, components, metrics, warnings: warnings.list(), changes, config };
}


/** Connected components of n items under the edges (el[x], er[x]), by union-find: each item's
 * label is the smallest item of its component. */
function componentLabels(n: number, el: Int32Array, er: Int32Array): Int32Array {
  const sets = new UnionFind(n);
  for (let x = 0; x < el.length; x++) sets.union(el[x], er[x]);
  const label = new Int32Array(n);
  for (let i = 0; i < n; i++) label[i] = sets.find(i);
  return label;
}

/**
 * The edges that can take part in a linkage cut at `maxDistance` (below 1): those inside the
 * connected components of the edges within `maxDistance`. Two clusters merge only at a
 * distance within `maxDistance`, which for single, average and complete linkage needs an edge
 * within it between them; so clusters of different components never merge, and an edge
 * between components changes no merge. Leaving those edges out gives the same merges from a
 * much smaller graph: most candidate pairs relate families, not duplicates.
 */
export function linkableEdges(n: number, el: Int32Array, er: Int32Array, ed: Float64Array, maxDistance: number): { left: Int32Array; right: Int32Array; distance: Float64Array } {
  if (!(maxDistance < 1)) return { left: el, right: er, distance: ed };
  const sets = new UnionFind(n);
  const find = (i: number): number => sets.find(i);
  for (let e = 0; e < el.length; e++) if (ed[e] <= maxDistance) sets.union(el[e], er[e]);
  let count = 0;
  for (let e = 0; e < el.length; e++) if (find(el[e]) === find(er[e])) count++;
  if (count === el.length) return { left: el, right: er, distance: ed };
  const left = new Int32Array(count);
  const right = new Int32Array(count);
  const distance = new Float64Array(count);
  for (let e = 0, x = 0; e < el.length; e++) {
    if (find(el[e]) !== find(er[e])) continue;
    left[x] = el[e];
    right[x] = er[e];
    distance[x] = ed[e];
    x++;
  }
  return { left, right, distance };
}

/** Edges between groups (`groupOf` maps items to groups 0..m-1): for each pair of groups that
 * share an edge, the smallest distance, sorted by (left, right). Typed arrays and a bucket pass,
 * no map and no growing arrays, so a million edges cost milliseconds. */
function groupEdges(m: number, groupOf: Int32Array, el: Int32Array, er: Int32Array, ed: Float64Array): { left: Int32Array; right: Int32Array; distance: Float64Array } {
  const start = new Int32Array(m + 1);
  let cross = 0;
  for (let x = 0; x < el.length; x++) {
    const a = groupOf[el[x]];
    const b = groupOf[er[x]];
    if (a === b) continue;
    start[(a < b ? a : b) + 1]++;
    cross++;
  }
  for (let g = 0; g < m; g++) start[g + 1] += start[g];
  const fill = start.slice(0, m);
  const other = new Int32Array(cross);
  const dist = new Float64Array(cross);
  for (let x = 0; x < el.length; x++) {
    const a = groupOf[el[x]];
    const b = groupOf[er[x]];
    if (a === b) continue;
    const lo = a < b ? a : b;
    const at = fill[lo]++;
    other[at] = a < b ? b : a;
    dist[at] = ed[x];
  }
  const seenAt = new Int32Array(m).fill(-1);
  // At most one edge per cross edge: sized once, trimmed at the end.
  const left = new Int32Array(cross);
  const right = new Int32Array(cross);
  const distance = new Float64Array(cross);
  let count = 0;
  for (let g = 0; g < m; g++) {
    const from = count;
    for (let x = start[g]; x < start[g + 1]; x++) {
      const b = other[x];
      const at = seenAt[b];
      if (at >= from && right[at] === b) {
        if (dist[x] < distance[at]) distance[at] = dist[x];
        continue;
      }
      seenAt[b] = count;
      left[count] = g;
      right[count] = b;
      distance[count] = dist[x];
      count++;
    }
    // Sort this group's neighbours by id, so the edge list does not depend on edge order. Most
    // lists are short: an insertion sort in place; a long one is sorted through an index.
    if (count - from > 32) {
      const order = new Int32Array(count - from);
      for (let k = 0; k < order.length; k++) order[k] = from + k;
      order.sort((p, q) => right[p] - right[q]);
      const r = Int32Array.from(order, (k) => right[k]);
      const d = Float64Array.from(order, (k) => distance[k]);
      right.set(r, from);
      distance.set(d, from);
      continue;
    }
    for (let k = from + 1; k < count; k++) {
      const r = right[k];
      const d = distance[k];
      let p = k - 1;
      while (p >= from && right[p] > r) {
        right[p + 1] = right[p];
        distance[p + 1] = distance[p];
        p--;
      }
      right[p + 1] = r;
      distance[p + 1] = d;
    }
  }
  return { left: left.slice(0, count), right: right.slice(0, count), distance: distance.slice(0, count) };
}

function buildRelatedLists(
  kernel: Kernel,
  prepared: PreparedAccounts,
  config: ClusterConfig,
  scores: Float64Array,
  mustLink: Set<string>,
  relatedLabel: Int32Array,
  sameLabel: Int32Array,
  familyLabel: Int32Array,
  out: (RelatedAccount[] | undefined)[],
): void {
  const { table, features } = prepared;
  const n = table.n;
  // Members of each related group, by a counting sort of account indices on the group label:
  // group `label` holds members[memberStart[label] .. memberStart[label + 1]), in index order.
  const memberStart = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) memberStart[relatedLabel[i] + 1]++;
  for (let g = 0; g < n; g++) memberStart[g + 1] += memberStart[g];
  const members = new Int32Array(n);
  const fill = memberStart.slice(0, n);
  for (let i = 0; i < n; i++) members[fill[relatedLabel[i]]++] = i;
  // Groups of at least two accounts, in the order their first member appears.
  const groups: number[] = [];
  const seen = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const label = relatedLabel[i];
    if (seen[label]) continue;
    seen[label] = 1;
    if (memberStart[label + 1] - memberStart[label] >= 2) groups.push(label);
  }
  // The pairs to list, in (left, right) order: the candidate pairs within one related group,
  // and the pairs never compared that are one business (same group) or linked by hand; the
  // other members of a family or related group are reached through the group.
  const hasMustLink = mustLink.size > 0;
  // Pairs never compared, packed as left · n + right: member pairs of each same group (small
  // groups) that are not candidates, and must-link pairs within one related group.
  const sameStart = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) sameStart[sameLabel[i] + 1]++;
  for (let g = 0; g < n; g++) sameStart[g + 1] += sameStart[g];
  const sameMembers = new Int32Array(n);
  const sameFill = sameStart.slice(0, n);
  for (let i = 0; i < n; i++) sameMembers[sameFill[sameLabel[i]]++] = i;
  const missingPacked: number[] = [];
  for (let g = 0; g < n; g++) {
    const end = sameStart[g + 1];
    for (let x = sameStart[g]; x < end; x++) {
      for (let y = x + 1; y < end; y++) if (findPair(prepared, sameMembers[x], sameMembers[y]) < 0) missingPacked.push(sameMembers[x] * n + sameMembers[y]);
    }
  }
  if (hasMustLink) {
    for (const key of mustLink) {
      const [i, j] = key.split(',').map(Number);
      if (relatedLabel[i] === relatedLabel[j] && sameLabel[i] !== sameLabel[j] && findPair(prepared, i, j) < 0) missingPacked.push(i * n + j);
    }
  }
  const missing = Float64Array.from(missingPacked).sort();
  const missingCount = missing.length;
  const missingL = new Int32Array(missingCount);
  const missingR = new Int32Array(missingCount);
  for (let q = 0; q < missingCount; q++) {
    missingL[q] = Math.floor(missing[q] / n);
    missingR[q] = missing[q] - missingL[q] * n;
  }
  let pairCount = missingCount;
  for (let k = 0; k < features.count; k++) if (relatedLabel[features.left[k]] === relatedLabel[features.right[k]]) pairCount++;
  const pairsL = new Int32Array(pairCount);
  const pairsR = new Int32Array(pairCount);
  /** Index of the pair in `features`, or -1 for a pair never compared. */
  const known = new Int32Array(pairCount);
  // Candidate pairs (sorted by left, then right) merged with the sorted pairs never compared.
  for (let k = 0, q = 0, p = 0; p < pairCount; ) {
    while (k < features.count && relatedLabel[features.left[k]] !== relatedLabel[features.right[k]]) k++;
    const takeCandidate =
      q === missingCount || (k < features.count && (features.left[k] < missingL[q] || (features.left[k] === missingL[q] && features.right[k] < missingR[q])));
    if (takeCandidate) {
      pairsL[p] = features.left[k];
      pairsR[p] = features.right[k];
      known[p++] = k++;
    } else {
      pairsL[p] = missingL[q];
      pairsR[p] = missingR[q];
      known[p++] = -1;
      q++;
    }
  }
  // Duplicates in one group only through others: compared now, in one batch.
  const extra = comparePairs(kernel, table, prepared.pools, missingL, missingR);
  const extraScores = scoreAll(extra, config.weights);
  // Which pairs are listed, with their rounded score (in thousandths) and tier; and how many
  // related accounts each account gets, so that every list is made at its final length.
  const featureAt = new Int32Array(pairCount);
  const score1000 = new Int32Array(pairCount).fill(-1);
  const tierOf = new Uint8Array(pairCount);
  const listLength = new Int32Array(n + 1);
  for (let x = 0, m = 0; x < pairCount; x++) {
    const i = pairsL[x];
    const j = pairsR[x];
    const k = known[x];
    featureAt[x] = k >= 0 ? k : m++;
    let score = k >= 0 ? scores[k] : extraScores[featureAt[x]];
    const linkedByHand = hasMustLink && mustLink.has(pairKey(i, j));
    // Accounts in one group only through others, with no evidence of their own, are not listed.
    if (score <= 0 && !linkedByHand) continue;
    if (linkedByHand) score = 1;
    score1000[x] = Math.round(score * 1000);
    tierOf[x] = sameLabel[i] === sameLabel[j] ? 0 : familyLabel[i] === familyLabel[j] ? 1 : 2;
    listLength[i + 1]++;
    listLength[j + 1]++;
  }
  // Each account's entries as sort keys: tier, then score descending, then the other account's
  // id. Ids are in index order, and an account's pairs come in the order of the other account's
  // index, so the pair's position stands for the other account in the key.
  const entryStart = listLength;
  for (let i = 0; i < n; i++) entryStart[i + 1] += entryStart[i];
  const entryKey = new Float64Array(entryStart[n]);
  const entryFill = entryStart.slice(0, n);
  for (let x = 0; x < pairCount; x++) {
    if (score1000[x] < 0) continue;
    const key = (tierOf[x] * 1001 + (1000 - score1000[x])) * pairCount + x;
    entryKey[entryFill[pairsL[x]]++] = key;
    entryKey[entryFill[pairsR[x]]++] = key;
  }
  // Lists made group by group, so that the explainer shares what repeats within a group; a
  // pair's reasons are made once, for whichever of its accounts comes first.
  const explainer = new PairExplainer(table, config.weights);
  const reasonsOf = new Array<Reason[] | undefined>(pairCount);
  for (const label of groups) {
    explainer.startGroup();
    for (let y = memberStart[label], end = memberStart[label + 1]; y < end; y++) {
      const i = members[y];
      const from = entryStart[i];
      const to = entryStart[i + 1];
      if (from === to) continue;
      const keys = entryKey.subarray(from, to);
      keys.sort();
      const list = new Array<RelatedAccount>(to - from);
      for (let e = 0; e < keys.length; e++) {
        const x = (keys[e] % pairCount) | 0;
        const flipped = pairsR[x] === i;
        const k = known[x];
        const f = k >= 0 ? features : extra;
        const fk = featureAt[x];
        let reasons = reasonsOf[x];
        if (reasons === undefined) {
          reasons = explainer.explain(f, fk);
          if (hasMustLink && mustLink.has(pairKey(pairsL[x], pairsR[x]))) reasons = [MUST_LINK_REASON, ...reasons];
          reasonsOf[x] = reasons;
        } else reasonsOf[x] = undefined;
        const tier = TIERS[tierOf[x]];
        list[e] = { id: table.ids[flipped ? pairsL[x] : pairsR[x]], tier, score: score1000[x] / 1000, relation: relationOf(f, fk, tier, flipped), reasons };
      }
      out[i] = list;
    }
  }
}

const TIERS: readonly Tier[] = ['same', 'family', 'related'];
const MUST_LINK_REASON: Reason = { factor: 'override', detail: 'linked by hand (must-link)', contribution: 1 };

/** How the other account of pair k stands to this one (`flipped`: this one is the pair's right side). */
function relationOf(f: PairFeatures, k: number, tier: Tier, flipped: boolean): Relation {
  const p = f.parent[k];
  // Features say how the right account stands to the left one.
  if (p === PARENT_IS_ANCESTOR) return flipped ? 'child' : 'parent';
  if (p === PARENT_IS_DESCENDANT) return flipped ? 'parent' : 'child';
  if (tier === 'same') return 'duplicate';
  if (p === PARENT_SIBLING) return 'sibling';
  if (f.domain[k] === DOMAIN_SAME || f.domain[k] === DOMAIN_SAME_LABEL) return 'shared-domain';
  return 'similar-name';
}

export function runMetrics(n: number, sizes: Record<Tier, number[]>, candidatePairs: number, cappedBlocks: number, stageMs: Record<string, number>): RunMetrics {
  const same = sizes.same.slice().sort((a, b) => a - b);
  const median = same.length === 0 ? 0 : same.length % 2 ? same[(same.length - 1) / 2] : (same[same.length / 2 - 1] + same[same.length / 2]) / 2;
  const buckets: [string, (s: number) => boolean][] = [
    ['1', (s) => s === 1],
    ['2', (s) => s === 2],
    ['3-5', (s) => s >= 3 && s <= 5],
    ['6-10', (s) => s >= 6 && s <= 10],
    ['11-30', (s) => s >= 11 && s <= 30],
    ['>30', (s) => s > 30],
  ];
  let largest = 0;
  for (const tier of ['same', 'family', 'related'] as const) for (const s of sizes[tier]) largest = Math.max(largest, s);
  return {
    totalAccounts: n,
    groups: same.length,
    singleAccountGroups: same.filter((s) => s === 1).length,
    largestGroupSize: largest,
    medianGroupSize: median,
    groupsPerTier: { same: sizes.same.length, family: sizes.family.length, related: sizes.related.length },
    groupSizeHistogram: buckets.map(([size, test]) => ({ size, groups: same.filter(test).length })),
    candidatePairs,
    cappedBlocks,
    stageMs,
  };
}

/** Clusters accounts in one go: `prepareAccounts` then `clusterPrepared`. */
export function clusterAccounts(kernel: Kernel, accounts: Account[], options: ClusterOptions = {}): ClusterResult {
  return clusterPrepared(kernel, prepareAccounts(kernel, accounts, options), options);
}
