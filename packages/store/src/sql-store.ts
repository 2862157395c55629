/**
 * The Store over either database: one implementation, portable SQL, dialect differences kept in
 * `Db`. Organisation scoping: every statement on organisation data filters by `org_id`, and result
 * tables are reached only through the organisation's own current-version pointer.
 */
import { hash, randomBytes, randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { LRUCache } from 'lru-cache';
import { TIERS, type Account, type AccountResult, type GroupChanges, type RelatedAccount, type Tier } from '@kindred/contract';
import type { Column, Db, Param, Sql } from './db/db.js';
import { likePattern } from './db/db.js';
import { ConflictError, InvalidInputError, NotFoundError, RunActiveError, RunStateError } from './errors.js';
import { RELATED_ACCOUNT_FIELDS } from './types.js';
import type {
  AccountChange,
  AccountAssignment,
  StoredResult,
  AccountChanges,
  AccountGroupsView,
  AccountQuery,
  AccountRecord,
  ApiKeyInfo,
  CommitResultsInput,
  CreateRunInput,
  CreatedApiKey,
  GroupQuery,
  GroupSummary,
  Json,
  Organisation,
  Override,
  OverrideInput,
  Page,
  PageRequest,
  PruneRunsOptions,
  RecoverRunsOptions,
  RelatedAccountFields,
  RelatedAccountRow,
  RelatedAccountSummary,
  RelatedLookup,
  RelatedQuery,
  RelatedState,
  ResultWriter,
  Run,
  RunMode,
  RunQuery,
  RunStatus,
  RunTrigger,
  RunUpdate,
  Segment,
  SegmentInput,
  Store,
  StoreOptions,
  StoredAccount,
  UpsertAccountsResult,
} from './types.js';
import {
  accountJson,
  checkKey,
  checkRelation,
  checkResult,
  checkTier,
  jsonText,
  pageLimit,
  pageOffset,
} from './validate.js';

const DAY_MS = 86_400_000;
const RETENTION_DAYS = 90;
const DEFAULT_STALE_AFTER_MS = 10 * 60_000;
/** A queued run nobody claimed for this long is failed (its creator on another host is gone). */
const QUEUED_TIMEOUT_MS = DAY_MS;
/** Accounts per transaction when writing results: short write locks, readers interleave. */
const RESULT_CHUNK = 2_000;
/** Ids per `IN (…)` list. */
const ID_CHUNK = 5_000;
const DEFAULT_API_KEY_CACHE_MS = 2_000;
/** API keys one process keeps found at most (each entry is a hash and an organisation). */
const API_KEY_CACHE_ENTRIES = 10_000;
const DEFAULT_DISPLAY_CACHE_CHARS = 8_000_000;


const GROUP_COLUMN: Record<Tier, string> = {
  same: 'same_group',
  family: 'family_group',
  related: 'related_group',
};
const TIER_RANK: Record<Tier, number> = { same: 0, family: 1, related: 2 };
const RUN_MODES = new Set<RunMode>(['full', 'incremental']);
const RUN_TRIGGERS = new Set<RunTrigger>(['api', 'schedule', 'cli', 'startup']);
const RUN_STATUSES = new Set<RunStatus>(['queued', 'running', 'succeeded', 'failed', 'skipped']);

const ACCOUNT_COLUMNS: readonly Column[] = [
  { name: 'org_id', type: 'text' },
  { name: 'id', type: 'text' },
  { name: 'record', type: 'text' },
  { name: 'name_lc', type: 'text' },
  { name: 'domain_lc', type: 'text' },
  { name: 'industry', type: 'text' },
  { name: 'state', type: 'text' },
  { name: 'country', type: 'text' },
  { name: 'display', type: 'text' },
  { name: 'seq', type: 'bigint' },
  { name: 'deleted', type: 'bigint' },
  { name: 'created_at', type: 'bigint' },
  { name: 'updated_at', type: 'bigint' },
];
const RESULT_ACCOUNT_COLUMNS: readonly Column[] = [
  { name: 'version', type: 'bigint' },
  { name: 'account_id', type: 'text' },
  { name: 'same_group', type: 'text' },
  { name: 'family_group', type: 'text' },
  { name: 'related_group', type: 'text' },
  { name: 'related', type: 'text' },
  { name: 'component', type: 'text' },
];
const ACCOUNT_HISTORY_COLUMNS: readonly Column[] = [
  { name: 'org_id', type: 'text' },
  { name: 'seq', type: 'bigint' },
  { name: 'id', type: 'text' },
  { name: 'previous', type: 'text' },
];

interface OrgRow {
  id: string;
  name: string;
  created_at: number;
}
interface ApiKeyRow {
  id: string;
  org_id: string;
  prefix: string;
  label: string | null;
  created_at: number;
  revoked_at: number | null;
}
interface AccountRow {
  id: string;
  record: string | null;
  seq: number;
  deleted: number;
  created_at: number;
  updated_at: number;
}
interface RunRow {
  no: number;
  id: string;
  org_id: string;
  mode: RunMode;
  trigger: RunTrigger;
  status: RunStatus;
  config: string | null;
  stage: string;
  percent: number;
  message: string | null;
  metrics: string | null;
  account_seq: number | null;
  result_version: number | null;
  owner_host: string | null;
  owner_pid: number | null;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
  heartbeat_at: number | null;
}
interface ResultAccountRow {
  account_id: string;
  same_group: string;
  family_group: string;
  related_group: string;
  component?: string | null;
}
interface ResultRow extends ResultAccountRow {
  /** JSON array of RelatedAccount, in display order. */
  related: string;
}
interface OverrideRow {
  id: string;
  a: string;
  b: string;
  kind: Override['kind'];
  created_at: number;
}
interface SegmentRow {
  id: string;
  name: string;
  description: string | null;
  definition: string;
  created_at: number;
  updated_at: number;
}

const iso = (ms: number): string => new Date(ms).toISOString();
const isoOrNull = (ms: number | null): string | null => (ms === null ? null : iso(ms));

/** SHA-256 suffices for API keys: they carry 256 random bits, so there is nothing to guess that a
 * slow password hash would protect, and an exact hash keeps the lookup one indexed equality. */
export function hashApiKey(key: string): string {
  // One-shot hash: no Hash object per request.
  return hash('sha256', key, 'hex');
}

function encodeCursor(value: string | number): string {
  return Buffer.from(String(value), 'utf8').toString('base64url');
}

/** Offset of a page whose cursor is a position (lists without a stable key of their own). */
function positionOf(request: PageRequest): number {
  return request.cursor === undefined ? pageOffset(request.offset) : decodeNumericCursor(request.cursor);
}

function decodeCursor(cursor: string): string {
  if (typeof cursor !== 'string' || !/^[A-Za-z0-9_-]+$/.test(cursor)) {
    throw new InvalidInputError('field "cursor" is not a cursor this store issued', { field: 'cursor' });
  }
  return Buffer.from(cursor, 'base64url').toString('utf8');
}

function decodeNumericCursor(cursor: string): number {
  const n = Number(decodeCursor(cursor));
  if (!Number.isSafeInteger(n)) {
    throw new InvalidInputError('field "cursor" is not a cursor this store issued', { field: 'cursor' });
  }
  return n;
}

function asList<T extends string>(value: T | readonly T[] | undefined): T[] | undefined {
  if (value === undefined) return undefined;
  return Array.isArray(value) ? [...value] : [value as T];
}

/** The lower-cased text a "domain" search looks in: website, domain and the e-mail's domain. */
function domainText(account: AccountRecord): string | null {
  const parts: string[] = [];
  if (typeof account.website === 'string') parts.push(account.website);
  if (typeof account.domain === 'string') parts.push(account.domain);
  if (typeof account.email === 'string') parts.push(account.email.slice(account.email.lastIndexOf('@') + 1));
  const text = parts.join(' ').toLowerCase().replaceAll('\u0000', '');
  return text === '' ? null : text;
}

/** The fields a related-accounts lookup shows, as a JSON object of the non-empty text ones. */
function displayJson(account: AccountRecord): string {
  const fields: Record<string, string> = {};
  for (const field of RELATED_ACCOUNT_FIELDS) {
    const value = account[field];
    if (typeof value === 'string' && value !== '') fields[field] = value;
  }
  return JSON.stringify(fields);
}

/** The display cache's key of an account: organisation and account id, unambiguously joined. */
function displayKey(orgId: string, accountId: string): string {
  return `${orgId}\u0000${accountId}`;
}

function relatedFields(display: string): RelatedAccountFields {
  const stored = JSON.parse(display) as Partial<RelatedAccountFields>;
  return {
    name: stored.name ?? null,
    website: stored.website ?? null,
    domain: stored.domain ?? null,
    parentId: stored.parentId ?? null,
    phone: stored.phone ?? null,
    address: stored.address ?? null,
    state: stored.state ?? null,
    country: stored.country ?? null,
    industry: stored.industry ?? null,
    source: stored.source ?? null,
  };
}

function textField(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value.replaceAll('\u0000', '') : null;
}

/** Throws on a query `relatedSlice` would refuse, before anything is read. */
function checkRelatedQuery(query: RelatedQuery): void {
  pageLimit(query.limit);
  positionOf(query);
  asList(query.tier)?.forEach((t) => checkTier(t));
  asList(query.relation)?.forEach((r) => checkRelation(r));
}

/** The page of a stored related list (JSON, in display order) that the query asks for. */
function relatedSlice(
  relatedText: string,
  query: RelatedQuery,
): { slice: RelatedAccount[]; total: number; limit: number; offset: number } {
  const limit = pageLimit(query.limit);
  const offset = positionOf(query);
  const tiers = asList(query.tier)?.map((t) => checkTier(t));
  const relations = asList(query.relation)?.map((r) => checkRelation(r));
  const all = JSON.parse(relatedText) as RelatedAccount[];
  const matching =
    tiers || relations
      ? all.filter((r) => (!tiers || tiers.includes(r.tier)) && (!relations || relations.includes(r.relation)))
      : all;
  return { slice: matching.slice(offset, offset + limit), total: matching.length, limit, offset };
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class SqlStore implements Store {
  readonly dialect: Store['dialect'];
  private readonly now: () => number;
  private readonly staleAfterMs: number;
  private readonly host = hostname();
  /** Found API keys by hash, for `apiKeyCacheMs`. */
  private readonly keyCache: LRUCache<string, { organisation: Organisation; keyId: string }> | undefined;
  /** Display fields of related accounts by organisation and account id (`displayKey`), each with
   * the organisation's account change sequence it was read under: valid while that is current.
   * Null fields are an account that is deleted or absent. */
  private readonly displayCache: LRUCache<string, { seq: number; fields: Readonly<RelatedAccountFields> | null }> | undefined;

  constructor(
    private readonly db: Db,
    options: StoreOptions = {},
  ) {
    this.dialect = db.dialect;
    const clock = options.now;
    this.now = clock ? () => clock().getTime() : () => Date.now();
    this.staleAfterMs = options.staleAfterMs ?? DEFAULT_STALE_AFTER_MS;
    const keyTtl = options.apiKeyCacheMs ?? DEFAULT_API_KEY_CACHE_MS;
    this.keyCache = keyTtl > 0 ? new LRUCache({ max: API_KEY_CACHE_ENTRIES, ttl: keyTtl }) : undefined;
    const displayChars = options.displayCacheChars ?? DEFAULT_DISPLAY_CACHE_CHARS;
    // Entry sizes are given with each `set`: the key and the display text the fields came from.
    this.displayCache = displayChars > 0 ? new LRUCache({ maxSize: displayChars }) : undefined;
  }

  // Organisations and keys ----------------------------------------------------------------------

  async createOrganisation(name: string): Promise<Organisation> {
    const trimmed = typeof name === 'string' ? name.trim() : '';
    checkKey(trimmed, 'organisation', { field: 'name' });
    await this.db.run('INSERT INTO organisations (id, name, created_at) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING', [
      randomUUID(),
      trimmed,
      this.now(),
    ]);
    const org = await this.findOrganisationByName(trimmed);
    if (!org) throw new NotFoundError('organisation', trimmed);
    return org;
  }

  async getOrganisation(orgId: string): Promise<Organisation | undefined> {
    const row = await this.db.get<OrgRow>('SELECT id, name, created_at FROM organisations WHERE id = ?', [orgId]);
    return row && toOrganisation(row);
  }

  async findOrganisationByName(name: string): Promise<Organisation | undefined> {
    const row = await this.db.get<OrgRow>('SELECT id, name, created_at FROM organisations WHERE name = ?', [
      typeof name === 'string' ? name.trim() : '',
    ]);
    return row && toOrganisation(row);
  }

  async listOrganisations(): Promise<Organisation[]> {
    const rows = await this.db.all<OrgRow>('SELECT id, name, created_at FROM organisations ORDER BY name');
    return rows.map(toOrganisation);
  }

  async createApiKey(orgId: string, options: { label?: string } = {}): Promise<CreatedApiKey> {
    await this.requireOrg(orgId);
    const key = `kdr_${randomBytes(32).toString('base64url')}`;
    const row: ApiKeyRow = {
      id: randomUUID(),
      org_id: orgId,
      prefix: key.slice(0, 8),
      label: options.label ?? null,
      created_at: this.now(),
      revoked_at: null,
    };
    await this.db.run(
      'INSERT INTO api_keys (id, org_id, key_hash, prefix, label, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      [row.id, orgId, hashApiKey(key), row.prefix, row.label, row.created_at],
    );
    return { key, info: toApiKeyInfo(row) };
  }

  async listApiKeys(orgId: string): Promise<ApiKeyInfo[]> {
    const rows = await this.db.all<ApiKeyRow>(
      'SELECT id, org_id, prefix, label, created_at, revoked_at FROM api_keys WHERE org_id = ? ORDER BY created_at, id',
      [orgId],
    );
    return rows.map(toApiKeyInfo);
  }

  async revokeApiKey(orgId: string, keyId: string): Promise<boolean> {
    const changed = await this.db.run(
      'UPDATE api_keys SET revoked_at = ? WHERE org_id = ? AND id = ? AND revoked_at IS NULL',
      [this.now(), orgId, keyId],
    );
    if (this.keyCache) {
      for (const [hash, found] of this.keyCache.entries()) if (found.keyId === keyId) this.keyCache.delete(hash);
    }
    return changed > 0;
  }

  async findOrganisationByApiKey(key: string): Promise<{ organisation: Organisation; keyId: string } | undefined> {
    if (typeof key !== 'string' || key === '') return undefined;
    const hash = hashApiKey(key);
    let found = this.keyCache?.get(hash);
    if (!found) {
      const row = await this.db.get<OrgRow & { key_id: string }>(
        `SELECT k.id AS key_id, o.id, o.name, o.created_at FROM api_keys k JOIN organisations o ON o.id = k.org_id
         WHERE k.key_hash = ? AND k.revoked_at IS NULL`,
        [hash],
      );
      if (!row) return undefined;
      found = { organisation: toOrganisation(row), keyId: row.key_id };
      // Unknown keys are not kept: a key created by another process works at once.
      this.keyCache?.set(hash, found);
    }
    return { organisation: { ...found.organisation }, keyId: found.keyId };
  }

  // Accounts ------------------------------------------------------------------------------------

  async upsertAccounts(orgId: string, accounts: readonly AccountRecord[]): Promise<UpsertAccountsResult> {
    if (!Array.isArray(accounts)) throw new InvalidInputError('accounts must be an array');
    // Validate everything first; the same id twice in one call: the later record wins.
    const incoming = new Map<string, { account: AccountRecord; json: string }>();
    accounts.forEach((account, index) => {
      const json = accountJson(account, index);
      incoming.delete(account.id);
      incoming.set(account.id, { account, json });
    });
    return this.db.transaction(async (tx) => {
      const org = await tx.get<{ account_seq: number }>(
        `SELECT account_seq FROM organisations WHERE id = ?${this.db.forUpdate}`,
        [orgId],
      );
      if (!org) throw new NotFoundError('organisation', orgId);
      let seq = org.account_seq;
      const ids = [...incoming.keys()];
      const existing = new Map<string, { record: string | null; deleted: number }>();
      for (let i = 0; i < ids.length; i += ID_CHUNK) {
        const rows = await tx.all<{ id: string; record: string | null; deleted: number }>(
          `SELECT id, record, deleted FROM accounts WHERE org_id = ? AND ${this.db.inList('id')}`,
          [orgId, this.db.listParam(ids.slice(i, i + ID_CHUNK))],
        );
        for (const row of rows) existing.set(row.id, row);
      }
      const now = this.now();
      const rows: Param[][] = [];
      // The record each change replaces ('null': none), for the next incremental run.
      const history: Param[][] = [];
      let inserted = 0;
      let updated = 0;
      let unchanged = 0;
      for (const [id, { account, json }] of incoming) {
        const before = existing.get(id);
        if (before && before.deleted === 0 && before.record === json) {
          unchanged++;
          continue;
        }
        if (before) updated++;
        else inserted++;
        history.push([orgId, seq + 1, id, before && before.deleted === 0 && before.record !== null ? before.record : 'null']);
        rows.push([
          orgId,
          id,
          json,
          textField(account.name)?.toLowerCase() ?? null,
          domainText(account),
          textField(account.industry),
          textField(account.state),
          textField(account.country),
          displayJson(account),
          ++seq,
          0,
          now,
          now,
        ]);
      }
      await tx.insertMany(
        'accounts',
        ACCOUNT_COLUMNS,
        rows,
        `ON CONFLICT (org_id, id) DO UPDATE SET record = excluded.record, name_lc = excluded.name_lc,
         domain_lc = excluded.domain_lc, industry = excluded.industry, state = excluded.state,
         country = excluded.country, display = excluded.display, seq = excluded.seq, deleted = 0,
         updated_at = excluded.updated_at`,
      );
      await tx.insertMany('account_history', ACCOUNT_HISTORY_COLUMNS, history);
      if (seq !== org.account_seq) {
        await tx.run('UPDATE organisations SET account_seq = ? WHERE id = ?', [seq, orgId]);
      }
      return { inserted, updated, unchanged, seq };
    });
  }

  async getAccount(orgId: string, id: string): Promise<StoredAccount | undefined> {
    const row = await this.db.get<AccountRow>(
      'SELECT id, record, seq, deleted, created_at, updated_at FROM accounts WHERE org_id = ? AND id = ? AND deleted = 0',
      [orgId, id],
    );
    return row && toStoredAccount(row);
  }

  async getAccounts(orgId: string, ids: string[]): Promise<StoredAccount[]> {
    const found = new Map<string, StoredAccount>();
    const unique = [...new Set(ids)];
    for (let i = 0; i < unique.length; i += ID_CHUNK) {
      const rows = await this.db.all<AccountRow>(
        `SELECT id, record, seq, deleted, created_at, updated_at FROM accounts
         WHERE org_id = ? AND deleted = 0 AND ${this.db.inList('id')}`,
        [orgId, this.db.listParam(unique.slice(i, i + ID_CHUNK))],
      );
      for (const row of rows) found.set(row.id, toStoredAccount(row));
    }
    return ids.flatMap((id) => {
      const account = found.get(id);
      return account ? [account] : [];
    });
  }

  async listAccounts(orgId: string, query: AccountQuery = {}): Promise<Page<StoredAccount>> {
    const limit = pageLimit(query.limit);
    const offset = query.cursor === undefined ? pageOffset(query.offset) : 0;
    let from = 'accounts a';
    const where: string[] = ['a.org_id = ?', 'a.deleted = 0'];
    const fromParams: Param[] = [];
    const params: Param[] = [orgId];
    if (query.groupSize) {
      const tier = checkTier(query.groupSize.tier, 'groupSize.tier');
      from += ` JOIN result_accounts ra ON ra.version = (SELECT current_version FROM organisations WHERE id = ?)
                AND ra.account_id = a.id
                JOIN result_groups g ON g.version = ra.version AND g.tier = ? AND g.group_id = ra.${GROUP_COLUMN[tier]}`;
      fromParams.push(orgId, tier);
      if (query.groupSize.minSize !== undefined) {
        where.push('g.size >= ?');
        params.push(query.groupSize.minSize);
      }
      if (query.groupSize.maxSize !== undefined) {
        where.push('g.size <= ?');
        params.push(query.groupSize.maxSize);
      }
    }
    if (query.search !== undefined && query.search.trim() !== '') {
      const pattern = likePattern(query.search.trim().toLowerCase());
      where.push("(a.name_lc LIKE ? ESCAPE '\\' OR a.domain_lc LIKE ? ESCAPE '\\')");
      params.push(pattern, pattern);
    }
    for (const field of ['industry', 'state', 'country'] as const) {
      const values = asList(query[field]);
      if (values === undefined) continue;
      where.push(this.db.inList(`a.${field}`));
      params.push(this.db.listParam(values));
    }
    if (query.ids !== undefined) {
      where.push(this.db.inList('a.id'));
      params.push(this.db.listParam(query.ids));
    }
    const base = `FROM ${from} WHERE ${where.join(' AND ')}`;
    const total = await this.count(`SELECT COUNT(*) AS n ${base}`, [...fromParams, ...params]);
    const pageWhere = query.cursor === undefined ? '' : ' AND a.id > ?';
    const pageParams = query.cursor === undefined ? [] : [decodeCursor(query.cursor)];
    const rows = await this.db.all<AccountRow>(
      `SELECT a.id, a.record, a.seq, a.deleted, a.created_at, a.updated_at ${base}${pageWhere}
       ORDER BY a.id LIMIT ? OFFSET ?`,
      [...fromParams, ...params, ...pageParams, limit + 1, offset],
    );
    return page(rows.map(toStoredAccount), limit, offset, total, (last) => encodeCursor(last.account.id));
  }

  countAccounts(orgId: string): Promise<number> {
    return this.count('SELECT COUNT(*) AS n FROM accounts WHERE org_id = ? AND deleted = 0', [orgId]);
  }

  async deleteAccount(orgId: string, id: string): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const org = await tx.get<{ account_seq: number }>(
        `SELECT account_seq FROM organisations WHERE id = ?${this.db.forUpdate}`,
        [orgId],
      );
      if (!org) return false;
      const seq = org.account_seq + 1;
      const before = await tx.get<{ record: string | null }>('SELECT record FROM accounts WHERE org_id = ? AND id = ? AND deleted = 0', [orgId, id]);
      if (!before) return false;
      await tx.insertMany('account_history', ACCOUNT_HISTORY_COLUMNS, [[orgId, seq, id, before.record ?? 'null']]);
      const changed = await tx.run(
        `UPDATE accounts SET deleted = 1, record = NULL, name_lc = NULL, domain_lc = NULL, industry = NULL,
         state = NULL, country = NULL, display = NULL, seq = ?, updated_at = ? WHERE org_id = ? AND id = ? AND deleted = 0`,
        [seq, this.now(), orgId, id],
      );
      if (changed === 0) return false;
      await tx.run('UPDATE organisations SET account_seq = ? WHERE id = ?', [seq, orgId]);
      return true;
    });
  }

  async accountSeq(orgId: string): Promise<number> {
    const row = await this.db.get<{ account_seq: number }>('SELECT account_seq FROM organisations WHERE id = ?', [orgId]);
    return row?.account_seq ?? 0;
  }

  async listAccountChanges(orgId: string, sinceSeq: number, options: { limit?: number } = {}): Promise<AccountChanges> {
    const limit = options.limit ?? 10_000;
    if (!Number.isInteger(limit) || limit < 1) {
      throw new InvalidInputError('field "limit" must be a positive integer', { field: 'limit' });
    }
    if (!Number.isInteger(sinceSeq) || sinceSeq < 0) {
      throw new InvalidInputError('field "sinceSeq" must be a non-negative integer', { field: 'sinceSeq' });
    }
    const rows = await this.db.all<AccountRow & { earlier: string | null }>(
      `SELECT a.id, a.record, a.seq, a.deleted, a.created_at, a.updated_at,
         (SELECT h.previous FROM account_history h WHERE h.org_id = a.org_id AND h.id = a.id AND h.seq > ?
          ORDER BY h.seq LIMIT 1) AS earlier
       FROM accounts a WHERE a.org_id = ? AND a.seq > ? ORDER BY a.seq LIMIT ?`,
      [sinceSeq, orgId, sinceSeq, limit + 1],
    );
    const more = rows.length > limit;
    const changes = rows.slice(0, limit).map((row): AccountChange => {
      const change: AccountChange = row.deleted
        ? { id: row.id, seq: row.seq, deleted: true }
        : { id: row.id, seq: row.seq, deleted: false, account: JSON.parse(row.record as string) as Account };
      if (row.earlier !== null) change.before = JSON.parse(row.earlier) as Account | null;
      return change;
    });
    return { changes, lastSeq: changes.length ? changes[changes.length - 1].seq : sinceSeq, more };
  }

  async *iterateAccounts(orgId: string, options: { chunkSize?: number } = {}): AsyncIterable<Account[]> {
    const chunkSize = options.chunkSize ?? 5_000;
    let after = '';
    for (;;) {
      const rows = await this.db.all<{ id: string; record: string }>(
        'SELECT id, record FROM accounts WHERE org_id = ? AND deleted = 0 AND id > ? ORDER BY id LIMIT ?',
        [orgId, after, chunkSize],
      );
      if (rows.length === 0) return;
      yield rows.map((row) => JSON.parse(row.record) as Account);
      if (rows.length < chunkSize) return;
      after = rows[rows.length - 1].id;
    }
  }

  // Runs ----------------------------------------------------------------------------------------

  async createRun(orgId: string, input: CreateRunInput): Promise<Run> {
    if (!RUN_MODES.has(input?.mode)) {
      throw new InvalidInputError('run: field "mode" must be "full" or "incremental"', { field: 'mode' });
    }
    const trigger = input.trigger ?? 'api';
    if (!RUN_TRIGGERS.has(trigger)) {
      throw new InvalidInputError(`run: field "trigger" must be one of ${[...RUN_TRIGGERS].join(', ')}`, {
        field: 'trigger',
      });
    }
    const config = input.config == null ? null : jsonText(input.config, 'run', 'config');
    await this.requireOrg(orgId);
    await this.recoverStaleRuns();
    for (let attempt = 0; ; attempt++) {
      try {
        const row = await this.db.get<RunRow>(
          `INSERT INTO runs (id, org_id, mode, trigger, status, config, stage, percent, owner_host, owner_pid, created_at)
           VALUES (?, ?, ?, ?, 'queued', ?, 'queued', 0, ?, ?, ?) RETURNING *`,
          [randomUUID(), orgId, input.mode, trigger, config, this.host, process.pid, this.now()],
        );
        return toRun(row as RunRow);
      } catch (error) {
        if (!this.db.isUniqueViolation(error)) throw error;
        const active = await this.activeRun(orgId);
        if (active) throw new RunActiveError(orgId, active.id);
        // The active run finished between the insert and the look-up: try again.
        if (attempt >= 3) throw error;
      }
    }
  }

  async claimRun(orgId: string, runId: string): Promise<Run | undefined> {
    await this.recoverStaleRuns();
    const now = this.now();
    const row = await this.db.get<RunRow>(
      `UPDATE runs SET status = 'running', stage = 'starting', owner_host = ?, owner_pid = ?, started_at = ?,
       heartbeat_at = ?, account_seq = (SELECT account_seq FROM organisations WHERE id = runs.org_id)
       WHERE org_id = ? AND id = ? AND status = 'queued' RETURNING *`,
      [this.host, process.pid, now, now, orgId, runId],
    );
    return row && toRun(row);
  }

  async claimNextRun(): Promise<Run | undefined> {
    await this.recoverStaleRuns();
    for (;;) {
      const next = await this.db.transaction((tx) =>
        tx.get<{ id: string; org_id: string }>(
          `SELECT id, org_id FROM runs WHERE status = 'queued' ORDER BY no LIMIT 1${this.db.forUpdateSkipLocked}`,
        ),
      );
      if (!next) return undefined;
      const claimed = await this.claimRun(next.org_id, next.id);
      if (claimed) return claimed;
      // Another worker claimed it between the look-up and the update: look again.
    }
  }

  async updateRun(orgId: string, runId: string, update: RunUpdate): Promise<Run> {
    const sets: string[] = [];
    const params: Param[] = [];
    const now = this.now();
    if (update.progress !== undefined) {
      const { stage, percent } = update.progress;
      if (typeof stage !== 'string' || stage === '') {
        throw new InvalidInputError('run update: field "progress.stage" must be a non-empty string', {
          field: 'progress.stage',
        });
      }
      if (typeof percent !== 'number' || !(percent >= 0 && percent <= 100)) {
        throw new InvalidInputError('run update: field "progress.percent" must be a number from 0 to 100', {
          field: 'progress.percent',
        });
      }
      sets.push('stage = ?', 'percent = ?');
      params.push(stage, percent);
    }
    if (update.message !== undefined) {
      sets.push('message = ?');
      params.push(update.message);
    }
    if (update.metrics !== undefined) {
      sets.push('metrics = ?');
      params.push(update.metrics === null ? null : jsonText(update.metrics, 'run update', 'metrics'));
    }
    if (update.accountSeq !== undefined) {
      if (!Number.isInteger(update.accountSeq) || update.accountSeq < 0) {
        throw new InvalidInputError('run update: field "accountSeq" must be a non-negative integer', {
          field: 'accountSeq',
        });
      }
      sets.push('account_seq = ?');
      params.push(update.accountSeq);
    }
    if (update.status !== undefined) {
      if (update.status !== 'failed' && update.status !== 'skipped') {
        throw new InvalidInputError(
          'run update: field "status" must be "failed" or "skipped" (a run succeeds by committing its results)',
          { field: 'status' },
        );
      }
      sets.push('status = ?', 'finished_at = ?');
      params.push(update.status, now);
    }
    sets.push("heartbeat_at = CASE WHEN status = 'running' THEN ? ELSE heartbeat_at END");
    params.push(now);
    const row = await this.db.get<RunRow>(
      `UPDATE runs SET ${sets.join(', ')} WHERE org_id = ? AND id = ? AND status IN ('queued', 'running') RETURNING *`,
      [...params, orgId, runId],
    );
    if (!row) {
      const run = await this.getRun(orgId, runId);
      if (!run) throw new NotFoundError('run', runId);
      throw new RunStateError(runId, run.status, 'update it');
    }
    if (row.status === 'failed') await this.collectGarbage(orgId);
    return toRun(row);
  }

  async heartbeatRun(orgId: string, runId: string): Promise<void> {
    await this.db.run("UPDATE runs SET heartbeat_at = ? WHERE org_id = ? AND id = ? AND status = 'running'", [
      this.now(),
      orgId,
      runId,
    ]);
  }

  async getRun(orgId: string, runId: string): Promise<Run | undefined> {
    const row = await this.db.get<RunRow>('SELECT * FROM runs WHERE org_id = ? AND id = ?', [orgId, runId]);
    return row && toRun(row);
  }

  async listRuns(orgId: string, query: RunQuery = {}): Promise<Page<Run>> {
    const limit = pageLimit(query.limit);
    const offset = query.cursor === undefined ? pageOffset(query.offset) : 0;
    const where = ['org_id = ?'];
    const params: Param[] = [orgId];
    const statuses = asList(query.status);
    if (statuses !== undefined) {
      for (const status of statuses) {
        if (!RUN_STATUSES.has(status)) {
          throw new InvalidInputError(`field "status" must be one of ${[...RUN_STATUSES].join(', ')}`, {
            field: 'status',
          });
        }
      }
      where.push(this.db.inList('status'));
      params.push(this.db.listParam(statuses));
    }
    const base = `FROM runs WHERE ${where.join(' AND ')}`;
    const total = await this.count(`SELECT COUNT(*) AS n ${base}`, params);
    const pageWhere = query.cursor === undefined ? '' : ' AND no < ?';
    const pageParams = query.cursor === undefined ? [] : [decodeNumericCursor(query.cursor)];
    const rows = await this.db.all<RunRow>(`SELECT * ${base}${pageWhere} ORDER BY no DESC LIMIT ? OFFSET ?`, [
      ...params,
      ...pageParams,
      limit + 1,
      offset,
    ]);
    const runs = rows.map((row) => ({ row, run: toRun(row) }));
    const result = page(runs, limit, offset, total, (last) => encodeCursor(last.row.no));
    return { ...result, items: result.items.map((r) => r.run) };
  }

  async activeRun(orgId: string): Promise<Run | undefined> {
    const row = await this.db.get<RunRow>(
      "SELECT * FROM runs WHERE org_id = ? AND status IN ('queued', 'running') ORDER BY no DESC LIMIT 1",
      [orgId],
    );
    return row && toRun(row);
  }

  async lastSuccessfulRun(orgId: string): Promise<Run | undefined> {
    const row = await this.db.get<RunRow>(
      "SELECT * FROM runs WHERE org_id = ? AND status = 'succeeded' ORDER BY no DESC LIMIT 1",
      [orgId],
    );
    return row && toRun(row);
  }

  async recoverStaleRuns(options: RecoverRunsOptions = {}): Promise<Run[]> {
    const staleAfterMs = options.staleAfterMs ?? this.staleAfterMs;
    const now = this.now();
    const active = await this.db.all<RunRow>("SELECT * FROM runs WHERE status IN ('queued', 'running') ORDER BY no");
    const failed: Run[] = [];
    for (const row of active) {
      const reason = this.staleReason(row, now, staleAfterMs);
      if (reason === undefined) continue;
      const updated = await this.db.get<RunRow>(
        `UPDATE runs SET status = 'failed', message = ?, finished_at = ?
         WHERE id = ? AND status = ? AND COALESCE(heartbeat_at, -1) = ? RETURNING *`,
        [reason, now, row.id, row.status, row.heartbeat_at ?? -1],
      );
      if (updated) failed.push(toRun(updated));
    }
    for (const orgId of new Set(failed.map((run) => run.orgId))) await this.collectGarbage(orgId);
    return failed;
  }

  async pruneRuns(options: PruneRunsOptions = {}): Promise<number> {
    const days = options.olderThanDays ?? RETENTION_DAYS;
    if (!Number.isFinite(days) || days < RETENTION_DAYS) {
      throw new InvalidInputError(`field "olderThanDays" must be at least ${RETENTION_DAYS}: runs are kept that long`, {
        field: 'olderThanDays',
      });
    }
    return this.db.run(
      `DELETE FROM runs WHERE status NOT IN ('queued', 'running') AND created_at < ?
       AND id NOT IN (SELECT current_run_id FROM organisations WHERE current_run_id IS NOT NULL)`,
      [this.now() - days * DAY_MS],
    );
  }

  // Results -------------------------------------------------------------------------------------

  async beginResults(orgId: string, runId: string): Promise<ResultWriter> {
    const version = await this.db.transaction(async (tx) => {
      const run = await tx.get<{ status: RunStatus }>(
        `SELECT status FROM runs WHERE org_id = ? AND id = ?${this.db.forUpdate}`,
        [orgId, runId],
      );
      if (!run) throw new NotFoundError('run', runId);
      if (run.status !== 'running') throw new RunStateError(runId, run.status, 'write results');
      const row = await tx.get<{ version: number }>(
        "INSERT INTO result_versions (org_id, run_id, state, created_at) VALUES (?, ?, 'writing', ?) RETURNING version",
        [orgId, runId, this.now()],
      );
      return (row as { version: number }).version;
    });
    return new SqlResultWriter(this, this.db, orgId, runId, version, this.now);
  }

  async currentResultsRun(orgId: string): Promise<Run | undefined> {
    const row = await this.db.get<RunRow>(
      'SELECT r.* FROM organisations o JOIN runs r ON r.id = o.current_run_id WHERE o.id = ?',
      [orgId],
    );
    return row && toRun(row);
  }

  async getRelated(orgId: string, accountId: string, query: RelatedQuery = {}): Promise<Page<RelatedAccountRow>> {
    checkRelatedQuery(query);
    const row = await this.db.get<{ related: string }>(
      `SELECT related FROM result_accounts
       WHERE version = (SELECT current_version FROM organisations WHERE id = ?) AND account_id = ?`,
      [orgId, accountId],
    );
    const { slice, total, limit, offset } = relatedSlice(row ? row.related : '[]', query);
    const records = new Map<string, Account>();
    if (slice.length > 0) {
      const rows = await this.db.all<{ id: string; record: string }>(
        `SELECT id, record FROM accounts WHERE org_id = ? AND deleted = 0 AND ${this.db.inList('id')}`,
        [orgId, this.db.listParam(slice.map((r) => r.id))],
      );
      for (const r of rows) records.set(r.id, JSON.parse(r.record) as Account);
    }
    const result: Page<RelatedAccountRow> = {
      items: slice.map((r) => ({
        id: r.id,
        tier: r.tier,
        relation: r.relation,
        score: r.score,
        reasons: r.reasons,
        account: records.get(r.id) ?? null,
      })),
      total,
      limit,
      offset,
    };
    if (offset + limit < total) result.nextCursor = encodeCursor(offset + limit);
    return result;
  }

  async relatedState(orgId: string): Promise<RelatedState | undefined> {
    const org = await this.db.get<{ current_version: number | null; current_run_id: string | null; account_seq: number }>(
      'SELECT current_version, current_run_id, account_seq FROM organisations WHERE id = ?',
      [orgId],
    );
    return org && { version: org.current_version, runId: org.current_run_id, accountSeq: org.account_seq };
  }

  async lookupRelated(orgId: string, accountId: string, query: RelatedQuery = {}): Promise<RelatedLookup | undefined> {
    // The account, the current version and run, and the account's related list in one read: a
    // result switch between two reads cannot pair a run with another version's list.
    const row = await this.db.get<{ run_id: string | null; account_seq: number; found: string | null; related: string | null }>(
      `SELECT o.current_run_id AS run_id, o.account_seq, a.id AS found, ra.related FROM organisations o
       LEFT JOIN accounts a ON a.org_id = o.id AND a.id = ? AND a.deleted = 0
       LEFT JOIN result_accounts ra ON ra.version = o.current_version AND ra.account_id = a.id
       WHERE o.id = ?`,
      [accountId, orgId],
    );
    if (!row || row.found === null) return undefined;
    if (row.related === null) {
      const limit = pageLimit(query.limit);
      const offset = query.cursor === undefined ? pageOffset(query.offset) : 0;
      return { runId: row.run_id, clustered: false, page: { items: [], total: 0, limit, offset } };
    }
    const { slice, total, limit, offset } = relatedSlice(row.related, query);
    const fields = await this.relatedFieldsOf(orgId, Number(row.account_seq), slice.map((r) => r.id));
    const items = slice.map(
      (r): RelatedAccountSummary => ({
        id: r.id,
        tier: r.tier,
        relation: r.relation,
        score: r.score,
        reasons: r.reasons,
        fields: fields.get(r.id) ?? null,
      }),
    );
    const page: Page<RelatedAccountSummary> = { items, total, limit, offset };
    if (offset + limit < total) page.nextCursor = encodeCursor(offset + limit);
    return { runId: row.run_id, clustered: true, page };
  }

  /** The display fields of accounts (null: deleted or absent), from the cache where they were
   * read under the organisation's current account change sequence `seq`. Fields read later than
   * `seq` was are newer, never older, than it promises: a change after it gives a new sequence,
   * under which these entries no longer count. The objects are frozen: callers share them. */
  private async relatedFieldsOf(
    orgId: string,
    seq: number,
    ids: readonly string[],
  ): Promise<Map<string, Readonly<RelatedAccountFields> | null>> {
    const found = new Map<string, Readonly<RelatedAccountFields> | null>();
    const cache = this.displayCache;
    const missing: string[] = [];
    for (const id of ids) {
      const entry = cache?.get(displayKey(orgId, id));
      if (entry !== undefined && entry.seq === seq) found.set(id, entry.fields);
      else missing.push(id);
    }
    if (missing.length === 0) return found;
    const rows = await this.db.all<{ id: string; display: string | null }>(
      `SELECT id, display FROM accounts WHERE org_id = ? AND deleted = 0 AND ${this.db.inList('id')}`,
      [orgId, this.db.listParam(missing)],
    );
    const sizes = new Map<string, number>();
    for (const r of rows) {
      if (r.display === null) continue;
      found.set(r.id, Object.freeze(relatedFields(r.display)));
      sizes.set(r.id, r.display.length);
    }
    for (const id of missing) {
      if (!found.has(id)) found.set(id, null);
      cache?.set(displayKey(orgId, id), { seq, fields: found.get(id)! }, { size: displayKey(orgId, id).length + (sizes.get(id) ?? 0) + 64 });
    }
    return found;
  }

  async getAccountGroups(orgId: string, accountId: string): Promise<AccountGroupsView | undefined> {
    return (await this.getAccountGroupsMany(orgId, [accountId])).get(accountId);
  }

  async getAccountGroupsMany(orgId: string, accountIds: readonly string[]): Promise<Map<string, AccountGroupsView>> {
    const views = new Map<string, AccountGroupsView>();
    const unique = [...new Set(accountIds)];
    for (let i = 0; i < unique.length; i += ID_CHUNK) {
      const rows = await this.db.all<
        ResultAccountRow & { same_size: number; family_size: number; related_size: number; run_id: string }
      >(
        `SELECT ra.account_id, ra.same_group, ra.family_group, ra.related_group, o.current_run_id AS run_id,
                gs.size AS same_size, gf.size AS family_size, gr.size AS related_size
         FROM organisations o
         JOIN result_accounts ra ON ra.version = o.current_version AND ${this.db.inList('ra.account_id')}
         JOIN result_groups gs ON gs.version = ra.version AND gs.tier = 'same' AND gs.group_id = ra.same_group
         JOIN result_groups gf ON gf.version = ra.version AND gf.tier = 'family' AND gf.group_id = ra.family_group
         JOIN result_groups gr ON gr.version = ra.version AND gr.tier = 'related' AND gr.group_id = ra.related_group
         WHERE o.id = ?`,
        [this.db.listParam(unique.slice(i, i + ID_CHUNK)), orgId],
      );
      for (const row of rows) {
        views.set(row.account_id, {
          groups: { same: row.same_group, family: row.family_group, related: row.related_group },
          sizes: { same: row.same_size, family: row.family_size, related: row.related_size },
          runId: row.run_id,
        });
      }
    }
    return views;
  }

  async getGroupMembers(orgId: string, tier: Tier, groupId: string, request: PageRequest = {}): Promise<Page<string>> {
    const column = GROUP_COLUMN[checkTier(tier)];
    const limit = pageLimit(request.limit);
    const offset = request.cursor === undefined ? pageOffset(request.offset) : 0;
    const base = `FROM result_accounts WHERE version = (SELECT current_version FROM organisations WHERE id = ?) AND ${column} = ?`;
    const params: Param[] = [orgId, groupId];
    const total = await this.count(`SELECT COUNT(*) AS n ${base}`, params);
    const pageWhere = request.cursor === undefined ? '' : ' AND account_id > ?';
    const pageParams = request.cursor === undefined ? [] : [decodeCursor(request.cursor)];
    const rows = await this.db.all<{ account_id: string }>(
      `SELECT account_id ${base}${pageWhere} ORDER BY account_id LIMIT ? OFFSET ?`,
      [...params, ...pageParams, limit + 1, offset],
    );
    return page(
      rows.map((r) => r.account_id),
      limit,
      offset,
      total,
      (last) => encodeCursor(last),
    );
  }

  async listGroups(orgId: string, query: GroupQuery = {}): Promise<Page<GroupSummary>> {
    const limit = pageLimit(query.limit);
    const offset = positionOf(query);
    const where = ['version = (SELECT current_version FROM organisations WHERE id = ?)'];
    const params: Param[] = [orgId];
    if (query.tier !== undefined) {
      where.push('tier = ?');
      params.push(checkTier(query.tier));
    }
    if (query.minSize !== undefined) {
      where.push('size >= ?');
      params.push(query.minSize);
    }
    const base = `FROM result_groups WHERE ${where.join(' AND ')}`;
    const total = await this.count(`SELECT COUNT(*) AS n ${base}`, params);
    const rows = await this.db.all<{ tier: Tier; group_id: string; size: number }>(
      `SELECT tier, group_id, size ${base}
       ORDER BY size DESC, CASE tier WHEN 'same' THEN 0 WHEN 'family' THEN 1 ELSE 2 END, group_id LIMIT ? OFFSET ?`,
      [...params, limit, offset],
    );
    const result: Page<GroupSummary> = {
      items: rows.map((r) => ({ tier: r.tier, groupId: r.group_id, size: r.size })),
      total,
      limit,
      offset,
    };
    if (offset + limit < total) result.nextCursor = encodeCursor(offset + limit);
    return result;
  }

  async *iterateResults(orgId: string, options: { chunkSize?: number } = {}): AsyncIterable<AccountResult[]> {
    const chunkSize = options.chunkSize ?? 5_000;
    const org = await this.db.get<{ current_version: number | null }>(
      'SELECT current_version FROM organisations WHERE id = ?',
      [orgId],
    );
    const version = org?.current_version ?? null;
    if (version === null) return;
    let after = '';
    for (;;) {
      const accounts = await this.db.all<ResultRow>(
        `SELECT account_id, same_group, family_group, related_group, related FROM result_accounts
         WHERE version = ? AND account_id > ? ORDER BY account_id LIMIT ?`,
        [version, after, chunkSize],
      );
      if (accounts.length === 0) {
        await this.checkVersionKept(version);
        return;
      }
      await this.checkVersionKept(version);
      yield accounts.map((row) => ({
        id: row.account_id,
        groups: { same: row.same_group, family: row.family_group, related: row.related_group },
        related: JSON.parse(row.related) as RelatedAccount[],
      }));
      const last = accounts[accounts.length - 1].account_id;
      if (accounts.length < chunkSize) return;
      after = last;
    }
  }

  async currentAssignment(orgId: string): Promise<AccountAssignment[]> {
    const rows = await this.db.all<ResultAccountRow>(
      `SELECT account_id, same_group, family_group, related_group, component FROM result_accounts
       WHERE version = (SELECT current_version FROM organisations WHERE id = ?) ORDER BY account_id`,
      [orgId],
    );
    return rows.map((row) => ({
      id: row.account_id,
      groups: { same: row.same_group, family: row.family_group, related: row.related_group },
      component: row.component ?? null,
    }));
  }

  async getRunChanges(orgId: string, runId: string): Promise<GroupChanges | undefined> {
    const row = await this.db.get<{ changes: string | null }>('SELECT changes FROM runs WHERE org_id = ? AND id = ?', [
      orgId,
      runId,
    ]);
    return row?.changes ? (JSON.parse(row.changes) as GroupChanges) : undefined;
  }

  async collectGarbage(orgId?: string): Promise<number> {
    const versions = await this.db.all<{ version: number }>(
      `SELECT v.version FROM result_versions v JOIN organisations o ON o.id = v.org_id
       WHERE (o.current_version IS NULL OR v.version <> o.current_version)
         AND NOT (v.state = 'writing' AND EXISTS (SELECT 1 FROM runs r WHERE r.id = v.run_id AND r.status = 'running'))
         ${orgId === undefined ? '' : 'AND v.org_id = ?'}
       ORDER BY v.version`,
      orgId === undefined ? [] : [orgId],
    );
    for (const { version } of versions) {
      await this.db.transaction(async (tx) => {
        await tx.run('DELETE FROM result_accounts WHERE version = ?', [version]);
        await tx.run('DELETE FROM result_groups WHERE version = ?', [version]);
        await tx.run('DELETE FROM result_versions WHERE version = ?', [version]);
      });
    }
    // Tombstones the current results already account for are no longer needed by any run.
    await this.db.run(
      `DELETE FROM accounts WHERE deleted = 1 ${orgId === undefined ? '' : 'AND org_id = ?'}
       AND seq <= COALESCE((SELECT r.account_seq FROM organisations o JOIN runs r ON r.id = o.current_run_id
                            WHERE o.id = accounts.org_id), -1)`,
      orgId === undefined ? [] : [orgId],
    );
    return versions.length;
  }

  // Overrides -----------------------------------------------------------------------------------

  async putOverride(orgId: string, input: OverrideInput): Promise<Override> {
    const a = checkKey(input?.a, 'override', { field: 'a' });
    const b = checkKey(input?.b, 'override', { field: 'b' });
    if (input.kind !== 'must-link' && input.kind !== 'cannot-link') {
      throw new InvalidInputError('override: field "kind" must be "must-link" or "cannot-link"', { field: 'kind' });
    }
    if (a === b) throw new InvalidInputError('override: fields "a" and "b" must name two different accounts', { field: 'b' });
    await this.requireOrg(orgId);
    const [low, high] = a < b ? [a, b] : [b, a];
    const row = await this.db.get<OverrideRow>(
      `INSERT INTO overrides (id, org_id, a, b, kind, created_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (org_id, a, b) DO UPDATE SET kind = excluded.kind, created_at = excluded.created_at
       RETURNING id, a, b, kind, created_at`,
      [randomUUID(), orgId, low, high, input.kind, this.now()],
    );
    return toOverride(row as OverrideRow);
  }

  async listOverrides(orgId: string): Promise<Override[]> {
    const rows = await this.db.all<OverrideRow>(
      'SELECT id, a, b, kind, created_at FROM overrides WHERE org_id = ? ORDER BY a, b',
      [orgId],
    );
    return rows.map(toOverride);
  }

  async deleteOverride(orgId: string, overrideId: string): Promise<boolean> {
    return (await this.db.run('DELETE FROM overrides WHERE org_id = ? AND id = ?', [orgId, overrideId])) > 0;
  }

  // Segments ------------------------------------------------------------------------------------

  async createSegment(orgId: string, input: SegmentInput): Promise<Segment> {
    const name = segmentName(input?.name);
    const definition = jsonText(input?.definition, 'segment', 'definition');
    await this.requireOrg(orgId);
    const now = this.now();
    const row = await this.db.get<SegmentRow>(
      `INSERT INTO segments (id, org_id, name, description, definition, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id, name, description, definition, created_at, updated_at`,
      [randomUUID(), orgId, name, input.description ?? null, definition, now, now],
    );
    return toSegment(row as SegmentRow);
  }

  async getSegment(orgId: string, segmentId: string): Promise<Segment | undefined> {
    const row = await this.db.get<SegmentRow>(
      'SELECT id, name, description, definition, created_at, updated_at FROM segments WHERE org_id = ? AND id = ?',
      [orgId, segmentId],
    );
    return row && toSegment(row);
  }

  async listSegments(orgId: string): Promise<Segment[]> {
    const rows = await this.db.all<SegmentRow>(
      'SELECT id, name, description, definition, created_at, updated_at FROM segments WHERE org_id = ? ORDER BY name, created_at, id',
      [orgId],
    );
    return rows.map(toSegment);
  }

  async updateSegment(orgId: string, segmentId: string, input: Partial<SegmentInput>): Promise<Segment | undefined> {
    const sets: string[] = [];
    const params: Param[] = [];
    if (input.name !== undefined) {
      sets.push('name = ?');
      params.push(segmentName(input.name));
    }
    if (input.description !== undefined) {
      sets.push('description = ?');
      params.push(input.description);
    }
    if (input.definition !== undefined) {
      sets.push('definition = ?');
      params.push(jsonText(input.definition, 'segment', 'definition'));
    }
    sets.push('updated_at = ?');
    params.push(this.now());
    const row = await this.db.get<SegmentRow>(
      `UPDATE segments SET ${sets.join(', ')} WHERE org_id = ? AND id = ?
       RETURNING id, name, description, definition, created_at, updated_at`,
      [...params, orgId, segmentId],
    );
    return row && toSegment(row);
  }

  async deleteSegment(orgId: string, segmentId: string): Promise<boolean> {
    return (await this.db.run('DELETE FROM segments WHERE org_id = ? AND id = ?', [orgId, segmentId])) > 0;
  }

  // Lifecycle -----------------------------------------------------------------------------------

  async schemaVersion(): Promise<number> {
    const row = await this.db.get<{ version: number | null }>('SELECT MAX(version) AS version FROM schema_migrations');
    return row?.version ?? 0;
  }

  close(): Promise<void> {
    return this.db.close();
  }

  // Internals -----------------------------------------------------------------------------------

  private async count(sql: string, params: readonly Param[]): Promise<number> {
    const row = await this.db.get<{ n: number }>(sql, params);
    return Number(row?.n ?? 0);
  }

  private async requireOrg(orgId: string): Promise<void> {
    const row = await this.db.get<{ id: string }>('SELECT id FROM organisations WHERE id = ?', [orgId]);
    if (!row) throw new NotFoundError('organisation', orgId);
  }

  private async checkVersionKept(version: number): Promise<void> {
    const row = await this.db.get<{ version: number }>('SELECT version FROM result_versions WHERE version = ?', [version]);
    if (!row) throw new ConflictError('the results being read were replaced by a newer run: read them again');
  }

  private staleReason(row: RunRow, now: number, staleAfterMs: number): string | undefined {
    const ownedHere = row.owner_host === this.host && row.owner_pid !== null;
    if (row.status === 'running') {
      // On this host the owner's process is checked directly: alive means running (a long stage
      // without progress is not a dead run); elsewhere the heartbeat is the only sign of life.
      if (ownedHere) {
        return processAlive(row.owner_pid as number)
          ? undefined
          : `the process running it (pid ${row.owner_pid}) exited before it finished`;
      }
      const lastSign = row.heartbeat_at ?? row.started_at ?? row.created_at;
      if (now - lastSign > staleAfterMs) {
        return `no sign of life for ${Math.round((now - lastSign) / 1000)} s (process ${row.owner_pid} on ${row.owner_host})`;
      }
    } else if (row.status === 'queued') {
      if (ownedHere && !processAlive(row.owner_pid as number)) {
        return `the process that queued it (pid ${row.owner_pid}) exited before it started`;
      }
      if (now - row.created_at > QUEUED_TIMEOUT_MS) {
        return `queued for ${Math.round((now - row.created_at) / 3_600_000)} h without starting`;
      }
    }
    return undefined;
  }
}

