/**
 * Engine benchmark: generated accounts (seeded, with ground truth), validated with the account
 * schema, then clustered end to end by clusterAccounts, at two sizes, each run in its own
 * child process so that peak RSS is per size. Prints accounts/s, elapsed and CPU time with the
 * load average, peak RSS, the larger/smaller time ratio (≈ the size ratio when cost grows
 * linearly), a hash of the whole output (a change meant only to be faster must keep it) and
 * pairwise F1 against the generated truth, beside a reference measured in the same process:
 * grouping by exact normalised name, the simplest linear-time deduplication.
 *
 *   npx nx run bench:engine              100k and 1M accounts
 *   npx nx run bench:engine -- --quick   10k and 100k accounts
 *   options: --runs N (median of N runs per size), --seed S, --sizes 50000,500000
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { PerformanceObserver } from 'node:perf_hooks';
import { AccountSchema, type Account } from '@kindred/contract';
import { clusterAccounts, evaluateClusters } from '@kindred/core';
import { streamAccounts } from '@kindred/datagen';
import { loadKernel } from '@kindred/kernel';

interface RunReport {
  accounts: number;
  generateMs: number;
  validateMs: number;
  clusterMs: number;
  /** clusterAccounts end to end: normalise, block, compare, score, link, tiers, related lists. */
  elapsedMs: number;
  /** CPU time (user + system, all threads) of the process during clusterAccounts: less swayed by
   * other work on the machine than the elapsed time. */
  cpuMs: number;
  /** Garbage-collection pauses during clusterAccounts. */
  gcMs: number;
  peakRssBytes: number;
  stageMs: Record<string, number>;
  candidatePairs: number;
  warnings: number;
  sameF1: number;
  sameBcubedF1: number;
  familyF1: number;
  familyBcubedF1: number;
  referenceMs: number;
  referenceSameF1: number;
  /** SHA-256 of the result's accounts (ids, group ids, related lists with reasons), as JSON. */
  outputHash: string;
  /** One-minute load average at the start and at the end of clusterAccounts. */
  load: [number, number];
}

/** Exact normalised name: lower case, letters and digits only. */
const nameKey = (name: string | undefined, id: string): string =>
  name ? name.normalize('NFKD').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '') || `#${id}` : `#${id}`;

/** One run at one size, in this (child) process; reports on stdout as JSON. */
async function child(size: number, seed: number): Promise<void> {
  const kernel = await loadKernel();
  // Generated records are validated as they stream in; only the accounts and the truth are kept,
  // so peak RSS is the engine's and not the generator's.
  let t = performance.now();
  const accounts: Account[] = [];
  const trueEntity = new Map<string, string>();
  const trueFamily = new Map<string, string>();
  let validateMs = 0;
  for (const { true_entity, true_family, ...record } of streamAccounts({ accounts: size, seed })) {
    // The engine sees what a CRM export holds: no ground-truth columns.
    const v = performance.now();
    accounts.push(AccountSchema.parse(record));
    validateMs += performance.now() - v;
    trueEntity.set(record.id, true_entity);
    trueFamily.set(record.id, true_family);
  }
  const generateMs = performance.now() - t - validateMs;

  let gcMs = 0;
  const gc = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gcMs += entry.duration;
  });
  gc.observe({ entryTypes: ['gc'] });
  const loadBefore = loadavg()[0];
  const cpuBefore = process.cpuUsage();
  t = performance.now();
  const result = clusterAccounts(kernel, accounts);
  const clusterMs = performance.now() - t;
  const cpu = process.cpuUsage(cpuBefore);
  const loadAfter = loadavg()[0];
  // GC entries are delivered asynchronously, after the run: wait for them.
  await new Promise((resolve) => setTimeout(resolve, 100));
  for (const entry of gc.takeRecords()) gcMs += entry.duration;
  gc.disconnect();
  const peakRssBytes = process.resourceUsage().maxRSS * 1024;
  // The output's fingerprint: a speed-up must leave it unchanged.
  const digest = createHash('sha256');
  for (const r of result.accounts) digest.update(JSON.stringify(r)).update('\n');
  const outputHash = digest.digest('hex');

  const same = evaluateClusters(new Map(result.accounts.map((r) => [r.id, r.groups.same])), trueEntity);
  const family = evaluateClusters(new Map(result.accounts.map((r) => [r.id, r.groups.family])), trueFamily);

  t = performance.now();
  const reference = new Map<string, string>();
  for (const a of accounts) reference.set(a.id, nameKey(a.name, a.id));
  const referenceMs = performance.now() - t;
  const referenceSame = evaluateClusters(reference, trueEntity);

  const report: RunReport = {
    accounts: size,
    generateMs,
    validateMs,
    clusterMs,
    elapsedMs: clusterMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    gcMs,
    peakRssBytes,
    stageMs: result.metrics.stageMs,
    candidatePairs: result.metrics.candidatePairs,
    warnings: result.warnings.length,
    sameF1: same.pairwise.f1,
    sameBcubedF1: same.bcubed.f1,
    familyF1: family.pairwise.f1,
    familyBcubedF1: family.bcubed.f1,
    referenceMs,
    referenceSameF1: referenceSame.pairwise.f1,
    outputHash,
    load: [loadBefore, loadAfter],
  };
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

