/**
 * Store benchmark: the writes and reads a service run makes, through the Store, beside a
 * reference measured in the same process on the same database: the bare driver doing the same
 * work with no store around it (one prepared multi-row insert in one transaction; one primary-key
 * select). The ratio is the price of the store's validation, ordering, chunked transactions, run
 * checks and version switch. Medians of several runs; SQLite always, PostgreSQL when
 * KINDRED_PG_URL is set.
 *
 *   npx nx run store:bench                   100 000 accounts, 3 runs
 *   npx nx run store:bench -- --accounts 20000 --runs 5
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import pg from 'pg';
import { openStore, type Store } from '../src/index.js';
import { NO_CHANGES, makeAccounts, makeResults, metricsFor } from '../test/fixtures.js';

const { values } = parseArgs({
  options: { accounts: { type: 'string', default: '100000' }, runs: { type: 'string', default: '3' }, lookups: { type: 'string', default: '5000' } },
});
const ACCOUNTS = Number(values.accounts);
const RUNS = Number(values.runs);
const LOOKUPS = Number(values.lookups);

const accounts = makeAccounts(ACCOUNTS);
const ids = accounts.map((a) => a.id);
const results = makeResults(ids, 'bench');
const resultRows = results.map((r) => [r.id, r.groups.same, r.groups.family, r.groups.related, JSON.stringify(r.related)]);
const lookupIds = Array.from({ length: LOOKUPS }, (_, i) => ids[(i * 7919) % ids.length]);

interface Figures {
  ingestMs: number;
  ingestRefMs: number;
  writeMs: number;
  writeRefMs: number;
  lookupMs: number;
  lookupRefMs: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const time = async (fn: () => Promise<unknown> | unknown) => {
  const t = performance.now();
  await fn();
  return performance.now() - t;
};

async function storeFigures(store: Store, run: number): Promise<Pick<Figures, 'ingestMs' | 'writeMs' | 'lookupMs'>> {
  const org = await store.createOrganisation(`bench-${run}`);
  const ingestMs = await time(() => store.upsertAccounts(org.id, accounts));
  const writeMs = await time(async () => {
    const created = await store.createRun(org.id, { mode: 'full' });
    await store.claimRun(org.id, created.id);
    const writer = await store.beginResults(org.id, created.id);
    for (let i = 0; i < results.length; i += 5_000) await writer.writeAccounts(results.slice(i, i + 5_000));
    await writer.commit({ metrics: metricsFor(results), changes: NO_CHANGES });
  });
  const lookupMs = await time(async () => {
    for (const id of lookupIds) await store.getRelated(org.id, id, { limit: 50 });
  });
  return { ingestMs, writeMs, lookupMs };
}

const REF_TABLES = `
  CREATE TABLE ref_accounts (org_id TEXT, id TEXT, record TEXT, PRIMARY KEY (org_id, id));
  CREATE TABLE ref_results (version BIGINT, account_id TEXT, same_group TEXT, family_group TEXT, related_group TEXT,
                            related TEXT, PRIMARY KEY (version, account_id));`;

async function sqliteReference(path: string, run: number): Promise<Pick<Figures, 'ingestRefMs' | 'writeRefMs' | 'lookupRefMs'>> {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  if (run === 0) db.exec(REF_TABLES);
  const insertMany = (sql: string, width: number, rows: unknown[][]) => {
    const per = Math.floor(32_000 / width);
    const one = `(${Array(width).fill('?').join(',')})`;
    const full = db.prepare(`${sql} ${Array(per).fill(one).join(',')}`);
    db.transaction(() => {
      let i = 0;
      for (; i + per <= rows.length; i += per) full.run(rows.slice(i, i + per).flat());
      if (i < rows.length) db.prepare(`${sql} ${Array(rows.length - i).fill(one).join(',')}`).run(rows.slice(i).flat());
    })();
  };
  const ingestRefMs = await time(() =>
    insertMany('INSERT INTO ref_accounts VALUES', 3, accounts.map((a) => [`r${run}`, a.id, JSON.stringify(a)])),
  );
  const writeRefMs = await time(() => insertMany('INSERT INTO ref_results VALUES', 6, resultRows.map((r) => [run, ...r])));
  const select = db.prepare('SELECT related FROM ref_results WHERE version = ? AND account_id = ?');
  const lookupRefMs = await time(() => {
    for (const id of lookupIds) JSON.parse((select.get(run, id) as { related: string }).related);
  });
  db.close();
  return { ingestRefMs, writeRefMs, lookupRefMs };
}

async function pgReference(url: string, schema: string, run: number): Promise<Pick<Figures, 'ingestRefMs' | 'writeRefMs' | 'lookupRefMs'>> {
  const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
  await client.connect();
  if (run === 0) await client.query(REF_TABLES);
  const insertMany = async (table: string, width: number, rows: unknown[][]) => {
    const per = Math.floor(60_000 / width);
    await client.query('BEGIN');
    for (let i = 0; i < rows.length; i += per) {
      const chunk = rows.slice(i, i + per);
      const tuples = chunk.map((_, r) => `(${Array.from({ length: width }, (_, c) => `$${r * width + c + 1}`).join(',')})`);
      await client.query(`INSERT INTO ${table} VALUES ${tuples.join(',')}`, chunk.flat());
    }
    await client.query('COMMIT');
  };
  const ingestRefMs = await time(() => insertMany('ref_accounts', 3, accounts.map((a) => [`r${run}`, a.id, JSON.stringify(a)])));
  const writeRefMs = await time(() => insertMany('ref_results', 6, resultRows.map((r) => [run, ...r])));
  const lookupRefMs = await time(async () => {
    for (const id of lookupIds) {
      const { rows } = await client.query('SELECT related FROM ref_results WHERE version = $1 AND account_id = $2', [run, id]);
      JSON.parse(rows[0].related);
    }
  });
  await client.end();
  return { ingestRefMs, writeRefMs, lookupRefMs };
}

function report(dialect: string, runs: Figures[]): void {
  const m = (k: keyof Figures) => median(runs.map((r) => r[k]));
  const line = (what: string, ms: number, refMs: number, unit: string, count: number) =>
    console.log(
      `${dialect.padEnd(10)} ${what.padEnd(34)} ${ms.toFixed(0).padStart(7)} ms  ${(count / (ms / 1000)).toFixed(0).padStart(9)} ${unit}/s` +
        `   reference ${refMs.toFixed(0).padStart(6)} ms   ratio ${(ms / refMs).toFixed(2)}`,
    );
  line(`ingest ${ACCOUNTS} accounts`, m('ingestMs'), m('ingestRefMs'), 'accounts', ACCOUNTS);
  line(`write + switch ${ACCOUNTS} results`, m('writeMs'), m('writeRefMs'), 'accounts', ACCOUNTS);
  line(`${LOOKUPS} related-account lookups`, m('lookupMs'), m('lookupRefMs'), 'lookups', LOOKUPS);
}

console.log(
  `store benchmark: ${ACCOUNTS} accounts, ${results.reduce((n, r) => n + r.related.length, 0)} related entries, ` +
    `median of ${RUNS} runs; reference = the bare driver doing the same inserts/selects`,
);

{
  const dir = mkdtempSync(join(tmpdir(), 'kindred-store-bench-'));
  try {
    const path = join(dir, 'bench.db');
    const runs: Figures[] = [];
    const store = await openStore(path);
    for (let run = 0; run < RUNS; run++) runs.push({ ...(await storeFigures(store, run)), ...(await sqliteReference(join(dir, 'ref.db'), run)) });
    await store.close();
    report('sqlite', runs);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const url = process.env.KINDRED_PG_URL;
if (!url) {
  console.log('postgres   KINDRED_PG_URL not set: PostgreSQL figures skipped');
} else {
  const schema = `kindred_bench_${process.pid}`;
  const refSchema = `${schema}_ref`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${refSchema}`);
  try {
    const runs: Figures[] = [];
    const store = await openStore(url, { pgSchema: schema });
    for (let run = 0; run < RUNS; run++) runs.push({ ...(await storeFigures(store, run)), ...(await pgReference(url, refSchema, run)) });
    await store.close();
    report('postgres', runs);
  } finally {
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.query(`DROP SCHEMA IF EXISTS ${refSchema} CASCADE`);
    await admin.end();
  }
}
