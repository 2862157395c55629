import type { GroupIds, Tier } from '@kindred/contract';
import type { TierFigures, WhatIfExample } from './types.js';

/** account id → its groups, as both clusterings give them. */
export type Assignment = ReadonlyMap<string, GroupIds>;

export function tierFigures(assignment: Assignment, tier: Tier): TierFigures {
  const sizes = new Map<string, number>();
  for (const groups of assignment.values()) sizes.set(groups[tier], (sizes.get(groups[tier]) ?? 0) + 1);
  let multi = 0;
  let largest = 0;
  for (const size of sizes.values()) {
    if (size > 1) multi++;
    if (size > largest) largest = size;
  }
  return { groups: sizes.size, multiAccountGroups: multi, largestGroupSize: largest };
}

export interface TierComparison {
  merged: number;
  split: number;
  accountsMoved: number;
  /** New group id → the baseline groups it draws from (only merges). */
  merges: { into: string; from: string[]; size: number }[];
  /** Baseline group id → the new groups its accounts went to (only splits). */
  splits: { from: string; into: string[]; size: number }[];
}

function increment(map: Map<string, Map<string, number>>, key: string, sub: string): void {
  let inner = map.get(key);
  if (!inner) map.set(key, (inner = new Map()));
  inner.set(sub, (inner.get(sub) ?? 0) + 1);
}

/** Compares two clusterings of the same accounts in one tier, independently of group ids:
 * new and baseline groups are matched one-to-one, largest overlap first (ties by id); an
 * account moved when its new group does not continue its baseline group. */
export function compareTier(before: Assignment, after: Assignment, tier: Tier): TierComparison {
  const newToOld = new Map<string, Map<string, number>>();
  const oldToNew = new Map<string, Map<string, number>>();
  for (const [id, groups] of after) {
    const prev = before.get(id);
    if (!prev) continue;
    increment(newToOld, groups[tier], prev[tier]);
    increment(oldToNew, prev[tier], groups[tier]);
  }
  const merges: TierComparison['merges'] = [];
  const triples: { g: string; old: string; count: number }[] = [];
  for (const [g, olds] of newToOld) {
    let size = 0;
    for (const [old, count] of olds) {
      size += count;
      triples.push({ g, old, count });
    }
    if (olds.size > 1) merges.push({ into: g, from: [...olds.keys()].sort(), size });
  }
  // One-to-one: each baseline group is continued by the new group sharing most of its accounts.
  triples.sort((x, y) => y.count - x.count || (x.g < y.g ? -1 : x.g > y.g ? 1 : x.old < y.old ? -1 : 1));
  const matched = new Map<string, string>();
  const taken = new Set<string>();
  for (const t of triples) {
    if (matched.has(t.g) || taken.has(t.old)) continue;
    matched.set(t.g, t.old);
    taken.add(t.old);
  }
  const splits: TierComparison['splits'] = [];
  for (const [old, news] of oldToNew) {
    if (news.size > 1) {
      let size = 0;
      for (const c of news.values()) size += c;
      splits.push({ from: old, into: [...news.keys()].sort(), size });
    }
  }
  let moved = 0;
  for (const [id, groups] of after) {
    const prev = before.get(id);
    if (prev && matched.get(groups[tier]) !== prev[tier]) moved++;
  }
  merges.sort((a, b) => b.size - a.size || (a.into < b.into ? -1 : 1));
  splits.sort((a, b) => b.size - a.size || (a.from < b.from ? -1 : 1));
  return { merged: merges.length, split: splits.length, accountsMoved: moved, merges, splits };
}

/** Names a few of the largest merges and splits, for people to check. */
export function describeExamples(
  comparison: TierComparison,
  before: Assignment,
  after: Assignment,
  tier: Tier,
  nameOf: (id: string) => string,
  limit = 5,
  membersShown = 4,
): WhatIfExample[] {
  const members = (assignment: Assignment, groupId: string) => {
    const out: string[] = [];
    for (const [id, groups] of assignment) {
      if (groups[tier] === groupId) out.push(nameOf(id));
      if (out.length >= membersShown) break;
    }
    return out;
  };
  const examples: WhatIfExample[] = [];
  for (const m of comparison.merges.slice(0, limit)) {
    examples.push({ kind: 'merged', groupIds: m.from, members: m.from.map((g) => members(before, g)) });
  }
  for (const s of comparison.splits.slice(0, limit)) {
    examples.push({ kind: 'split', groupIds: s.into, members: s.into.map((g) => members(after, g)) });
  }
  return examples;
}
