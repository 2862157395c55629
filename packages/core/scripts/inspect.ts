/** Shows missed and wrong pairs of one labelled data set, with their scores and reasons.
 * Run: npx tsx scripts/inspect.ts <file.csv> <truth column> <tier> [count] */
import { loadKernel } from '@kindred/kernel';
import { ClusterConfigSchema, type Tier } from '@kindred/contract';
import { clusterPrepared, prepareAccounts } from '../src/index.js';
import { scoreAll, explainPair } from '../src/score/score.js';
import { loadLabelled } from '../test/load-csv.js';

const [file, truthColumn, tierArg, countArg] = process.argv.slice(2);
const tier = tierArg as Tier;
const count = Number(countArg ?? 15);
const kernel = await loadKernel();
const rows = loadLabelled(file);
const config = process.env.CFG ? JSON.parse(process.env.CFG) : undefined;
const prepared = prepareAccounts(kernel, rows, { config });
const result = clusterPrepared(kernel, prepared, { related: false, config });
const w = ClusterConfigSchema.parse(config ?? {}).weights;
const { table, features } = prepared;
const scores = scoreAll(features, w);
const truth = new Map(rows.map((r) => [String(r.id), String(r[truthColumn])]));
const group = new Map(result.accounts.map((a) => [a.id, a.groups[tier]]));
const raw = new Map(rows.map((r) => [String(r.id), r]));
const show = (id: string) => {
  const r = raw.get(id)!;
  return `${id} "${r.name}" ${r.address ?? ''} ${r.phone ?? ''}`;
};
// Missed true pairs.
const byTruth = new Map<string, string[]>();
for (const [id, t] of truth) byTruth.set(t, [...(byTruth.get(t) ?? []), id]);
const pairIndex = new Map<string, number>();
for (let k = 0; k < features.count; k++) pairIndex.set(`${table.ids[features.left[k]]}|${table.ids[features.right[k]]}`, k);
const find = (a: string, b: string) => pairIndex.get(a < b ? `${a}|${b}` : `${b}|${a}`);
let missed = 0;
let notCandidate = 0;
let total = 0;
const examples: string[] = [];
for (const members of byTruth.values()) {
  for (let x = 0; x < members.length; x++)
    for (let y = x + 1; y < members.length; y++) {
      total++;
      const a = members[x];
      const b = members[y];
      if (group.get(a) === group.get(b)) continue;
      missed++;
      const k = find(a, b);
      if (k === undefined) notCandidate++;
      if (examples.length < count && Math.random() < 0.2)
        examples.push(`MISS ${k === undefined ? 'no-pair' : scores[k].toFixed(3)}\n   ${show(a)}\n   ${show(b)}\n   ${k === undefined ? '' : JSON.stringify(explainPair(features, k, w, table))}`);
    }
}
console.log(`true pairs ${total}, missed ${missed}, of which not candidates ${notCandidate}`);
console.log(examples.join('\n'));
// Wrong pairs.
const byGroup = new Map<string, string[]>();
for (const [id, g] of group) byGroup.set(g, [...(byGroup.get(g) ?? []), id]);
const wrong: string[] = [];
let wrongCount = 0;
for (const members of byGroup.values())
  for (let x = 0; x < members.length; x++)
    for (let y = x + 1; y < members.length; y++) {
      const a = members[x];
      const b = members[y];
      if (truth.get(a) === truth.get(b)) continue;
      wrongCount++;
      const k = find(a, b);
      if (wrong.length < count && Math.random() < 0.3)
        wrong.push(`WRONG ${k === undefined ? 'no-pair' : scores[k].toFixed(3)}\n   ${show(a)}\n   ${show(b)}\n   ${k === undefined ? '' : JSON.stringify(explainPair(features, k, w, table))}`);
    }
console.log(`wrong pairs ${wrongCount}`);
console.log(wrong.join('\n'));
// Histogram of the direct scores of missed true pairs.
const hist = new Map<string, number>();
for (const members of byTruth.values())
  for (let x = 0; x < members.length; x++)
    for (let y = x + 1; y < members.length; y++) {
      if (group.get(members[x]) === group.get(members[y])) continue;
      const k = find(members[x], members[y]);
      const b = k === undefined ? 'none' : (Math.floor(scores[k] * 10) / 10).toFixed(1);
      hist.set(b, (hist.get(b) ?? 0) + 1);
    }
console.log('missed by direct score', [...hist].sort());
