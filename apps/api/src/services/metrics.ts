import type { GroupIds, RunMetrics, Tier } from '@kindred/contract';

type GroupMetrics = Pick<
  RunMetrics,
  'totalAccounts' | 'groups' | 'singleAccountGroups' | 'largestGroupSize' | 'medianGroupSize' | 'groupsPerTier' | 'groupSizeHistogram'
>;

const TIERS: readonly Tier[] = ['same', 'family', 'related'];

/** A histogram bucket label of the engine's metrics (`1`, `3-5`, `>30`) as a test on a size. */
function bucketTest(label: string): (size: number) => boolean {
  const exact = /^(\d+)$/.exec(label);
  if (exact) return (s) => s === Number(exact[1]);
  const range = /^(\d+)-(\d+)$/.exec(label);
  if (range) return (s) => s >= Number(range[1]) && s <= Number(range[2]);
  const above = /^>(\d+)$/.exec(label);
  if (above) return (s) => s > Number(above[1]);
  throw new Error(`unknown group-size bucket "${label}"`);
}

/**
 * The group metrics of a whole assignment, computed as the engine computes them for the accounts
 * it clustered (headline figures on the `same` tier, the largest group over every tier, the
 * engine's histogram buckets): an incremental run reports on all accounts, not only the ones it
 * reclustered.
 */
export function groupMetrics(assignment: Iterable<{ id: string; groups: GroupIds }>, engineMetrics: RunMetrics): GroupMetrics {
  const counts: Record<Tier, Map<string, number>> = { same: new Map(), family: new Map(), related: new Map() };
  let total = 0;
  for (const { groups } of assignment) {
    total += 1;
    for (const tier of TIERS) counts[tier].set(groups[tier], (counts[tier].get(groups[tier]) ?? 0) + 1);
  }
  const same = [...counts.same.values()].sort((a, b) => a - b);
  const half = same.length / 2;
  const median = same.length === 0 ? 0 : same.length % 2 ? same[(same.length - 1) / 2] : (same[half - 1] + same[half]) / 2;
  let largest = 0;
  for (const tier of TIERS) for (const size of counts[tier].values()) largest = Math.max(largest, size);
  return {
    totalAccounts: total,
    groups: same.length,
    singleAccountGroups: same.filter((s) => s === 1).length,
    largestGroupSize: largest,
    medianGroupSize: median,
    groupsPerTier: { same: counts.same.size, family: counts.family.size, related: counts.related.size },
    groupSizeHistogram: engineMetrics.groupSizeHistogram.map(({ size }) => {
      const test = bucketTest(size);
      return { size, groups: same.filter(test).length };
    }),
  };
}
