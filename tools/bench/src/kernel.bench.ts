/** Kernel benchmark: pairs per second for Levenshtein and Jaro-Winkler pdist on the same
 * company-like names, for the kernel (SIMD and scalar builds) and the npm anchors
 * (fastest-levenshtein; talisman and jaro-winkler), medians of several runs, with ratios;
 * then the linkage benchmark when present. Run: npx nx run bench:kernel */

import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { distance as fastestLevenshtein } from 'fastest-levenshtein';
import { loadKernel, type Kernel } from '@kindred/kernel';
import { companyNames } from './names.js';

// the two Jaro-Winkler anchors are CommonJS modules without type declarations
const require = createRequire(import.meta.url);
const talismanJaroWinkler = require('talisman/metrics/jaro-winkler.js') as (a: string, b: string) => number;
const jaroWinklerNpm = require('jaro-winkler') as (a: string, b: string) => number;

export interface KernelBenchOptions {
  /** Number of names (pairs = n (n - 1) / 2). */
  names: number;
  /** Timed runs per contender (after one warm-up); the median is reported. */
  runs: number;
  /** Timed runs for the slow JS anchors. */
  anchorRuns: number;
}

interface Row {
  name: string;
  /** Median pairs per second of wall-clock time. */
  pairsPerSecond: number;
  /** Median pairs per second of this process's CPU time: on a machine shared with other
   * work, the figure other processes disturb least. */
  pairsPerCpuSecond: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** Median pairs/s of `fn` (which scores all `pairs` pairs) over `runs` timed runs. */
function measure(name: string, pairs: number, runs: number, fn: () => Float64Array): Row & { result: Float64Array } {
  let result = fn(); // warm-up (and the JIT's tier-up)
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r < runs; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    result = fn();
    wall.push((performance.now() - t0) / 1000);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1e6);
  }
  return { name, pairsPerSecond: pairs / median(wall), pairsPerCpuSecond: pairs / median(cpu), result };
}

function allPairs(names: string[], score: (a: string, b: string) => number): Float64Array {
  const n = names.length;
  const out = new Float64Array((n * (n - 1)) / 2);
  let k = 0;
  for (let i = 0; i < n; i++) {
    const a = names[i];
    for (let j = i + 1; j < n; j++) out[k++] = score(a, names[j]);
  }
  return out;
}

function maxAbsDifference(a: Float64Array, b: Float64Array): number {
  let m = 0;
  for (let k = 0; k < a.length; k++) m = Math.max(m, Math.abs(a[k] - b[k]));
  return m;
}

const fmt = (pps: number) => `${(pps / 1e6).toFixed(2).padStart(7)} M`;

function printTable(title: string, rows: Row[], anchor: Row): void {
  console.log(`\n${title}`);
  console.log(`  ${''.padEnd(22)} ${'pairs/s (wall)'.padStart(16)} ${'ratio'.padStart(7)}   ${'pairs/CPU-s'.padStart(12)} ${'ratio'.padStart(7)}`);
  for (const r of rows) {
    const ratio = r.pairsPerSecond / anchor.pairsPerSecond;
    const cpuRatio = r.pairsPerCpuSecond / anchor.pairsPerCpuSecond;
    console.log(
      `  ${r.name.padEnd(22)} ${fmt(r.pairsPerSecond).padStart(16)} ${ratio.toFixed(1).padStart(6)}x   ${fmt(r.pairsPerCpuSecond).padStart(12)} ${cpuRatio.toFixed(1).padStart(6)}x`,
    );
  }
  console.log(`  (ratios to ${anchor.name})`);
}

export async function runKernelBench(opts: KernelBenchOptions): Promise<void> {
  const names = companyNames(opts.names);
  const pairs = (names.length * (names.length - 1)) / 2;
  const simd: Kernel = await loadKernel({ simd: true });
  const scalar: Kernel = await loadKernel({ simd: false });
  console.log(
    `kernel benchmark: ${names.length} company-like names, ${pairs.toLocaleString('en-US')} pairs, ` +
      `median of ${opts.runs} runs (anchors ${opts.anchorRuns}), Node ${process.version}, single thread`,
  );
  console.log(`machine: ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);

  const levSimd = measure('kernel SIMD', pairs, opts.runs, () => simd.pdist('levenshtein', names, { score: 'distance' }));
  const levScalar = measure('kernel scalar', pairs, opts.runs, () => scalar.pdist('levenshtein', names, { score: 'distance' }));
  const levAnchor = measure('fastest-levenshtein', pairs, opts.anchorRuns, () => allPairs(names, fastestLevenshtein));
  printTable('Levenshtein distance, pdist', [levSimd, levScalar, levAnchor], levAnchor);
  console.log(`  same distances as fastest-levenshtein: ${maxAbsDifference(levSimd.result, levAnchor.result) === 0 && maxAbsDifference(levScalar.result, levAnchor.result) === 0 ? 'yes' : 'NO'}`);

  const jwSimd = measure('kernel SIMD', pairs, opts.runs, () => simd.pdist('jaroWinkler', names, { score: 'similarity' }));
  const jwScalar = measure('kernel scalar', pairs, opts.runs, () => scalar.pdist('jaroWinkler', names, { score: 'similarity' }));
  const jwTalisman = measure('talisman', pairs, opts.anchorRuns, () => allPairs(names, talismanJaroWinkler));
  const jwNpm = measure('jaro-winkler', pairs, opts.anchorRuns, () => allPairs(names, (a, b) => jaroWinklerNpm(a, b)));
  const best = jwTalisman.pairsPerSecond >= jwNpm.pairsPerSecond ? jwTalisman : jwNpm;
  printTable('Jaro-Winkler similarity, pdist (ratios to the faster JS library)', [jwSimd, jwScalar, jwTalisman, jwNpm], best);
  console.log(`  SIMD and scalar builds agree: ${maxAbsDifference(jwSimd.result, jwScalar.result) === 0 ? 'yes' : 'NO'}; ` +
    `max |difference| to talisman ${maxAbsDifference(jwSimd.result, jwTalisman.result).toExponential(2)}, ` +
    `to jaro-winkler ${maxAbsDifference(jwSimd.result, jwNpm.result).toExponential(2)} (their Jaro variants differ slightly)`);
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  await runKernelBench({ names: 2000, runs: 7, anchorRuns: 3 });
  const linkageBench = new URL('./linkage.bench.ts', import.meta.url);
  if (existsSync(fileURLToPath(linkageBench))) {
    const { runLinkageBench } = (await import(linkageBench.href)) as { runLinkageBench: () => Promise<void> };
    console.log('');
    await runLinkageBench();
  } else {
    console.log('\n(linkage benchmark: src/linkage.bench.ts not present)');
  }
}
