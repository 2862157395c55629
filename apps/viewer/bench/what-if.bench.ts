/**
 * What-if reclustering of 100k accounts, measured in the browser: from slider release to the
 * updated view, in headless Chromium against the built viewer and the real API (the accounts are
 * a generated sample ingested through the API). Printed beside a reference measured in the same
 * run: `clusterPrepared` on the same accounts in Node, outside any browser.
 *
 *   npx tsx bench/what-if.bench.ts [accounts=100000] [moves=7]
 */
import { loadKernel } from '@kindred/kernel';
import { clusterPrepared, prepareAccounts } from '@kindred/core';
import { ClusterConfigSchema, type Account } from '@kindred/contract';
import { generateAccounts } from '@kindred/datagen';
import { launchBrowser, screenshot, startApi } from '../e2e/harness.js';

const ACCOUNTS = Number(process.argv[2] ?? 100_000);
const MOVES = Number(process.argv[3] ?? 7);
const CHUNK = 20_000;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const fmt = (n: number) => n.toFixed(0).padStart(8);

/** The slider moves, as a person makes them with the keyboard: [slider label, key]. */
const MOVES_PLAN: [string, string][] = [
  ['Web domain', 'ArrowLeft'],
  ['Family: distance up to', 'ArrowRight'],
  ['Account name', 'ArrowLeft'],
  ['Related: distance up to', 'ArrowLeft'],
  ['Phone', 'ArrowRight'],
  ['Same business: distance up to', 'ArrowRight'],
  ['Largest group allowed', 'ArrowLeft'],
  ['Web domain', 'ArrowRight'],
  ['Family: distance up to', 'ArrowLeft'],
];

/** The configuration each move leads to, for the Node reference (same steps as the sliders). */
function configsOf(moves: number) {
  const c = ClusterConfigSchema.parse({});
  const out = [];
  for (let i = 0; i < moves; i++) {
    const [label, key] = MOVES_PLAN[i % MOVES_PLAN.length]!;
    const sign = key === 'ArrowRight' ? 1 : -1;
    if (label === 'Web domain') c.weights.domain = Math.max(0, Math.min(1, c.weights.domain + 0.05 * sign));
    if (label === 'Account name') c.weights.name = Math.max(0, Math.min(1, c.weights.name + 0.05 * sign));
    if (label === 'Phone') c.weights.phone = Math.max(0, Math.min(1, c.weights.phone + 0.05 * sign));
    if (label === 'Largest group allowed') c.maxGroupSize = Math.max(2, c.maxGroupSize + sign);
    if (label.startsWith('Family')) c.thresholds.familyDistance += 0.01 * sign;
    if (label.startsWith('Related')) c.thresholds.relatedDistance += 0.01 * sign;
    if (label.startsWith('Same')) c.thresholds.sameDistance += 0.01 * sign;
    out.push(structuredClone(c));
  }
  return out;
}

const accounts = generateAccounts({ accounts: ACCOUNTS, seed: 7 }).map(
  ({ true_entity: _e, true_family: _f, ...a }) => a,
) as Account[];

// Reference: the same reclustering in Node.
const kernel = await loadKernel();
let t = performance.now();
const prepared = prepareAccounts(kernel, accounts, {});
const nodePrepareMs = performance.now() - t;
clusterPrepared(kernel, prepared, {});
const nodeMs: number[] = [];
for (const config of configsOf(MOVES)) {
  // As the worker reclusters: no stable ids, no related lists (no segment compared).
  t = performance.now();
  clusterPrepared(kernel, prepared, { config, related: false });
  nodeMs.push(performance.now() - t);
}

// The browser: the built viewer served by the real API.
const api = await startApi({ env: { KINDRED_INGEST_LIMIT: '200mb' } });
const browser = await launchBrowser();
try {
  for (let i = 0; i < accounts.length; i += CHUNK) {
    const res = await fetch(`${api.url}/v1/accounts`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${api.key}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(accounts.slice(i, i + CHUNK).map((a) => ({ ...a, id: `bench-${a.id}` }))),
    });
    if (!res.ok) throw new Error(`ingest failed: ${res.status} ${await res.text()}`);
  }
  const page = await (await browser.newContext({ viewport: { width: 1366, height: 900 } })).newPage();
  await page.goto(`${api.url}/sign-in`);
  await page.getByLabel('API key').fill(api.key);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/accounts/);
  t = performance.now();
  await page.goto(`${api.url}/what-if?scope=sample&size=${ACCOUNTS}&tier=family`);
  const elapsed = page.getByTestId('what-if-elapsed');
  await elapsed.waitFor({ timeout: 900_000 });
  const loadMs = performance.now() - t;
  const loadedText = await page.getByTestId('what-if-loaded').textContent();

  const browserMs: number[] = [];
  const workerMs: number[] = [];
  const stageMs: Record<string, number[]> = {};
  for (let i = 0; i < MOVES; i++) {
    const [label, key] = MOVES_PLAN[i % MOVES_PLAN.length]!;
    const revision = await elapsed.getAttribute('data-revision');
    await page.getByRole('slider', { name: label }).focus();
    await page.keyboard.press(key);
    await page.waitForFunction(
      (prev) => document.querySelector('[data-testid=what-if-elapsed]')?.getAttribute('data-revision') !== prev,
      revision,
      { timeout: 120_000 },
    );
    browserMs.push(Number(await elapsed.getAttribute('data-elapsed-ms')));
    workerMs.push(Number(await elapsed.getAttribute('data-compute-ms')));
    const stages = JSON.parse((await page.locator('.stage-times').getAttribute('data-stage-ms')) ?? '{}') as Record<string, number>;
    for (const [stage, ms] of Object.entries(stages)) (stageMs[stage] ??= []).push(ms);
  }
  await screenshot(page, 'what-if-100k');

  console.log(`What-if reclustering, ${ACCOUNTS.toLocaleString('en')} generated accounts, ${MOVES} slider moves (medians):`);
  console.log(`  ${loadedText}`);
  console.log(`  scope load + prepare + baseline in the browser: ${(loadMs / 1000).toFixed(1)} s (Node prepare alone: ${(nodePrepareMs / 1000).toFixed(1)} s)`);
  console.log(`                                        median ms   runs`);
  console.log(`  browser: slider release → updated view ${fmt(median(browserMs))}   ${browserMs.map((x) => x.toFixed(0)).join(' ')}`);
  console.log(`  browser: worker compute               ${fmt(median(workerMs))}   ${workerMs.map((x) => x.toFixed(0)).join(' ')}`);
  for (const [stage, ms] of Object.entries(stageMs)) {
    console.log(`    worker stage ${stage.padEnd(24)} ${fmt(median(ms))}   ${ms.map((x) => x.toFixed(0)).join(' ')}`);
  }
  console.log(`  reference: clusterPrepared in Node     ${fmt(median(nodeMs))}   ${nodeMs.map((x) => x.toFixed(0)).join(' ')}`);
  console.log(`  ratio browser view / Node reference: ${(median(browserMs) / median(nodeMs)).toFixed(2)}; target < 300 ms: ${median(browserMs) < 300 ? 'met' : 'not met'}`);
} finally {
  await browser.close();
  await api.stop();
}
