/**
 * Versioned schema migrations, numbered, one SQL text per dialect. `migrate` applies the missing
 * ones in order inside one transaction and records each in `schema_migrations`; opening a database
 * that is already up to date changes nothing. A database migrated by a newer Kindred is refused.
 */
import { MigrationError } from '../errors.js';
import type { Dialect } from '../types.js';
import type { Db, Sql } from './db.js';

export interface Migration {
  version: number;
  name: string;
  sql: Record<Dialect, string>;
}

/** Column types that differ: ids sort byte-wise in both dialects (SQLite BINARY, PostgreSQL "C"). */
const T = {
  sqlite: { id: 'TEXT', time: 'INTEGER', int: 'INTEGER', float: 'REAL', serial: 'INTEGER PRIMARY KEY AUTOINCREMENT' },
  postgres: {
    id: 'TEXT COLLATE "C"',
    time: 'BIGINT',
    int: 'BIGINT',
    float: 'DOUBLE PRECISION',
    serial: 'BIGSERIAL PRIMARY KEY',
  },
} as const;

function initial(d: Dialect): string {
  const t = T[d];
  return `
CREATE TABLE organisations (
  id ${t.id} PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  created_at ${t.time} NOT NULL,
  account_seq ${t.int} NOT NULL DEFAULT 0,
  current_version ${t.int},
  current_run_id ${t.id}
);
CREATE TABLE api_keys (
  id ${t.id} PRIMARY KEY,
  org_id ${t.id} NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  key_hash TEXT NOT NULL UNIQUE,
  prefix TEXT NOT NULL,
  label TEXT,
  created_at ${t.time} NOT NULL,
  revoked_at ${t.time}
);
CREATE INDEX api_keys_org ON api_keys (org_id);

CREATE TABLE accounts (
  org_id ${t.id} NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  id ${t.id} NOT NULL,
  record TEXT,
  name_lc TEXT,
  domain_lc TEXT,
  industry TEXT,
  state TEXT,
  country TEXT,
  seq ${t.int} NOT NULL,
  deleted ${t.int} NOT NULL DEFAULT 0,
  created_at ${t.time} NOT NULL,
  updated_at ${t.time} NOT NULL,
  PRIMARY KEY (org_id, id)
);
CREATE INDEX accounts_seq ON accounts (org_id, seq);
CREATE INDEX accounts_industry ON accounts (org_id, industry);
CREATE INDEX accounts_state ON accounts (org_id, state);
CREATE INDEX accounts_country ON accounts (org_id, country);

CREATE TABLE runs (
  no ${t.serial},
  id ${t.id} NOT NULL UNIQUE,
  org_id ${t.id} NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  mode TEXT NOT NULL,
  trigger TEXT NOT NULL,
  status TEXT NOT NULL,
  config TEXT,
  stage TEXT NOT NULL,
  percent ${t.float} NOT NULL,
  message TEXT,
  metrics TEXT,
  changes TEXT,
  account_seq ${t.int},
  result_version ${t.int},
  owner_host TEXT,
  owner_pid ${t.int},
  created_at ${t.time} NOT NULL,
  started_at ${t.time},
  finished_at ${t.time},
  heartbeat_at ${t.time}
);
CREATE UNIQUE INDEX runs_one_active ON runs (org_id) WHERE status IN ('queued', 'running');
CREATE INDEX runs_org ON runs (org_id, no);
CREATE INDEX runs_org_status ON runs (org_id, status, no);
CREATE INDEX runs_status ON runs (status, no);

CREATE TABLE result_versions (
  version ${t.serial},
  org_id ${t.id} NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  run_id ${t.id} NOT NULL,
  state TEXT NOT NULL,
  created_at ${t.time} NOT NULL
);
CREATE INDEX result_versions_org ON result_versions (org_id);
CREATE TABLE result_accounts (
  version ${t.int} NOT NULL,
  account_id ${t.id} NOT NULL,
  same_group ${t.id} NOT NULL,
  family_group ${t.id} NOT NULL,
  related_group ${t.id} NOT NULL,
  PRIMARY KEY (version, account_id)
);
CREATE INDEX result_accounts_same ON result_accounts (version, same_group);
CREATE INDEX result_accounts_family ON result_accounts (version, family_group);
CREATE INDEX result_accounts_related ON result_accounts (version, related_group);
CREATE TABLE result_related (
  version ${t.int} NOT NULL,
  account_id ${t.id} NOT NULL,
  ord ${t.int} NOT NULL,
  related_id ${t.id} NOT NULL,
  tier TEXT NOT NULL,
  relation TEXT NOT NULL,
  score ${t.float} NOT NULL,
  reasons TEXT NOT NULL,
  PRIMARY KEY (version, account_id, ord)
);
CREATE TABLE result_groups (
  version ${t.int} NOT NULL,
  tier TEXT NOT NULL,
  group_id ${t.id} NOT NULL,
  size ${t.int} NOT NULL,
  PRIMARY KEY (version, tier, group_id)
);
CREATE INDEX result_groups_size ON result_groups (version, tier, size);

CREATE TABLE overrides (
  id ${t.id} PRIMARY KEY,
  org_id ${t.id} NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  a ${t.id} NOT NULL,
  b ${t.id} NOT NULL,
  kind TEXT NOT NULL,
  created_at ${t.time} NOT NULL,
  UNIQUE (org_id, a, b)
);
CREATE TABLE segments (
  id ${t.id} PRIMARY KEY,
  org_id ${t.id} NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  description TEXT,
  definition TEXT NOT NULL,
  created_at ${t.time} NOT NULL,
  updated_at ${t.time} NOT NULL
);
CREATE INDEX segments_org ON segments (org_id, created_at);
`;
}