function runChild(size: number, seed: number): Promise<RunReport> {
  const self = fileURLToPath(import.meta.url);
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      // A larger young generation: the engine allocates many short-lived objects per account.
      ['--max-old-space-size=12288', '--max-semi-space-size=64', '--import', 'tsx', self, '--child', String(size), '--seed', String(seed)],
      { maxBuffer: 1 << 20 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`run at ${size} accounts failed: ${stderr || error.message}`));
        else resolve(JSON.parse(stdout.trim().split('\n').pop()!) as RunReport);
      },
    );
  });
}

const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const seconds = (ms: number): string => `${fmt(ms / 1000, 2)} s`;
const gib = (bytes: number): string => `${fmt(bytes / 2 ** 30, 2)} GiB`;

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

async function parent(args: string[]): Promise<void> {
  const quick = args.includes('--quick');
  const sizes = (option(args, '--sizes') ?? (quick ? '10000,100000' : '100000,1000000')).split(',').map((s) => Number(s.replace(/_/g, '')));
  const runs = Number(option(args, '--runs') ?? (quick ? 3 : 1));
  const seed = Number(option(args, '--seed') ?? 1);
  if (sizes.length < 2 || sizes.some((s) => !Number.isSafeInteger(s) || s < 1) || !(runs >= 1)) {
    throw new Error('usage: engine.bench.ts [--quick] [--sizes A,B] [--runs N] [--seed S]');
  }
  console.log(`engine benchmark: generated accounts (seed ${seed}), ${runs} run${runs > 1 ? 's' : ''} per size, median shown; one child process per run`);
  const medians: RunReport[] = [];
  for (const size of sizes) {
    const reports: RunReport[] = [];
    for (let r = 0; r < runs; r++) reports.push(await runChild(size, seed));
    // The median run by elapsed time, reported whole (its stages add up to its time).
    const m = [...reports].sort((a, b) => a.elapsedMs - b.elapsedMs)[(reports.length - 1) >> 1];
    medians.push(m);
    const stages = Object.entries(m.stageMs)
      .map(([k, v]) => `${k} ${seconds(v)}`)
      .join(', ');
    console.log(
      [
        `\n${fmt(size)} accounts`,
        `  elapsed            ${seconds(m.elapsedMs)} clusterAccounts (runs: ${reports.map((x) => seconds(x.elapsedMs)).join(', ')}); load ${fmt(m.load[0], 2)} → ${fmt(m.load[1], 2)}`,
        `  accounts/s         ${fmt(size / (m.elapsedMs / 1000))}; CPU time ${seconds(m.cpuMs)}`,
        `  peak RSS           ${gib(m.peakRssBytes)}; garbage collection ${seconds(m.gcMs)} of the elapsed time`,
        `  stages             ${stages}`,
        `  candidate pairs    ${fmt(m.candidatePairs)} (${fmt(m.candidatePairs / size, 1)} per account), warnings ${fmt(m.warnings)}`,
        `  pairwise F1        same vs true_entity ${fmt(m.sameF1, 4)} (B-cubed ${fmt(m.sameBcubedF1, 4)}), family vs true_family ${fmt(m.familyF1, 4)} (B-cubed ${fmt(m.familyBcubedF1, 4)})`,
        `  reference          exact normalised name: ${seconds(m.referenceMs)}, same F1 ${fmt(m.referenceSameF1, 4)}; engine/reference time ${fmt(m.elapsedMs / m.referenceMs, 0)}x`,
        `  output hash        ${m.outputHash}${reports.every((x) => x.outputHash === m.outputHash) ? '' : ' (runs DIFFER)'}`,
        `  not counted        generating ${seconds(m.generateMs)}; validating with the account schema (as ingest does) ${seconds(m.validateMs)}`,
      ].join('\n'),
    );
  }
  const [small, large] = [medians[0], medians[medians.length - 1]];
  const sizeRatio = large.accounts / small.accounts;
  const timeRatio = large.elapsedMs / small.elapsedMs;
  console.log(
    `\n${fmt(small.accounts)} → ${fmt(large.accounts)} accounts: time ratio ${fmt(timeRatio, 2)} for a size ratio of ${fmt(sizeRatio, 0)} ` +
      `(≈${fmt(sizeRatio, 0)} means linear; reference ratio ${fmt(large.referenceMs / small.referenceMs, 2)})`,
  );
  if (!quick && large.accounts === 1_000_000) {
    const ok = large.elapsedMs < 60_000 && large.peakRssBytes < 4 * 2 ** 30;
    console.log(`target for 1M accounts: < 60 s and < 4 GiB RSS: ${ok ? 'met' : 'NOT met'} (${seconds(large.elapsedMs)}, ${gib(large.peakRssBytes)})`);
  }
}

const args = process.argv.slice(2);
const childAt = args.indexOf('--child');
(childAt >= 0 ? child(Number(args[childAt + 1]), Number(option(args, '--seed') ?? 1)) : parent(args)).catch((error: unknown) => {
  // A failing child shows where it failed; the parent shows the child's message.
  console.error(error instanceof Error ? (childAt >= 0 ? (error.stack ?? error.message) : error.message) : error);
  process.exitCode = 1;
});
