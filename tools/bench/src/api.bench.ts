/**
 * API load benchmark: the real service in a child process on 127.0.0.1, loaded with autocannon.
 *
 * 1. Related-accounts lookups (`GET /v1/accounts/:id/related` over the accounts of a clustered
 *    organisation): at an offered 2,000 requests/s, the p99 latency (target < 5 ms); then the
 *    most the service answers. The rate is offered two ways: spread evenly over each second
 *    (`pacedLoad`: many autocannon clients of one connection, started apart; --paced-clients N,
 *    100) and as one autocannon run with an overall rate, which sends each second's requests at
 *    full speed at the start of the second. The service caches response pages, so three access patterns are
 *    measured at 2,000/s: every account in turn (one sequence across all load runs: a page comes
 *    round again only after all the others, by when the cache may have let it go), 2,000 hot
 *    accounts asked again and again, and every page asked for the first time (each run a page
 *    size no other run asks: the cost without the page cache; the store still keeps the related
 *    accounts' display fields it read before). Beside latency, the service process's
 *    CPU time per request (from /proc), which the other jobs of a shared machine disturb less than
 *    the tail latency. The anchor, measured in the same run on the same server, is `GET /healthz`
 *    (no key, no database): the ratios say what the lookup itself costs, and a /healthz p99 over
 *    5 ms says the machine alone misses the target. Each run prints its own figures and the load
 *    average before and after it; after a warm-up, the medians over the runs follow.
 * 2. An incremental run after 35 changes against a full run of the same accounts: time, and how
 *    far their groups and related lists agree.
 * 3. Ingest of 100k generated accounts as one CSV `POST /v1/accounts` (target < 30 s). The anchor
 *    is parsing the same CSV with csv-parse in this process.
 *
 * Every figure is the median of several runs. Options: --runs N (3), --accounts N (lookups'
 * organisation, 20000), --ingest N (100000), --duration S (seconds per load run, 5),
 * --parts lookups,incremental,ingest (all), --pin (service on the first core, autocannon on the
 * last, with taskset), --cpu-prof DIR (the service writes a V8 CPU profile there when it stops).
 *
 *   npx nx run bench:api
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parse as parseCsv } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { CSV_COLUMNS, generateAccounts, toCsvRow } from '@kindred/datagen';
import { openStore } from '@kindred/store';

/** The part of autocannon's options and result this benchmark uses (the package ships no types). */
interface AutocannonRequest {
  method: string;
  setupRequest: (request: Record<string, unknown>) => Record<string, unknown>;
}
interface AutocannonOptions {
  url: string;
  connections: number;
  duration: number;
  overallRate?: number;
  ignoreCoordinatedOmission?: boolean;
  headers?: Record<string, string>;
  requests?: AutocannonRequest[];
}
interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p90: number; p99: number };
  throughput: { total: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}
/** A run: a promise of its result that also emits each response (status, bytes, milliseconds). */
type AutocannonRun = Promise<AutocannonResult> & {
  on(event: 'response', listener: (client: unknown, statusCode: number, bytes: number, ms: number) => void): unknown;
};
const autocannon = createRequire(import.meta.url)('autocannon') as (options: AutocannonOptions) => AutocannonRun;

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    accounts: { type: 'string', default: '20000' },
    ingest: { type: 'string', default: '100000' },
    duration: { type: 'string', default: '5' },
    parts: { type: 'string', default: 'lookups,incremental,ingest' },
    'cpu-prof': { type: 'string' },
    pin: { type: 'boolean', default: false },
    'paced-clients': { type: 'string', default: '100' },
  },
});
const PARTS = new Set(args.parts.split(',').map((s) => s.trim()));
for (const part of PARTS) {
  if (!['lookups', 'incremental', 'ingest'].includes(part)) throw new Error(`--parts: unknown part ${JSON.stringify(part)} (lookups, incremental, ingest)`);
}
/** A folder for the service's V8 CPU profile (written when it stops), or undefined. */
const CPU_PROF_DIR = args['cpu-prof'] ? path.resolve(args['cpu-prof']) : undefined;
/** With --pin: the service's core and this process's (autocannon's), set with taskset. */
const PIN = args.pin ? { service: 0, bench: Math.max(0, cpus().length - 1) } : undefined;
const RUNS = Number(args.runs);
const ACCOUNTS = Number(args.accounts);
const INGEST = Number(args.ingest);
const DURATION = Number(args.duration);
const TARGET_RATE = 2_000;
/** Autocannon clients that together offer the target rate evenly (see `pacedLoad`). */
const PACED_CLIENTS = Number(args['paced-clients']);
if (!Number.isInteger(PACED_CLIENTS) || PACED_CLIENTS < 1 || TARGET_RATE % PACED_CLIENTS !== 0) {
  throw new Error(`--paced-clients: ${args['paced-clients']} must be a whole divisor of ${TARGET_RATE}`);
}

