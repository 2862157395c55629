/** Prints pairwise and B-cubed precision/recall/F1 of the engine on the labelled data sets.
 * Run: npx tsx scripts/quality.ts [config.json] */
import { readFileSync } from 'node:fs';
import { loadKernel } from '@kindred/kernel';
import type { Tier } from '@kindred/contract';
import { clusterAccounts, evaluateClusters } from '../src/index.js';
import { loadLabelled } from '../test/load-csv.js';

const config = process.argv[2] ? JSON.parse(readFileSync(process.argv[2], 'utf8')) : undefined;
const kernel = await loadKernel();
const sets: [string, string, Tier][] = [
  ['chicago-ece.csv', 'true_entity', 'same'],
  ['sec-ex21-subsidiaries.csv', 'true_family', 'family'],
  ['leipzig-affiliations.csv', 'true_entity', 'same'],
];
const f = (x: number): string => x.toFixed(3);
for (const [file, truthColumn, tier] of sets.filter(([file]) => !process.env.SET || file.startsWith(process.env.SET))) {
  const rows = loadLabelled(file);
  const started = performance.now();
  const result = clusterAccounts(kernel, rows, { config, related: false });
  const elapsedMs = performance.now() - started;
  const predicted = new Map(result.accounts.map((a) => [a.id, a.groups[tier]]));
  const truth = new Map(rows.map((r) => [String(r.id), String(r[truthColumn])]));
  const e = evaluateClusters(predicted, truth);
  console.log(
    `${file.padEnd(28)} ${truthColumn}/${tier.padEnd(7)} pairwise P ${f(e.pairwise.precision)} R ${f(e.pairwise.recall)} F1 ${f(e.pairwise.f1)} | ` +
      `B3 P ${f(e.bcubed.precision)} R ${f(e.bcubed.recall)} F1 ${f(e.bcubed.f1)} | pairs ${result.metrics.candidatePairs} ${elapsedMs.toFixed(0)} ms`,
  );
}
