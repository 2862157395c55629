/**
 * Child process of the kill test: claims a run and writes a large result version in chunks,
 * reporting each chunk on stdout, until the parent kills it (SIGKILL) mid-way. Never commits
 * unless it is left alone to the end, which the parent treats as a failure.
 *
 * argv: <store url> <pg schema or "-"> <organisation id> <accounts to write> <chunk size>
 */
import { openStore } from '../../src/index.js';
import { makeResults, metricsFor, NO_CHANGES } from '../fixtures.js';

const [url, schema, orgId, total, chunk] = process.argv.slice(2);
const store = await openStore(url, schema === '-' ? {} : { pgSchema: schema });
const run = await store.createRun(orgId, { mode: 'full' });
await store.claimRun(orgId, run.id);
const writer = await store.beginResults(orgId, run.id);
process.stdout.write(`${JSON.stringify({ event: 'claimed', runId: run.id, version: writer.version })}\n`);
const ids = Array.from({ length: Number(total) }, (_, i) => `k-${String(i).padStart(7, '0')}`);
const results = makeResults(ids, 'killed');
for (let start = 0; start < results.length; start += Number(chunk)) {
  await writer.writeAccounts(results.slice(start, start + Number(chunk)));
  process.stdout.write(`${JSON.stringify({ event: 'written', accounts: start + Number(chunk) })}\n`);
}
await writer.commit({ metrics: metricsFor(results), changes: NO_CHANGES });
process.stdout.write(`${JSON.stringify({ event: 'committed' })}\n`);
await store.close();