const root = path.resolve(import.meta.dirname, '../../..');
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function csvOf(n: number, seed: number): string {
  const rows = generateAccounts({ accounts: n, seed }).map(toCsvRow);
  return stringify([[...CSV_COLUMNS], ...rows]);
}

interface Service {
  base: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

async function startServiceProcess(db: string): Promise<Service> {
  const port = await freePort();
  const profile = CPU_PROF_DIR ? ['--cpu-prof', `--cpu-prof-dir=${CPU_PROF_DIR}`] : [];
  const node = [process.execPath, ...profile, '--import', 'tsx', path.join(root, 'apps/api/src/main.ts')];
  const command = PIN ? ['taskset', '-c', String(PIN.service), ...node] : node;
  const child = spawn(command[0], command.slice(1), {
    cwd: root,
    env: { ...process.env, PORT: String(port), KINDRED_HOST: '127.0.0.1', KINDRED_DB: db, KINDRED_SCHEDULE: 'off', KINDRED_DEMO: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('listening on')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`the service exited (${code}) before it listened: ${out}`)));
  });
  let stopping = false;
  child.once('exit', (code, signal) => {
    if (!stopping) console.error(`the service exited during the benchmark (code ${code}, signal ${signal})`);
  });
  return {
    base: `http://127.0.0.1:${port}`,
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        stopping = true;
        if (child.exitCode !== null || child.signalCode !== null) {
          resolve();
          return;
        }
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

async function call(base: string, key: string, method: string, route: string, body?: string, type = 'application/json') {
  const response = await fetchOnce(base + route, method, {
    headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': type } : {}) },
    body,
  });
  const json = await response.json();
  if (!response.ok) throw new Error(`${method} ${route}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

async function runAndWait(base: string, key: string): Promise<{ id: string; elapsedMs: number }> {
  const run = await call(base, key, 'POST', '/v1/runs', JSON.stringify({ mode: 'full' }));
  for (let i = 0; i < 3_000; i++) {
    const state = await call(base, key, 'GET', `/v1/runs/${run.id}`);
    if (state.status === 'succeeded') return { id: run.id, elapsedMs: state.elapsedMs };
    if (state.status !== 'queued' && state.status !== 'running') throw new Error(`run ${run.id} ${state.status}: ${state.message}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`run ${run.id} did not finish in 10 minutes`);
}

/** A GET is sent again once when a kept-alive connection was reset under it (idempotent). */
async function fetchOnce(url: string, method: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, { ...init, method });
  } catch (err) {
    if (method !== 'GET') throw err;
    return fetch(url, { ...init, method });
  }
}

