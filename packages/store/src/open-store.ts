import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { migrate } from './db/migrations.js';
import { PostgresDb } from './db/postgres-db.js';
import { SqliteDb } from './db/sqlite-db.js';
import { SqlStore } from './sql-store.js';
import type { Store, StoreOptions } from './types.js';

/**
 * Opens the store a URL names: `postgres://…` or `postgresql://…` → PostgreSQL (a pg Pool);
 * anything else is a SQLite file path (its folder is created if missing), or `:memory:`.
 * Pending schema migrations are applied, and runs left behind by dead processes are failed.
 */
export async function openStore(url: string, options: StoreOptions = {}): Promise<Store> {
  if (typeof url !== 'string' || url.trim() === '') {
    throw new Error('openStore: a SQLite file path, ":memory:" or a postgres:// URL is required');
  }
  let store: SqlStore;
  if (/^postgres(ql)?:\/\//i.test(url)) {
    const db = await PostgresDb.connect(url, {
      schema: options.pgSchema ?? 'public',
      poolSize: options.pgPoolSize ?? 10,
    });
    try {
      await migrate(db, (sql, tx) => db.exec(sql, tx), () => Date.now());
    } catch (error) {
      await db.close();
      throw error;
    }
    store = new SqlStore(db, options);
  } else {
    const filename = url.startsWith('file:') ? url.slice('file:'.length) : url;
    if (filename !== ':memory:') mkdirSync(dirname(resolve(filename)), { recursive: true });
    const db = new SqliteDb(filename, { busyTimeoutMs: options.busyTimeoutMs ?? 5_000 });
    try {
      await migrate(db, async (sql) => db.exec(sql), () => Date.now());
    } catch (error) {
      await db.close();
      throw error;
    }
    store = new SqlStore(db, options);
  }
  await store.recoverStaleRuns();
  return store;
}