/** Writes one result version; see `ResultWriter`. */
class SqlResultWriter implements ResultWriter {
  constructor(
    private readonly store: SqlStore,
    private readonly db: Db,
    private readonly orgId: string,
    readonly runId: string,
    readonly version: number,
    private readonly now: () => number,
  ) {}

  async writeAccounts(results: StoredResult[]): Promise<void> {
    if (!Array.isArray(results)) throw new InvalidInputError('results must be an array');
    results.forEach(checkResult);
    for (let start = 0; start < results.length; start += RESULT_CHUNK) {
      const chunk = results.slice(start, start + RESULT_CHUNK);
      const rows: Param[][] = chunk.map((result) => {
        const ordered = [...result.related].sort(
          (x, y) => TIER_RANK[x.tier] - TIER_RANK[y.tier] || y.score - x.score || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0),
        );
        const related = JSON.stringify(
          ordered.map((r) => ({ id: r.id, tier: r.tier, relation: r.relation, score: r.score, reasons: r.reasons })),
        );
        const component = typeof result.component === 'string' && result.component !== '' ? result.component : null;
        return [this.version, result.id, result.groups.same, result.groups.family, result.groups.related, related, component];
      });
      try {
        await this.db.transaction(async (tx) => {
          await this.requireRunning(tx, 'write results');
          await tx.insertMany('result_accounts', RESULT_ACCOUNT_COLUMNS, rows);
          await tx.run("UPDATE runs SET heartbeat_at = ? WHERE id = ? AND status = 'running'", [this.now(), this.runId]);
        });
      } catch (error) {
        if (this.db.isUniqueViolation(error)) {
          throw new InvalidInputError(
            `results: an account of this batch (records ${start}–${start + chunk.length - 1}) was already written in this run`,
            { index: start, field: 'id' },
          );
        }
        throw error;
      }
    }
  }

  async copyCurrent(options: { exclude?: Iterable<string> } = {}): Promise<number> {
    const exclude = this.db.listParam([...(options.exclude ?? [])]);
    return this.db.transaction(async (tx) => {
      await this.requireRunning(tx, 'write results');
      const org = await tx.get<{ current_version: number | null }>(
        'SELECT current_version FROM organisations WHERE id = ?',
        [this.orgId],
      );
      const current = org?.current_version ?? null;
      if (current === null) return 0;
      const copied = await tx.run(
        `INSERT INTO result_accounts (version, account_id, same_group, family_group, related_group, related, component)
         SELECT CAST(? AS BIGINT), account_id, same_group, family_group, related_group, related, component FROM result_accounts
         WHERE version = ? AND NOT (${this.db.inList('account_id')})
           AND account_id NOT IN (SELECT account_id FROM result_accounts WHERE version = ?)`,
        [this.version, current, exclude, this.version],
      );
      await tx.run("UPDATE runs SET heartbeat_at = ? WHERE id = ? AND status = 'running'", [this.now(), this.runId]);
      return copied;
    });
  }

  async commit(input: CommitResultsInput): Promise<Run> {
    const metrics = jsonText(input?.metrics, 'results', 'metrics');
    const changes = jsonText(input?.changes, 'results', 'changes');
    // Group sizes first (invisible until the switch), then the switch itself in one transaction.
    await this.db.transaction(async (tx) => {
      await this.requireRunning(tx, 'commit results');
      await tx.run('DELETE FROM result_groups WHERE version = ?', [this.version]);
      for (const tier of TIERS) {
        const column = GROUP_COLUMN[tier];
        await tx.run(
          `INSERT INTO result_groups (version, tier, group_id, size)
           SELECT CAST(? AS BIGINT), '${tier}', ${column}, COUNT(*) FROM result_accounts WHERE version = ? GROUP BY ${column}`,
          [this.version, this.version],
        );
      }
    });
    const row = await this.db.transaction(async (tx) => {
      await this.requireRunning(tx, 'commit results');
      const org = await tx.get<{ id: string }>(`SELECT id FROM organisations WHERE id = ?${this.db.forUpdate}`, [
        this.orgId,
      ]);
      if (!org) throw new NotFoundError('organisation', this.orgId);
      const now = this.now();
      await tx.run('UPDATE organisations SET current_version = ?, current_run_id = ? WHERE id = ?', [
        this.version,
        this.runId,
        this.orgId,
      ]);
      await tx.run("UPDATE result_versions SET state = 'committed' WHERE version = ?", [this.version]);
      // The change log before these results is no base for any later run.
      await tx.run('DELETE FROM account_history WHERE org_id = ? AND seq <= (SELECT account_seq FROM runs WHERE id = ?)', [
        this.orgId,
        this.runId,
      ]);
      return tx.get<RunRow>(
        `UPDATE runs SET status = 'succeeded', stage = 'done', percent = 100, metrics = ?, changes = ?,
         message = ?, result_version = ?, finished_at = ?, heartbeat_at = ? WHERE id = ? RETURNING *`,
        [metrics, changes, input.message ?? null, this.version, now, now, this.runId],
      );
    });
    await this.store.collectGarbage(this.orgId);
    return toRun(row as RunRow);
  }

  async abort(reason: string): Promise<void> {
    const run = await this.store.getRun(this.orgId, this.runId);
    if (run && (run.status === 'running' || run.status === 'queued')) {
      await this.store.updateRun(this.orgId, this.runId, { status: 'failed', message: reason });
    } else {
      await this.store.collectGarbage(this.orgId);
    }
  }

  private async requireRunning(tx: Sql, action: string): Promise<void> {
    const run = await tx.get<{ status: RunStatus }>(
      `SELECT status FROM runs WHERE id = ? AND org_id = ?${this.db.forUpdate}`,
      [this.runId, this.orgId],
    );
    if (!run) throw new NotFoundError('run', this.runId);
    if (run.status !== 'running') throw new RunStateError(this.runId, run.status, action);
  }
}