async function runAndWaitMode(base: string, key: string, mode: 'full' | 'incremental') {
  const run = await call(base, key, 'POST', '/v1/runs', JSON.stringify({ mode }));
  for (let i = 0; i < 3_000; i++) {
    const state = await call(base, key, 'GET', `/v1/runs/${run.id}`);
    if (state.status !== 'queued' && state.status !== 'running') {
      if (state.status === 'failed') throw new Error(`run ${run.id} failed: ${state.message}`);
      return state as { id: string; status: string; elapsedMs: number; message: string | null };
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`run ${run.id} did not finish in 10 minutes`);
}

type Results = Map<string, { groups: Record<string, string>; related: { id: string; tier: string }[] }>;

async function readResults(db: string, orgId: string): Promise<Results> {
  const store = await openStore(db);
  try {
    const out: Results = new Map();
    for await (const chunk of store.iterateResults(orgId)) for (const r of chunk) out.set(r.id, r);
    return out;
  } finally {
    await store.close();
  }
}

/** Share of accounts whose group (the set of its members) of the tier is the same in both. */
function groupAgreement(a: Results, b: Results, tier: string): number {
  const members = (results: Results) => {
    const byGroup = new Map<string, string[]>();
    for (const [id, r] of results) {
      const g = r.groups[tier];
      const list = byGroup.get(g);
      if (list) list.push(id);
      else byGroup.set(g, [id]);
    }
    const of = new Map<string, string>();
    for (const ids of byGroup.values()) {
      const key = ids.sort().join(' ');
      for (const id of ids) of.set(id, key);
    }
    return of;
  };
  const ma = members(a);
  const mb = members(b);
  let same = 0;
  for (const [id, key] of ma) if (mb.get(id) === key) same++;
  return same / Math.max(1, ma.size);
}

/** Share of accounts whose related accounts (ids and tiers) are the same in both. */
function relatedAgreement(a: Results, b: Results): number {
  const text = (r: { related: { id: string; tier: string }[] }) => r.related.map((x) => `${x.id}/${x.tier}`).sort().join(' ');
  let same = 0;
  for (const [id, r] of a) {
    const other = b.get(id);
    if (other && text(other) === text(r)) same++;
  }
  return same / Math.max(1, a.size);
}

interface Load {
  requestsPerSecond: number;
  p50: number;
  p90: number;
  p99: number;
  /** Mean response size, headers included. */
  bytes: number;
  failures: number;
  /** CPU time the service process spent per answered request, in microseconds (user + system,
   * from /proc): what a request costs the service, whatever else the machine is doing. */
  cpuUs: number;
}

/** User + system CPU seconds of a process so far (Linux /proc; clock ticks of 10 ms). */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Fields 14 and 15 of stat (utime, stime) are the 12th and 13th after the command name.
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Request paths taken in one sequence across load runs. */
class Rotation {
  private next = 0;
  constructor(readonly paths: string[]) {}
  take(): string {
    return this.paths[this.next++ % this.paths.length];
  }
}

async function load(
  url: string,
  options: { key?: string; rotation?: Rotation; rate?: number; connections: number; pid: number },
): Promise<Load> {
  const rotation = options.rotation;
  const cpuBefore = cpuSeconds(options.pid);
  const result = await autocannon({
    url,
    connections: options.connections,
    duration: DURATION,
    ...(options.rate ? { overallRate: options.rate } : {}),
    headers: options.key ? { authorization: `Bearer ${options.key}` } : {},
    ...(rotation
      ? {
          requests: [
            {
              method: 'GET',
              setupRequest: (request) => ({ ...request, path: rotation.take() }),
            },
          ],
        }
      : {}),
  });
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    bytes: result.throughput.total / Math.max(1, result.requests.total),
    failures: result.non2xx + result.errors + result.timeouts,
    cpuUs: (1e6 * (cpuSeconds(options.pid) - cpuBefore)) / Math.max(1, result.requests.total),
  };
}

/**
 * Requests offered evenly at `rate` per second. Autocannon paces a connection by letting it send
 * its quota for a second back to back at the start of that second and then wait for the next one,
 * so one run at an overall rate of 2,000/s is a burst at full speed followed by silence, and with
 * a rate it also adds made-up samples for coordinated omission, assuming one request per
 * millisecond on every connection. Here `clients` autocannon runs of one connection each, at
 * rate / clients requests per second, start 1 / clients seconds apart: with 100 clients of 20
 * requests per second, a client sends its 20 one after another every 10 ms (more clients would
 * spread them further, but starting an autocannon run takes milliseconds, and 100 of them start
 * within the first second). Latencies are the measured ones
 * (each response's time from its request being written), pooled over the clients.
 */
