import { beforeAll, describe, expect, it } from 'vitest';
import { loadKernel, type Kernel } from '@kindred/kernel';
import type { Tier } from '@kindred/contract';
import { clusterAccounts, evaluateClusters, type ClusterEvaluation } from '../../src/index.js';
import { loadLabelled } from '../load-csv.js';

let kernel: Kernel;
beforeAll(async () => {
  kernel = await loadKernel();
});

/** Clusters a labelled data set with the default configuration and scores one tier. */
function measure(file: string, truthColumn: string, tier: Tier): ClusterEvaluation {
  const rows = loadLabelled(file);
  const result = clusterAccounts(kernel, rows, { related: false });
  const predicted = new Map(result.accounts.map((a) => [a.id, a.groups[tier]]));
  const truth = new Map(rows.map((r) => [String(r.id), String(r[truthColumn])]));
  return evaluateClusters(predicted, truth);
}

// Floors sit slightly below what the engine reaches, so a regression fails the test.
describe('quality on real labelled data (default configuration)', () => {
  it('finds duplicate organisation records in chicago-ece (same tier)', () => {
    const e = measure('chicago-ece.csv', 'true_entity', 'same');
    expect(e.pairwise.f1).toBeGreaterThanOrEqual(0.92);
    expect(e.bcubed.f1).toBeGreaterThanOrEqual(0.95);
    expect(e.pairwise.precision).toBeGreaterThanOrEqual(0.95);
  });

  it('groups subsidiaries by brand in sec-ex21 (family tier)', () => {
    const e = measure('sec-ex21-subsidiaries.csv', 'true_family', 'family');
    expect(e.pairwise.precision).toBeGreaterThanOrEqual(0.93);
    expect(e.pairwise.f1).toBeGreaterThanOrEqual(0.13);
    expect(e.bcubed.f1).toBeGreaterThanOrEqual(0.23);
  });

  it('stays precise on free-text affiliations in leipzig (same tier)', () => {
    const e = measure('leipzig-affiliations.csv', 'true_entity', 'same');
    expect(e.pairwise.precision).toBeGreaterThanOrEqual(0.9);
    expect(e.bcubed.f1).toBeGreaterThanOrEqual(0.29);
  });
});
