/** Dense linkage benchmark: the kernel's `linkageCondensed` beside fastcluster (Debian's
 * python3-fastcluster, called through python3) on the same random condensed matrix, written
 * once to a temporary file as float64. Every run is a fresh child process, so its peak RSS is
 * the run's own; figures are medians of several runs, the two alternating.
 *
 * Run alone: npx tsx tools/bench/src/linkage.bench.ts [--sizes 2000,5000,10000] [--runs 3] */

import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';
import type { LinkageMethod } from '@kindred/kernel';

const PYTHON = '/usr/bin/python3';

export interface LinkageBenchOptions {
  /** Matrix sizes for average linkage (default 2,000 / 5,000 / 10,000). */
  sizes?: number[];
  /** Single and complete linkage run at this size (default: the smallest of `sizes`). */
  otherMethodsAt?: number;
  /** Runs per measurement; the median is reported (default 3). */
  runs?: number;
  /** Line printer (default console.log). */
  log?: (line: string) => void;
}

export interface RunFigures {
  elapsedMs: number;
  /** CPU time of the call (user + system): steadier than elapsed time on a shared machine. */
  cpuMs: number;
  peakRssBytes: number;
  /** Peak RSS minus the RSS with the runtime loaded and the matrix read, before the call. */
  callRssBytes: number;
}

export interface LinkageBenchRow {
  method: LinkageMethod;
  n: number;
  kernel: RunFigures;
  fastcluster?: RunFigures;
  /** kernel ÷ fastcluster: below 1 means the kernel is faster / smaller. */
  timeRatio?: number;
  cpuRatio?: number;
  rssRatio?: number;
  /** Whether both produced the same merge heights (sum of heights within 1e-9 relative). */
  sameHeights?: boolean;
}