function page<T>(rows: T[], limit: number, offset: number, total: number, cursorOf: (last: T) => string): Page<T> {
  const items = rows.slice(0, limit);
  const result: Page<T> = { items, total, limit, offset };
  if (rows.length > limit) result.nextCursor = cursorOf(items[items.length - 1]);
  return result;
}

function segmentName(value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new InvalidInputError('segment: field "name" must be a non-empty string', { field: 'name' });
  }
  return value.trim();
}

function toOrganisation(row: OrgRow): Organisation {
  return { id: row.id, name: row.name, createdAt: iso(row.created_at) };
}

function toApiKeyInfo(row: ApiKeyRow): ApiKeyInfo {
  return {
    id: row.id,
    orgId: row.org_id,
    prefix: row.prefix,
    label: row.label,
    createdAt: iso(row.created_at),
    revokedAt: isoOrNull(row.revoked_at),
  };
}

function toStoredAccount(row: AccountRow): StoredAccount {
  return {
    account: JSON.parse(row.record as string) as Account,
    seq: row.seq,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

function toRun(row: RunRow): Run {
  return {
    id: row.id,
    orgId: row.org_id,
    mode: row.mode,
    trigger: row.trigger,
    status: row.status,
    config: row.config === null ? null : JSON.parse(row.config),
    progress: { stage: row.stage, percent: row.percent },
    message: row.message,
    metrics: row.metrics === null ? null : JSON.parse(row.metrics),
    accountSeq: row.account_seq,
    resultVersion: row.result_version,
    owner: row.owner_host === null || row.owner_pid === null ? null : { host: row.owner_host, pid: row.owner_pid },
    createdAt: iso(row.created_at),
    startedAt: isoOrNull(row.started_at),
    finishedAt: isoOrNull(row.finished_at),
    heartbeatAt: isoOrNull(row.heartbeat_at),
  };
}

function toOverride(row: OverrideRow): Override {
  return { id: row.id, a: row.a, b: row.b, kind: row.kind, createdAt: iso(row.created_at) };
}

function toSegment(row: SegmentRow): Segment {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    definition: JSON.parse(row.definition) as Json,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}