/**
 * Each account's related list becomes one JSON array on its result row, in display order (tier,
 * then score descending, then id): a version is written as one row per account instead of one per
 * pair, and a related-accounts page is one indexed row read.
 */
const relatedAsJson: Record<Dialect, string> = {
  sqlite: `
ALTER TABLE result_accounts ADD COLUMN related TEXT NOT NULL DEFAULT '[]';
UPDATE result_accounts SET related = COALESCE((
  SELECT json_group_array(json_object('id', r.related_id, 'tier', r.tier, 'relation', r.relation,
                                      'score', r.score, 'reasons', json(r.reasons)) ORDER BY r.ord)
  FROM result_related r WHERE r.version = result_accounts.version AND r.account_id = result_accounts.account_id), '[]');
DROP TABLE result_related;
`,
  postgres: `
ALTER TABLE result_accounts ADD COLUMN related TEXT NOT NULL DEFAULT '[]';
UPDATE result_accounts a SET related = COALESCE((
  SELECT json_agg(json_build_object('id', r.related_id, 'tier', r.tier, 'relation', r.relation,
                                    'score', r.score, 'reasons', r.reasons::json) ORDER BY r.ord)::text
  FROM result_related r WHERE r.version = a.version AND r.account_id = a.account_id), '[]');
DROP TABLE result_related;
`,
};

/** The record fields a related-accounts lookup shows (`RELATED_ACCOUNT_FIELDS`). */
const DISPLAY_KEYS = "('name', 'website', 'domain', 'parentId', 'phone', 'address', 'state', 'country', 'industry', 'source')";

/**
 * Each account keeps the fields a related-accounts lookup shows as a small JSON object of its
 * own (its non-empty text fields), written with the record: a lookup reads those instead of
 * parsing every related account's whole record. Existing accounts are filled from their records.
 */
const accountDisplay: Record<Dialect, string> = {
  sqlite: `
ALTER TABLE accounts ADD COLUMN display TEXT;
UPDATE accounts SET display = (
  SELECT json_group_object(e.key, e.value) FROM json_each(accounts.record) e
  WHERE e.key IN ${DISPLAY_KEYS} AND e.type = 'text' AND e.value <> '')
WHERE record IS NOT NULL;
`,
  postgres: `
ALTER TABLE accounts ADD COLUMN display TEXT;
UPDATE accounts SET display = COALESCE((
  SELECT json_object_agg(e.key, e.value)::text FROM json_each(accounts.record::json) e
  WHERE e.key IN ${DISPLAY_KEYS} AND json_typeof(e.value) = 'string' AND e.value::text <> '""'), '{}')
WHERE record IS NOT NULL;
`,
};

/**
 * Incremental runs: each result row keeps its account's linkage component, and every account
 * change keeps the record it replaced ('null' for none) until a run's results cover it.
 */
function incrementalState(d: Dialect): string {
  const t = T[d];
  return `
ALTER TABLE result_accounts ADD COLUMN component ${t.id};
CREATE TABLE account_history (
  org_id ${t.id} NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  seq ${t.int} NOT NULL,
  id ${t.id} NOT NULL,
  previous TEXT NOT NULL,
  PRIMARY KEY (org_id, seq)
);
CREATE INDEX account_history_id ON account_history (org_id, id, seq);
`;
}

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial', sql: { sqlite: initial('sqlite'), postgres: initial('postgres') } },
  { version: 2, name: 'related lists as JSON', sql: relatedAsJson },
  { version: 3, name: 'account display fields', sql: accountDisplay },
  { version: 4, name: 'incremental run state', sql: { sqlite: incrementalState('sqlite'), postgres: incrementalState('postgres') } },
];

/**
 * Applies the missing migrations in one transaction; on PostgreSQL an advisory lock serialises
 * concurrent openers of the same schema (SQLite's BEGIN IMMEDIATE already does). Returns the
 * versions applied.
 */
export async function migrate(
  db: Db,
  /** Runs DDL (several statements) inside the migration transaction. */
  exec: (sql: string, tx: Sql) => Promise<void>,
  now: () => number,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<number[]> {
  const ordered = [...migrations].sort((a, b) => a.version - b.version);
  ordered.forEach((m, i) => {
    if (m.version !== i + 1) throw new MigrationError(`migrations must be numbered 1, 2, 3 …; found ${m.version} at ${i + 1}`);
  });
  return db.transaction(async (tx) => {
    if (db.dialect === 'postgres') {
      await tx.get("SELECT pg_advisory_xact_lock(hashtext(current_schema() || '.kindred_migrations')) AS locked");
    }
    await exec(
      `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at ${T[db.dialect].time} NOT NULL)`,
      tx,
    );
    const row = await tx.get<{ version: number | null }>('SELECT MAX(version) AS version FROM schema_migrations');
    const current = row?.version ?? 0;
    const latest = ordered.length;
    if (current > latest) {
      throw new MigrationError(
        `the database schema is at version ${current}, newer than this Kindred knows (${latest}): upgrade Kindred`,
      );
    }
    const applied: number[] = [];
    for (const migration of ordered.slice(current)) {
      await exec(migration.sql[db.dialect], tx);
      await tx.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [
        migration.version,
        migration.name,
        now(),
      ]);
      applied.push(migration.version);
    }
    return applied;
  });
}