interface ChildResult extends RunFigures {
  heightSum: number;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** Writes a seeded uniform random condensed matrix of n items (float64, little-endian). */
function writeMatrix(path: string, n: number, seed: number): void {
  const total = (n * (n - 1)) / 2;
  const chunk = new Float64Array(1 << 20);
  let s = seed >>> 0;
  const fd = openSync(path, 'w');
  try {
    for (let written = 0; written < total; ) {
      const count = Math.min(chunk.length, total - written);
      for (let k = 0; k < count; k++) {
        // mulberry32
        s = (s + 0x6d2b79f5) >>> 0;
        let t = s;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        chunk[k] = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
      }
      writeSync(fd, new Uint8Array(chunk.buffer, 0, count * 8));
      written += count;
    }
  } finally {
    closeSync(fd);
  }
}

const FASTCLUSTER_SCRIPT = `
import sys, time, json
import numpy as np, fastcluster
path, method = sys.argv[1], sys.argv[2]
def status(field):
    with open('/proc/self/status') as f:
        for line in f:
            if line.startswith(field + ':'):
                return int(line.split()[1]) * 1024
x = np.fromfile(path, dtype='<f8')
before = status('VmRSS')
t = time.perf_counter()
c = time.process_time()
z = fastcluster.linkage(x, method=method, preserve_input=True)
cpu = (time.process_time() - c) * 1000
elapsed = (time.perf_counter() - t) * 1000
peak = status('VmHWM')
print(json.dumps({"elapsedMs": elapsed, "cpuMs": cpu, "peakRssBytes": peak, "callRssBytes": peak - before, "heightSum": float(z[:, 2].sum())}))
`;

export function fastclusterVersion(): string | undefined {
  const probe = spawnSync(PYTHON, ['-c', 'import numpy, fastcluster; print(fastcluster.__version__)'], { encoding: 'utf8' });
  return probe.status === 0 ? probe.stdout.trim() : undefined;
}

function parseChild(label: string, result: ReturnType<typeof spawnSync>): ChildResult {
  if (result.status !== 0) {
    throw new Error(`${label} run failed (exit ${String(result.status)}): ${String(result.stderr).slice(-2000)}`);
  }
  const lines = String(result.stdout).trim().split('\n');
  return JSON.parse(lines[lines.length - 1]) as ChildResult;
}

/** The measured kernel process runs the package's bindings as plain JavaScript (transpiled here
 * by TypeScript, module by module) under plain node: no TypeScript loader in the process whose
 * memory is measured. `build/` links to the package's built .wasm files. */
function prepareKernelChild(dir: string): string {
  const srcDir = dirname(fileURLToPath(import.meta.resolve('@kindred/kernel')));
  const outDir = join(dir, 'kernel', 'src');
  mkdirSync(outDir, { recursive: true });
  for (const file of readdirSync(srcDir).filter((f) => f.endsWith('.ts'))) {
    const { outputText } = ts.transpileModule(readFileSync(join(srcDir, file), 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
      fileName: file,
    });
    writeFileSync(join(outDir, file.replace(/\.ts$/, '.js')), outputText);
  }
  symlinkSync(join(srcDir, '..', 'build'), join(dir, 'kernel', 'build'), 'dir');
  const child = join(dir, 'kernel', 'child.mjs');
  writeFileSync(child, KERNEL_CHILD);
  return child;
}

// Peak RSS is VmHWM of the process's own memory map (getrusage's maxrss would include the
// parent's RSS at fork, which Linux carries across exec).
const KERNEL_CHILD = String.raw`
import { readFileSync } from 'node:fs';
import { loadKernel } from './src/index.js';
const status = (field) => Number(readFileSync('/proc/self/status', 'utf8').split('\n').find((line) => line.startsWith(field + ':')).split(/ +/)[1]) * 1024;
const [path, method] = process.argv.slice(2);
const kernel = await loadKernel();
const bytes = readFileSync(path);
const condensed = new Float64Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 8);
const before = status('VmRSS');
const start = performance.now();
const cpuStart = process.cpuUsage();
const merges = kernel.linkageCondensed(method, condensed);
const cpu = process.cpuUsage(cpuStart);
const elapsedMs = performance.now() - start;
const peakRssBytes = status('VmHWM');
let heightSum = 0;
for (const d of merges.distance) heightSum += d;
console.log(JSON.stringify({ elapsedMs, cpuMs: (cpu.user + cpu.system) / 1000, peakRssBytes, callRssBytes: peakRssBytes - before, heightSum }));
`;

function runKernelChild(child: string, path: string, method: LinkageMethod): ChildResult {
  return parseChild('kernel', spawnSync(process.execPath, [child, path, method], { encoding: 'utf8', maxBuffer: 1 << 20 }));
}

function runFastclusterChild(path: string, method: LinkageMethod): ChildResult {
  return parseChild('fastcluster', spawnSync(PYTHON, ['-c', FASTCLUSTER_SCRIPT, path, method], { encoding: 'utf8', maxBuffer: 1 << 20 }));
}

function summarise(results: ChildResult[]): RunFigures & { heightSum: number } {
  return {
    elapsedMs: median(results.map((r) => r.elapsedMs)),
    cpuMs: median(results.map((r) => r.cpuMs)),
    peakRssBytes: median(results.map((r) => r.peakRssBytes)),
    callRssBytes: median(results.map((r) => r.callRssBytes)),
    heightSum: results[0].heightSum,
  };
}

const mb = (bytes: number) => `${Math.round(Math.max(0, bytes) / 2 ** 20).toLocaleString('en-US')} MB`;
const ms = (value: number) => `${Math.round(value).toLocaleString('en-US')} ms`;
const figures = (f: RunFigures) =>
  `${ms(f.elapsedMs).padStart(8)} (cpu ${ms(f.cpuMs)}) ${mb(f.peakRssBytes).padStart(6)} (call ${mb(f.callRssBytes)})`;

/** Runs the benchmark, prints a table and returns its rows. */
export async function runLinkageBench(opts: LinkageBenchOptions = {}): Promise<LinkageBenchRow[]> {
  const sizes = opts.sizes ?? [2000, 5000, 10000];
  const runs = Math.max(1, opts.runs ?? 3);
  const log = opts.log ?? ((line: string) => console.log(line));
  const otherAt = opts.otherMethodsAt ?? Math.min(...sizes);
  const plan: { method: LinkageMethod; n: number }[] = [];
  for (const n of [...new Set([...sizes, otherAt])].sort((a, b) => a - b)) {
    if (sizes.includes(n)) plan.push({ method: 'average', n });
    if (n === otherAt) plan.push({ method: 'single', n }, { method: 'complete', n });
  }

  const version = fastclusterVersion();
  log(`\nDense linkage (random condensed matrix, median of ${runs} runs, each in a fresh process)`);
  log(`  kernel: @kindred/kernel linkageCondensed, bindings as JavaScript under plain node ${process.version}`);
  log(version ? `  anchor: fastcluster ${version} (python3, preserve_input=True)` : '  anchor: skipped: python3-fastcluster not installed');
  log('  ratios are kernel ÷ fastcluster (below 1: kernel faster / smaller); runs alternate between the two;');
  log('  time is elapsed, cpu the process CPU time of the call (steadier when the machine is shared);');
  log('  RSS is the process peak (runtime + matrix + call); "call" is what the call itself added');

  const dir = mkdtempSync(join(tmpdir(), 'kindred-linkage-'));
  const rows: LinkageBenchRow[] = [];
  try {
    const child = prepareKernelChild(dir);
    let matrixN = -1;
    const path = join(dir, 'condensed.f64');
    for (const { method, n } of plan) {
      if (n !== matrixN) {
        writeMatrix(path, n, 20_240 + n);
        matrixN = n;
      }
      const kernelRuns: ChildResult[] = [];
      const anchorRuns: ChildResult[] = [];
      for (let r = 0; r < runs; r++) {
        kernelRuns.push(runKernelChild(child, path, method));
        if (version) anchorRuns.push(runFastclusterChild(path, method));
      }
      const { heightSum: kernelSum, ...kernel } = summarise(kernelRuns);
      const row: LinkageBenchRow = { method, n, kernel };
      let line = `  ${method.padEnd(8)} n=${n.toLocaleString('en-US').padStart(6)}  kernel ${figures(kernel)}`;
      if (version) {
        const { heightSum: anchorSum, ...anchor } = summarise(anchorRuns);
        row.fastcluster = anchor;
        row.timeRatio = kernel.elapsedMs / anchor.elapsedMs;
        row.cpuRatio = kernel.cpuMs / anchor.cpuMs;
        row.rssRatio = kernel.peakRssBytes / anchor.peakRssBytes;
        row.sameHeights = Math.abs(kernelSum - anchorSum) <= 1e-9 * Math.max(1, Math.abs(anchorSum));
        line += ` | fastcluster ${figures(anchor)}`;
        line += ` | time ${row.timeRatio.toFixed(2)}x cpu ${row.cpuRatio.toFixed(2)}x rss ${row.rssRatio.toFixed(2)}x`;
        if (!row.sameHeights) line += '  HEIGHTS DIFFER';
      }
      log(line);
      rows.push(row);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

function argValue(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const sizes = argValue(args, '--sizes')?.split(',').map(Number);
  const runs = argValue(args, '--runs');
  await runLinkageBench({ sizes, runs: runs ? Number(runs) : undefined });
}
