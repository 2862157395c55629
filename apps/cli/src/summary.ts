import { TIERS, type AccountResult, type RunWarning, type Tier } from '@kindred/contract';

export interface TierStats {
  groups: number;
  largestGroupSize: number;
  singleAccountGroups: number;
}

/** Groups, largest group and single-account groups per tier, counted from the results. */
export function tierStats(results: readonly AccountResult[]): Record<Tier, TierStats> {
  const out = {} as Record<Tier, TierStats>;
  for (const tier of TIERS) {
    const sizes = new Map<string, number>();
    for (const r of results) sizes.set(r.groups[tier], (sizes.get(r.groups[tier]) ?? 0) + 1);
    let largest = 0;
    let singles = 0;
    for (const size of sizes.values()) {
      if (size > largest) largest = size;
      if (size === 1) singles++;
    }
    out[tier] = { groups: sizes.size, largestGroupSize: largest, singleAccountGroups: singles };
  }
  return out;
}

const int = (n: number): string => n.toLocaleString('en-US');

export function formatWarning(w: RunWarning): string {
  // Engine messages often name the account already.
  const named = w.accountId !== undefined && !w.message.includes(w.accountId);
  const where = [named ? `account ${w.accountId}` : '', w.field !== undefined ? `field ${w.field}` : '']
    .filter(Boolean)
    .join(', ');
  return `warning (${w.kind})${where ? ` ${where}` : ''}: ${w.message}`;
}

export interface SummaryInput {
  input: string;
  out: string;
  accounts: number;
  rejected: number;
  stats: Record<Tier, TierStats>;
  warnings: number;
  elapsedMs: number;
}

/** The end-of-run summary: accounts, groups per tier, largest group, singletons, warnings, time. */
export function formatSummary(s: SummaryInput): string {
  const rows = TIERS.map((tier) => {
    const t = s.stats[tier];
    return `  ${tier.padEnd(8)} ${int(t.groups).padStart(10)} ${int(t.largestGroupSize).padStart(16)} ${int(t.singleAccountGroups).padStart(16)}`;
  });
  return [
    `${int(s.accounts)} accounts from ${s.input} → ${s.out === '-' ? 'standard output' : s.out} in ${(s.elapsedMs / 1000).toFixed(1)} s`,
    `  ${'tier'.padEnd(8)} ${'groups'.padStart(10)} ${'largest group'.padStart(16)} ${'single-account'.padStart(16)}`,
    ...rows,
    `  skipped records: ${int(s.rejected)}, warnings: ${int(s.warnings)}`,
  ].join('\n');
}