async function pacedLoad(url: string, options: { key?: string; rotation?: Rotation; rate: number; clients: number; pid: number }): Promise<Load> {
  const { rotation, clients } = options;
  const perClient = options.rate / clients;
  const latencies: number[] = [];
  let bytes = 0;
  let failures = 0;
  const cpuBefore = cpuSeconds(options.pid);
  const started = performance.now();
  const runs: AutocannonRun[] = [];
  for (let c = 0; c < clients; c++) {
    const at = started + (c * 1000) / clients;
    const wait = at - performance.now();
    if (wait >= 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const run = autocannon({
      url,
      connections: 1,
      duration: DURATION,
      overallRate: perClient,
      ignoreCoordinatedOmission: true,
      headers: options.key ? { authorization: `Bearer ${options.key}` } : {},
      ...(rotation ? { requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: rotation.take() }) }] } : {}),
    });
    run.on('response', (_client, statusCode, responseBytes, ms) => {
      latencies.push(ms);
      bytes += responseBytes;
      if (statusCode >= 400) failures++;
    });
    runs.push(run);
  }
  const results = await Promise.all(runs);
  for (const r of results) failures += r.errors + r.timeouts;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => (latencies.length === 0 ? NaN : latencies[Math.min(latencies.length - 1, Math.ceil(q * latencies.length) - 1)]);
  const round = (ms: number) => Math.round(ms * 100) / 100;
  return {
    // Every client sends for DURATION seconds (the whole run lasts about one second longer, as the
    // clients start and stop one after another).
    requestsPerSecond: latencies.length / DURATION,
    p50: round(at(0.5)),
    p90: round(at(0.9)),
    p99: round(at(0.99)),
    bytes: bytes / Math.max(1, latencies.length),
    failures,
    cpuUs: (1e6 * (cpuSeconds(options.pid) - cpuBefore)) / Math.max(1, latencies.length),
  };
}

function medianLoad(loads: Load[]): Load {
  return {
    requestsPerSecond: median(loads.map((l) => l.requestsPerSecond)),
    p50: median(loads.map((l) => l.p50)),
    p90: median(loads.map((l) => l.p90)),
    p99: median(loads.map((l) => l.p99)),
    bytes: median(loads.map((l) => l.bytes)),
    failures: loads.reduce((s, l) => s + l.failures, 0),
    cpuUs: median(loads.map((l) => l.cpuUs)),
  };
}

interface Context {
  db: string;
  service: Service;
  pid: number;
  lookupOrgId: string;
  lookupKey: string;
  ingestKey: string;
}

const loadText = () => loadavg().map((l) => l.toFixed(1)).join(' ');

