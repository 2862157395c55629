import type { GroupIds, Tier } from '@kindred/contract';
import type { TierFigures, WhatIfExample } from './types.js';

const TIERS: readonly Tier[] = ['same', 'family', 'related'];

/** A clustering of accounts with group ids turned into small integers per tier, so that two
 * clusterings of 100k accounts compare in a few passes over typed arrays. */
export interface Assignment {
  ids: string[];
  codes: Record<Tier, Int32Array>;
  groupCount: Record<Tier, number>;
}

/** Encodes `{ id, groups }` rows (in any order; both sides of a comparison must list the same
 * accounts in the same order, as clustering results sorted by id do). */
export function encodeAssignment(rows: readonly { id: string; groups: GroupIds }[]): Assignment {
  const ids = rows.map((r) => r.id);
  const codes = {} as Record<Tier, Int32Array>;
  const groupCount = {} as Record<Tier, number>;
  for (const tier of TIERS) {
    const intern = new Map<string, number>();
    const out = new Int32Array(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const g = rows[i]!.groups[tier];
      let c = intern.get(g);
      if (c === undefined) intern.set(g, (c = intern.size));
      out[i] = c;
    }
    codes[tier] = out;
    groupCount[tier] = intern.size;
  }
  return { ids, codes, groupCount };
}

function sizesOf(a: Assignment, tier: Tier): Int32Array {
  const sizes = new Int32Array(a.groupCount[tier]);
  for (const c of a.codes[tier]) sizes[c]++;
  return sizes;
}

export function tierFigures(a: Assignment, tier: Tier): TierFigures {
  let multi = 0;
  let largest = 0;
  for (const size of sizesOf(a, tier)) {
    if (size > 1) multi++;
    if (size > largest) largest = size;
  }
  return { groups: a.groupCount[tier], multiAccountGroups: multi, largestGroupSize: largest };
}

export interface TierComparison {
  merged: number;
  split: number;
  accountsMoved: number;
  /** New groups holding accounts of several baseline groups (codes), largest first. */
  merges: { into: number; from: number[]; size: number }[];
  /** Baseline groups whose accounts went to several new groups (codes), largest first. */
  splits: { from: number; into: number[]; size: number }[];
}

/** Compares two clusterings of the same accounts in one tier, independently of group ids. Each
 * new group continues the baseline group it shares most accounts with; when several new groups
 * claim one baseline group, the one sharing most wins (ties: the first). An account moved when
 * its new group does not continue its baseline group. */
export function compareTier(before: Assignment, after: Assignment, tier: Tier): TierComparison {
  const n = before.ids.length;
  if (after.ids.length !== n || after.ids.some((id, i) => id !== before.ids[i])) {
    throw new Error('compareTier: both clusterings must list the same accounts in the same order');
  }
  const b = before.codes[tier];
  const a = after.codes[tier];
  const nb = before.groupCount[tier];
  const pairs = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const key = a[i]! * nb + b[i]!;
    pairs.set(key, (pairs.get(key) ?? 0) + 1);
  }
  const na = after.groupCount[tier];
  const bestOld = new Int32Array(na).fill(-1);
  const bestCount = new Int32Array(na);
  const sourcesOfNew = new Int32Array(na);
  const targetsOfOld = new Int32Array(nb);
  for (const [key, count] of pairs) {
    const g = Math.floor(key / nb);
    const o = key - g * nb;
    sourcesOfNew[g]++;
    targetsOfOld[o]++;
    if (count > bestCount[g]! || (count === bestCount[g] && o < bestOld[g]!)) {
      bestCount[g] = count;
      bestOld[g] = o;
    }
  }
  const winner = new Int32Array(nb).fill(-1);
  for (let g = 0; g < na; g++) {
    const o = bestOld[g]!;
    const w = winner[o]!;
    if (w < 0 || bestCount[g]! > bestCount[w]!) winner[o] = g;
  }
  let moved = 0;
  for (let i = 0; i < n; i++) if (winner[b[i]!] !== a[i]) moved++;

  const merges: TierComparison['merges'] = [];
  const splits: TierComparison['splits'] = [];
  const newSizes = sizesOf(after, tier);
  const oldSizes = sizesOf(before, tier);
  const fromOf = new Map<number, number[]>();
  const intoOf = new Map<number, number[]>();
  for (const key of pairs.keys()) {
    const g = Math.floor(key / nb);
    const o = key - g * nb;
    if (sourcesOfNew[g]! > 1) {
      let list = fromOf.get(g);
      if (!list) fromOf.set(g, (list = []));
      list.push(o);
    }
    if (targetsOfOld[o]! > 1) {
      let list = intoOf.get(o);
      if (!list) intoOf.set(o, (list = []));
      list.push(g);
    }
  }
  for (const [g, from] of fromOf) merges.push({ into: g, from: from.sort((x, y) => x - y), size: newSizes[g]! });
  for (const [o, into] of intoOf) splits.push({ from: o, into: into.sort((x, y) => x - y), size: oldSizes[o]! });
  merges.sort((x, y) => y.size - x.size || x.into - y.into);
  splits.sort((x, y) => y.size - x.size || x.from - y.from);
  return { merged: merges.length, split: splits.length, accountsMoved: moved, merges, splits };
}

/** Up to `perGroup` member names of each wanted group, in one pass over the assignment. */
function membersOf(a: Assignment, tier: Tier, wanted: ReadonlySet<number>, nameOf: (id: string) => string, perGroup: number) {
  const out = new Map<number, string[]>();
  for (const g of wanted) out.set(g, []);
  let open = wanted.size;
  const codes = a.codes[tier];
  for (let i = 0; i < codes.length && open > 0; i++) {
    const list = out.get(codes[i]!);
    if (!list || list.length >= perGroup) continue;
    list.push(nameOf(a.ids[i]!));
    if (list.length === perGroup) open--;
  }
  return out;
}

/** Names a few of the largest merges and splits (a few parts each), for people to check. */
export function describeExamples(
  comparison: TierComparison,
  before: Assignment,
  after: Assignment,
  tier: Tier,
  nameOf: (id: string) => string,
  limit = 5,
  partsShown = 4,
  membersShown = 4,
): WhatIfExample[] {
  const merges = comparison.merges.slice(0, limit);
  const splits = comparison.splits.slice(0, limit);
  const oldGroups = membersOf(before, tier, new Set(merges.flatMap((m) => m.from.slice(0, partsShown))), nameOf, membersShown);
  const newGroups = membersOf(after, tier, new Set(splits.flatMap((s) => s.into.slice(0, partsShown))), nameOf, membersShown);
  return [
    ...merges.map((m) => ({
      kind: 'merged' as const,
      parts: m.from.length,
      members: m.from.slice(0, partsShown).map((g) => oldGroups.get(g) ?? []),
    })),
    ...splits.map((s) => ({
      kind: 'split' as const,
      parts: s.into.length,
      members: s.into.slice(0, partsShown).map((g) => newGroups.get(g) ?? []),
    })),
  ];
}
