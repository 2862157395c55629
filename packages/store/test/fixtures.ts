/** Test data: accounts and clustering results shaped like the engine's, generated deterministically. */
import type { AccountResult, GroupChanges, RelatedAccount, RunMetrics } from '@kindred/contract';
import type { AccountRecord } from '../src/index.js';

export const INDUSTRIES = ['Software', 'Retail', 'Banking', 'Technology Consulting'] as const;
export const STATES = ['CA', 'NY', 'TX'] as const;

/** Account `p-000123`: name, website, industry/state/country cycling, one extra attribute. */
export function makeAccounts(count: number, prefix = 'p', start = 0): AccountRecord[] {
  return Array.from({ length: count }, (_, k) => {
    const i = start + k;
    return {
      id: `${prefix}-${String(i).padStart(6, '0')}`,
      name: `Company ${i} ${i % 7 === 0 ? 'Holdings' : 'Inc'}`,
      website: `https://www.company${i}.example.com/about`,
      industry: INDUSTRIES[i % INDUSTRIES.length],
      state: STATES[i % STATES.length],
      country: i % 2 === 0 ? 'US' : 'DE',
      open_opportunity_over_1m: i % 5 === 0 ? 'true' : 'false',
    };
  });
}

/**
 * Results for the ids: `same` groups of 2 consecutive ids, `family` groups of 4, `related` of 8,
 * group ids carrying `label` (so two versions are told apart); each account relates to the rest of
 * its related group with tier and score by distance.
 */
export function makeResults(ids: readonly string[], label: string): AccountResult[] {
  return ids.map((id, i) => {
    const related: RelatedAccount[] = [];
    const base = i - (i % 8);
    for (let j = base; j < Math.min(base + 8, ids.length); j++) {
      if (j === i) continue;
      const tier: RelatedAccount['tier'] = Math.floor(j / 2) === Math.floor(i / 2) ? 'same' : Math.floor(j / 4) === Math.floor(i / 4) ? 'family' : 'related';
      related.push({
        id: ids[j],
        tier,
        relation: tier === 'same' ? 'duplicate' : tier === 'family' ? 'sibling' : 'similar-name',
        score: Math.round((1 - Math.abs(j - i) / 10) * 1000) / 1000,
        reasons: [{ factor: 'name', detail: `shares a name token with ${ids[j]}`, contribution: 0.5 }],
      });
    }
    return {
      id,
      groups: {
        same: `${label}-s${Math.floor(i / 2)}`,
        family: `${label}-f${Math.floor(i / 4)}`,
        related: `${label}-r${Math.floor(i / 8)}`,
      },
      related,
    };
  });
}

export const NO_CHANGES: GroupChanges = { created: [], merged: [], split: [], retired: [] };

export function metricsFor(results: readonly AccountResult[]): RunMetrics {
  return {
    totalAccounts: results.length,
    groups: new Set(results.map((r) => r.groups.related)).size,
    singleAccountGroups: 0,
    largestGroupSize: 8,
    medianGroupSize: 8,
    groupsPerTier: {
      same: new Set(results.map((r) => r.groups.same)).size,
      family: new Set(results.map((r) => r.groups.family)).size,
      related: new Set(results.map((r) => r.groups.related)).size,
    },
    groupSizeHistogram: [{ size: '8', groups: Math.ceil(results.length / 8) }],
    candidatePairs: results.length * 7,
    cappedBlocks: 0,
    stageMs: { write: 1 },
  };
}