/** 1. Related-accounts lookups at the target rate against the /healthz anchor, in the same runs. */
async function lookups({ service, pid, lookupKey }: Context, ids: string[]): Promise<void> {
  const relatedPath = (id: string) => `/v1/accounts/${encodeURIComponent(id)}/related`;
  const rotation = new Rotation(ids.map(relatedPath));
  const sample = await call(service.base, lookupKey, 'GET', relatedPath(ids[0]));
  if (!Array.isArray(sample.items)) throw new Error('unexpected related answer');
  // Every page new to the service: a page size (the default is 50) no other load run asks.
  let pageSize = 50;
  const uncachedRotation = () => {
    pageSize--;
    return new Rotation(ids.map((id) => `${relatedPath(id)}?limit=${pageSize}`));
  };
  const hot = new Rotation(ids.slice(0, 2_000).map(relatedPath));

  // Warm-up (JIT, SQLite page cache, the service's caches), not measured.
  await load(service.base, { key: lookupKey, rotation, connections: 20, pid });
  await load(service.base, { key: lookupKey, rotation: uncachedRotation(), connections: 20, pid });
  await load(`${service.base}/healthz`, { connections: 20, pid });

  const atTarget: Load[] = [];
  const hotAtTarget: Load[] = [];
  const uncachedAtTarget: Load[] = [];
  const anchorAtTarget: Load[] = [];
  const most: Load[] = [];
  const anchorMost: Load[] = [];
  const ratios: number[] = [];
  const evenAnchor: Load[] = [];
  const evenInTurn: Load[] = [];
  const evenHot: Load[] = [];
  const paced = (url: string, rotation?: Rotation) => pacedLoad(url, { key: rotation ? lookupKey : undefined, rotation, rate: TARGET_RATE, clients: PACED_CLIENTS, pid });
  console.log(`p99 in ms; "even": ${fmt(TARGET_RATE)}/s spread evenly over each second by ${fmt(PACED_CLIENTS)} autocannon clients; "bursts": one autocannon run at an overall rate of ${fmt(TARGET_RATE)}/s (each second's requests sent at full speed at its start, coordinated-omission samples added)`);
  console.log('| run | load average before | even /healthz | even lookups in turn | even hot | bursts /healthz | bursts lookups in turn | ratio | bursts hot | bursts every page new | load average after |');
  console.log('|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---|');
  for (let r = 0; r < RUNS; r++) {
    const before = loadText();
    const eAnchor = await paced(`${service.base}/healthz`);
    const eInTurn = await paced(service.base, rotation);
    const eHot = await paced(service.base, hot);
    evenAnchor.push(eAnchor);
    evenInTurn.push(eInTurn);
    evenHot.push(eHot);
    const anchor = await load(`${service.base}/healthz`, { rate: TARGET_RATE, connections: 20, pid });
    const inTurn = await load(service.base, { key: lookupKey, rotation, rate: TARGET_RATE, connections: 20, pid });
    const hotRun = await load(service.base, { key: lookupKey, rotation: hot, rate: TARGET_RATE, connections: 20, pid });
    const uncached = await load(service.base, { key: lookupKey, rotation: uncachedRotation(), rate: TARGET_RATE, connections: 20, pid });
    anchorAtTarget.push(anchor);
    atTarget.push(inTurn);
    hotAtTarget.push(hotRun);
    uncachedAtTarget.push(uncached);
    ratios.push(inTurn.p99 / Math.max(1, anchor.p99));
    console.log(
      `| ${r + 1} | ${before} | ${eAnchor.p99} | ${eInTurn.p99} | ${eHot.p99} | ${anchor.p99} | ${inTurn.p99} | ${fmt(ratios[r], 1)} | ${hotRun.p99} | ${uncached.p99} | ${loadText()} |`,
    );
    anchorMost.push(await load(`${service.base}/healthz`, { connections: 20, pid }));
    most.push(await load(service.base, { key: lookupKey, rotation, connections: 20, pid }));
  }
  const t = medianLoad(atTarget);
  const tu = medianLoad(uncachedAtTarget);
  const th = medianLoad(hotAtTarget);
  const ta = medianLoad(anchorAtTarget);
  const m = medianLoad(most);
  const ma = medianLoad(anchorMost);
  console.log(`\nmedians of ${RUNS} runs:`);
  console.log('| load | endpoint | requests/s | p50 ms | p90 ms | p99 ms | service CPU µs/request | bytes/response | failed |');
  console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|');
  const row = (offered: string, endpoint: string, l: Load) =>
    console.log(`| ${offered} | ${endpoint} | ${fmt(l.requestsPerSecond)} | ${l.p50} | ${l.p90} | ${l.p99} | ${fmt(l.cpuUs)} | ${fmt(l.bytes)} | ${l.failures} |`);
  const even = `${fmt(TARGET_RATE)}/s evenly`;
  const ei = medianLoad(evenInTurn);
  const eh = medianLoad(evenHot);
  const ea = medianLoad(evenAnchor);
  row(even, `GET /v1/accounts/:id/related, ${fmt(ACCOUNTS)} accounts in turn`, ei);
  row(even, 'GET /v1/accounts/:id/related, 2,000 hot accounts', eh);
  row(even, 'GET /healthz (anchor)', ea);
  const offered = `${fmt(TARGET_RATE)}/s in bursts`;
  row(offered, `GET /v1/accounts/:id/related, ${fmt(ACCOUNTS)} accounts in turn`, t);
  row(offered, 'GET /v1/accounts/:id/related, 2,000 hot accounts', th);
  row(offered, 'GET /v1/accounts/:id/related?limit=n, n new each run', tu);
  row(offered, 'GET /healthz (anchor)', ta);
  row('unlimited, 20 connections', `GET /v1/accounts/:id/related, ${fmt(ACCOUNTS)} accounts in turn`, m);
  row('unlimited, 20 connections', 'GET /healthz (anchor)', ma);
  const met = (l: Load) => l.requestsPerSecond >= TARGET_RATE * 0.98 && l.p99 < 5 && l.failures === 0;
  console.log(
    `lookups at ${fmt(TARGET_RATE)}/s offered evenly: p99 ${ei.p99} ms for every account in turn (target < 5 ms) ${met(ei) ? 'MET' : 'NOT MET'}, ` +
      `hot accounts p99 ${eh.p99} ms ${met(eh) ? 'MET' : 'NOT MET'}; /healthz p99 ${ea.p99} ms; ` +
      `service CPU per lookup ${fmt(ei.cpuUs)} µs in turn (${fmt(ei.cpuUs / ea.cpuUs, 1)}× /healthz)`,
  );
  console.log(
    `lookups at ${fmt(TARGET_RATE)}/s in autocannon's bursts: p99 ${t.p99} ms (target < 5 ms) ${met(t) ? 'MET' : 'NOT MET'}, ` +
      `hot accounts p99 ${th.p99} ms ${met(th) ? 'MET' : 'NOT MET'}, every page new p99 ${tu.p99} ms ${met(tu) ? 'MET' : 'NOT MET'}; ` +
      `/healthz p99 ${ta.p99} ms ${ta.p99 < 5 ? '(under 5 ms)' : '(over 5 ms: the machine alone misses the target)'}; ` +
      `lookup p99 / /healthz p99 in the same run, median ${fmt(median(ratios), 1)}×; ` +
      `service CPU per lookup ${fmt(t.cpuUs)} µs in turn, ${fmt(th.cpuUs)} µs hot, ${fmt(tu.cpuUs)} µs every page new = ` +
      `${fmt(t.cpuUs / ta.cpuUs, 1)}×, ${fmt(th.cpuUs / ta.cpuUs, 1)}×, ${fmt(tu.cpuUs / ta.cpuUs, 1)}× the /healthz anchor's ${fmt(ta.cpuUs)} µs; ` +
      `most lookups/s ${fmt(m.requestsPerSecond)} = ${fmt(m.requestsPerSecond / ma.requestsPerSecond, 2)}× the /healthz anchor`,
  );
}

