/**
 * A run killed mid-write leaves the previous results current and readable, is detected as failed
 * (its process is gone) when the store is next opened, and does not block the next run.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store, type StoreOptions } from '../src/index.js';
import { completeRun } from './store-suite.js';
import { NO_CHANGES, makeAccounts, makeResults, metricsFor } from './fixtures.js';
import { PG_URL, dropPgSchema, freshPgSchema, pgRaw, sqliteFile } from './harness.js';

const CHILD = fileURLToPath(new URL('./kill/write-results.child.ts', import.meta.url));
const ACCOUNTS_IN_CHILD = 100_000;
const CHUNK = 2_000;
/** Kill once this many chunks are committed: well inside the version, far from its end. */
const KILL_AFTER_CHUNKS = 3;

interface Target {
  url: string;
  schema?: string;
  raw(sql: string): Promise<Record<string, unknown>[]>;
}

/** Starts the writer child, kills it with SIGKILL after a few chunks, and waits until it is gone. */
async function writeAndKill(target: Target, orgId: string): Promise<{ pid: number; runId: string; written: number }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', CHILD, target.url, target.schema ?? '-', orgId, String(ACCOUNTS_IN_CHILD), String(CHUNK)],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  let runId = '';
  let written = 0;
  const deadline = setTimeout(() => child.kill('SIGKILL'), 25_000);
  for await (const line of createInterface({ input: child.stdout })) {
    const message = JSON.parse(line) as { event: string; runId?: string; accounts?: number };
    if (message.event === 'claimed') runId = message.runId as string;
    if (message.event === 'written') {
      written = message.accounts as number;
      if (written >= KILL_AFTER_CHUNKS * CHUNK) {
        child.kill('SIGKILL');
        break;
      }
    }
    if (message.event === 'committed') break;
  }
  clearTimeout(deadline);
  const exit = await exited;
  expect(exit.signal, `the writer must die by SIGKILL mid-way; stderr:\n${stderr}`).toBe('SIGKILL');
  expect(written).toBeGreaterThanOrEqual(KILL_AFTER_CHUNKS * CHUNK);
  expect(written).toBeLessThan(ACCOUNTS_IN_CHILD);
  return { pid: child.pid as number, runId, written };
}

/**
 * `recovery`: how the dead run is noticed — by opening the store again afterwards (`reopen`), or
 * by a store that stayed open the whole time creating the next run (`create`).
 */
async function killScenario(target: Target, options: StoreOptions, recovery: 'reopen' | 'create'): Promise<void> {
  const previousIds = makeAccounts(400).map((a) => a.id);
  let store: Store = await openStore(target.url, options);
  try {
    const org = await store.createOrganisation('acme');
    await store.upsertAccounts(org.id, makeAccounts(400));
    const previous = await completeRun(store, org.id, makeResults(previousIds, 'v1'));
    const before: unknown[] = [];
    for await (const chunk of store.iterateResults(org.id)) before.push(...chunk);
    if (recovery === 'reopen') await store.close();

    const killed = await writeAndKill(target, org.id);
    // The killed writer's rows are in the database, not yet collected.
    const partial = await target.raw('SELECT COUNT(*) AS n FROM result_accounts');
    expect(Number(partial[0].n)).toBeGreaterThanOrEqual(400 + killed.written);

    if (recovery === 'reopen') store = await openStore(target.url, options);
    const next = await store.createRun(org.id, { mode: 'full' });
    const run = await store.getRun(org.id, killed.runId);
    expect(run?.status).toBe('failed');
    expect(run?.message).toContain(`(pid ${killed.pid}) exited before it finished`);
    expect((await store.currentResultsRun(org.id))?.id).toBe(previous.id);
    const after: unknown[] = [];
    for await (const chunk of store.iterateResults(org.id)) after.push(...chunk);
    expect(after).toEqual(before);
    expect((await store.getRelated(org.id, previousIds[0])).total).toBe(7);
    const left = await target.raw('SELECT COUNT(*) AS n FROM result_accounts');
    expect(Number(left[0].n)).toBe(400);

    await store.claimRun(org.id, next.id);
    const writer = await store.beginResults(org.id, next.id);
    const results = makeResults(previousIds, 'v3');
    await writer.writeAccounts(results);
    const done = await writer.commit({ metrics: metricsFor(results), changes: NO_CHANGES });
    expect(done.status).toBe('succeeded');
    expect((await store.getAccountGroups(org.id, previousIds[0]))?.groups.same).toBe('v3-s0');
    expect(await store.getRunChanges(org.id, next.id)).toEqual(NO_CHANGES);
  } finally {
    await store.close();
  }
}

const PG_SKIPPED = 'KINDRED_PG_URL not set: PostgreSQL kill test skipped';
if (!PG_URL) console.warn(PG_SKIPPED);

const disposals: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const dispose of disposals.splice(0)) await dispose();
});

describe('a run killed while writing its results', () => {
  const sqliteTarget = (): Target => {
    const file = sqliteFile();
    disposals.push(async () => file.dispose());
    return {
      url: file.path,
      async raw(sql) {
        const { default: Database } = await import('better-sqlite3');
        const db = new Database(file.path);
        try {
          return db.prepare(sql).all() as Record<string, unknown>[];
        } finally {
          db.close();
        }
      },
    };
  };

  it('SQLite: leaves the previous results intact; reopening notices the dead run; the next run proceeds', async () => {
    await killScenario(sqliteTarget(), {}, 'reopen');
  });

  it('SQLite: a store open all along notices the dead run when the next run is created', async () => {
    await killScenario(sqliteTarget(), {}, 'create');
  });

  describe.skipIf(!PG_URL)(PG_URL ? 'PostgreSQL at KINDRED_PG_URL' : PG_SKIPPED, () => {
    const pgTarget = (): { target: Target; options: StoreOptions } => {
      const url = PG_URL as string;
      const schema = freshPgSchema();
      disposals.push(() => dropPgSchema(url, schema));
      return { target: { url, schema, raw: (sql) => pgRaw(url, schema, sql) }, options: { pgSchema: schema } };
    };

    it('PostgreSQL: leaves the previous results intact; reopening notices the dead run; the next run proceeds', async () => {
      const { target, options } = pgTarget();
      await killScenario(target, options, 'reopen');
    });

    it('PostgreSQL: a store open all along notices the dead run when the next run is created', async () => {
      const { target, options } = pgTarget();
      await killScenario(target, options, 'create');
    });
  });
});
