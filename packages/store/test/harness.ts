/** Fresh databases for the shared suite: a SQLite file in a temp folder, `:memory:`, or a
 * PostgreSQL schema of its own (dropped afterwards) so that test runs never collide. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { MIGRATIONS, migrate } from '../src/db/migrations.js';
import { PostgresDb } from '../src/db/postgres-db.js';
import { SqliteDb } from '../src/db/sqlite-db.js';
import { openStore } from '../src/index.js';
import type { HarnessKind, StoreHarness } from './store-suite.js';

export const PG_URL = process.env.KINDRED_PG_URL;

export function sqliteFile(): { path: string; dispose(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'kindred-store-'));
  return { path: join(dir, 'kindred.db'), dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

export const sqliteFileKind: HarnessKind = {
  persistent: true,
  async create(): Promise<StoreHarness> {
    const file = sqliteFile();
    return {
      open: (options) => openStore(file.path, options),
      async migrateTo(version) {
        const db = new SqliteDb(file.path, { busyTimeoutMs: 1_000 });
        try {
          await migrate(db, async (sql) => db.exec(sql), Date.now, MIGRATIONS.slice(0, version));
        } finally {
          await db.close();
        }
      },
      async raw(sql) {
        const db = new Database(file.path);
        try {
          const statement = db.prepare(sql);
          if (statement.reader) return statement.all() as Record<string, unknown>[];
          statement.run();
          return [];
        } finally {
          db.close();
        }
      },
      async dispose() {
        file.dispose();
      },
    };
  },
};

export const sqliteMemoryKind: HarnessKind = {
  persistent: false,
  async create(): Promise<StoreHarness> {
    return { open: (options) => openStore(':memory:', options), async dispose() {} };
  },
};

let schemas = 0;

/** A schema name unique to this process and call. */
export function freshPgSchema(): string {
  return `kindred_test_${process.pid}_${Date.now().toString(36)}_${schemas++}`;
}

export async function pgRaw(url: string, schema: string, sql: string): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

export async function dropPgSchema(url: string, schema: string): Promise<void> {
  await pgRaw(url, 'public', `DROP SCHEMA IF EXISTS ${schema} CASCADE`);
}

export function postgresKind(url: string): HarnessKind {
  return {
    persistent: true,
    async create(): Promise<StoreHarness> {
      const schema = freshPgSchema();
      return {
        open: (options) => openStore(url, { pgPoolSize: 4, ...options, pgSchema: schema }),
        async migrateTo(version) {
          const db = await PostgresDb.connect(url, { schema, poolSize: 1 });
          try {
            await migrate(db, (sql, tx) => db.exec(sql, tx), Date.now, MIGRATIONS.slice(0, version));
          } finally {
            await db.close();
          }
        },
        raw: (sql) => pgRaw(url, schema, sql),
        dispose: () => dropPgSchema(url, schema),
      };
    },
  };
}