/** 2. An incremental run after a few changes, against a full run of the same accounts. */
async function incremental({ db, service, lookupOrgId, lookupKey }: Context): Promise<void> {
  const base = generateAccounts({ accounts: ACCOUNTS, seed: 1 }).map(({ true_entity: _e, true_family: _f, ...a }) => a);
  const changed = base.slice(0, 20).map((a, i) => ({ ...a, name: `${a.name ?? ''} Group`, phone: i % 2 ? undefined : a.phone }));
  const added = base.slice(20, 30).map((a, i) => ({ ...a, id: `bench-new-${i}`, source: 'bench' }));
  await call(service.base, lookupKey, 'POST', '/v1/accounts', JSON.stringify([...changed, ...added]));
  for (const a of base.slice(30, 35)) await call(service.base, lookupKey, 'DELETE', `/v1/accounts/${encodeURIComponent(a.id)}`).catch(() => undefined);
  const inc = await runAndWaitMode(service.base, lookupKey, 'incremental');
  const afterIncremental = await readResults(db, lookupOrgId);
  const full = await runAndWaitMode(service.base, lookupKey, 'full');
  const afterFull = await readResults(db, lookupOrgId);
  console.log(`\nincremental run after 35 changes (20 changed, 10 new, 5 deleted) of ${fmt(ACCOUNTS)} accounts, then a full run of the same accounts (load average ${loadText()})`);
  console.log('| run | seconds | message |');
  console.log('|---|---:|---|');
  console.log(`| incremental | ${fmt(inc.elapsedMs / 1000, 1)} | ${inc.message ?? ''} |`);
  console.log(`| full | ${fmt(full.elapsedMs / 1000, 1)} | ${full.message ?? ''} |`);
  console.log(
    `agreement with the full run: same groups ${(100 * groupAgreement(afterIncremental, afterFull, 'same')).toFixed(2)}%, ` +
      `family ${(100 * groupAgreement(afterIncremental, afterFull, 'family')).toFixed(2)}%, ` +
      `related ${(100 * groupAgreement(afterIncremental, afterFull, 'related')).toFixed(2)}%; ` +
      `identical related lists ${(100 * relatedAgreement(afterIncremental, afterFull)).toFixed(2)}% of accounts; ` +
      `incremental/full time ${fmt(inc.elapsedMs / full.elapsedMs, 2)}`,
  );
}

/** 3. Ingest of 100k accounts in one CSV request, against parsing the same CSV in process. */
async function ingest({ service, ingestKey }: Context): Promise<void> {
  const csv = csvOf(INGEST, 2);
  const parseMs: number[] = [];
  const ingestMs: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    let t0 = performance.now();
    parseCsv(csv, { columns: true });
    parseMs.push(performance.now() - t0);
    t0 = performance.now();
    // Each run after the first upserts the same records again (all unchanged): the first run
    // inserts. Both are printed.
    const answer = await call(service.base, ingestKey, 'POST', '/v1/accounts', csv, 'text/csv');
    ingestMs.push(performance.now() - t0);
    if (answer.accepted !== INGEST) throw new Error(`ingest accepted ${answer.accepted} of ${INGEST}: ${JSON.stringify(answer.rejected.slice(0, 3))}`);
  }
  console.log(`\ningest: ${fmt(INGEST)} generated accounts, one text/csv request of ${fmt(csv.length / 1e6, 1)} MB (load average ${loadText()})`);
  console.log('| measurement | seconds | accounts/s |');
  console.log('|---|---:|---:|');
  console.log(`| first ingest (all new) | ${fmt(ingestMs[0] / 1000, 2)} | ${fmt(INGEST / (ingestMs[0] / 1000))} |`);
  if (RUNS > 1) {
    const again = median(ingestMs.slice(1));
    console.log(`| ingest again (all unchanged), median | ${fmt(again / 1000, 2)} | ${fmt(INGEST / (again / 1000))} |`);
  }
  const anchor = median(parseMs);
  console.log(`| csv-parse of the same CSV in process (anchor), median | ${fmt(anchor / 1000, 2)} | ${fmt(INGEST / (anchor / 1000))} |`);
  console.log(
    `ingest of ${fmt(INGEST)}: ${fmt(ingestMs[0] / 1000, 1)} s (target < 30 s) ${ingestMs[0] < 30_000 ? 'MET' : 'NOT MET'}; ` +
      `${fmt(ingestMs[0] / anchor, 1)}× the parse-only anchor`,
  );
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'kindred-api-bench-'));
  const db = path.join(dir, 'kindred.db');
  console.log(
    `API benchmark: service in a child process on 127.0.0.1 (SQLite file), autocannon in this process, ${DURATION} s per load run, ` +
      `median of ${RUNS} runs; Node ${process.version}`,
  );
  if (PIN) {
    // This process (autocannon) on the last core, the service on the first: they no longer take
    // each other's core, though the machine's other work still may.
    execFileSync('taskset', ['-a', '-cp', String(PIN.bench), String(process.pid)], { stdio: 'ignore' });
  }
  console.log(
    `machine: ${cpus().length} cores, load average ${loadText()}; ` +
      (PIN ? `service pinned to core ${PIN.service}, autocannon to core ${PIN.bench} (taskset)` : 'autocannon and the service share the cores'),
  );

  const store = await openStore(db);
  const lookupOrg = await store.createOrganisation('Lookups');
  const lookupKey = (await store.createApiKey(lookupOrg.id)).key;
  const ingestOrg = await store.createOrganisation('Ingest');
  const ingestKey = (await store.createApiKey(ingestOrg.id)).key;
  await store.close();

  const service = await startServiceProcess(db);
  const context: Context = { db, service, pid: service.child.pid as number, lookupOrgId: lookupOrg.id, lookupKey, ingestKey };
  try {
    if (PARTS.has('lookups') || PARTS.has('incremental')) {
      await call(service.base, lookupKey, 'POST', '/v1/accounts', csvOf(ACCOUNTS, 1), 'text/csv');
      const run = await runAndWait(service.base, lookupKey);
      console.log(`\n${fmt(ACCOUNTS)} generated accounts clustered in ${fmt(run.elapsedMs / 1000, 1)} s`);
    }
    if (PARTS.has('lookups')) {
      console.log(`\nrelated-accounts lookups over ${fmt(ACCOUNTS)} accounts, per run:`);
      await lookups(context, generateAccounts({ accounts: ACCOUNTS, seed: 1 }).map((a) => a.id));
    }
    if (PARTS.has('ingest')) await ingest(context);
    if (PARTS.has('incremental')) await incremental(context);
  } finally {
    await service.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
