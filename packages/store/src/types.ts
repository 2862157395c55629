/**
 * The store: everything Kindred keeps between requests and runs, behind one interface with two
 * implementations (SQLite through better-sqlite3, PostgreSQL through pg).
 *
 * Rules every method follows:
 * - every method is async (pg is async; the SQLite implementation answers from resolved promises);
 * - every read and write of organisation data takes the organisation id first and never sees
 *   another organisation's rows; an id of another organisation behaves exactly like an unknown id;
 * - timestamps are ISO-8601 strings (UTC);
 * - wire types come from `@kindred/contract` and are stored as given (extra account attributes too).
 */
import type {
  Account,
  AccountResult,
  ClusterConfig,
  GroupChanges,
  GroupIds,
  Reason,
  Relation,
  RunMetrics,
  Tier,
} from '@kindred/contract';
import { ACCOUNT_FIELDS, type AccountField } from '@kindred/contract';

export type Dialect = 'sqlite' | 'postgres';

/** Any JSON value (saved segment definitions, stored as given). */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

// ---------------------------------------------------------------------------------------------
// Paging

/** Offset paging; `cursor` (from a previous page's `nextCursor`) takes precedence over `offset`
 * where a method documents keyset paging. */
export interface PageRequest {
  /** 1..1000; default 50. */
  limit?: number;
  /** Default 0. */
  offset?: number;
  /** Opaque keyset cursor from the previous page (methods that support it say so). */
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  /** Count of all rows matching the query, independent of paging. */
  total: number;
  limit: number;
  offset: number;
  /** Present when there are more rows after this page. */
  nextCursor?: string;
}

// ---------------------------------------------------------------------------------------------
// Organisations and API keys

export interface Organisation {
  id: string;
  name: string;
  createdAt: string;
}

export interface ApiKeyInfo {
  id: string;
  orgId: string;
  /** The first characters of the key (e.g. `kdr_Ab3x`), safe to show in listings. */
  prefix: string;
  label: string | null;
  createdAt: string;
  revokedAt: string | null;
}

/** Returned once by `createApiKey`: the plaintext key is not stored and cannot be shown again. */
export interface CreatedApiKey {
  key: string;
  info: ApiKeyInfo;
}

// ---------------------------------------------------------------------------------------------
// Accounts

/** An account record to store: an id and any attributes (a parsed `Account` is one). */
export type AccountRecord = Partial<Account> & { id: string };

/** A stored account: the record as ingested (all attributes) plus change bookkeeping. */
export interface StoredAccount {
  account: Account;
  /** The organisation's account change sequence number of this record's last change. */
  seq: number;
  createdAt: string;
  updatedAt: string;
}

export interface UpsertAccountsResult {
  /** New ids. */
  inserted: number;
  /** Existing ids (or tombstoned ones brought back) whose record changed. */
  updated: number;
  /** Existing ids whose record was identical: no new change sequence, nothing for a run to do. */
  unchanged: number;
  /** The organisation's account change sequence after this call. */
  seq: number;
}

export interface GroupSizeFilter {
  tier: Tier;
  /** Inclusive bounds on the size of the account's group of that tier in the current results. */
  minSize?: number;
  maxSize?: number;
}

export interface AccountQuery extends PageRequest {
  /** Case-insensitive substring of the name, or of the website / domain / e-mail domain. */
  search?: string;
  /** Exact value, or any of several values. */
  industry?: string | string[];
  state?: string | string[];
  country?: string | string[];
  /** Only accounts whose group (of the tier) in the current results has this size. Accounts
   * without results (no successful run yet, or ingested since) never match a group-size filter. */
  groupSize?: GroupSizeFilter;
  /** Optional explicit id set (e.g. a segment's members). */
  ids?: string[];
  // Ordered by id; `cursor` is keyset paging on id.
}

/** One change of the organisation's accounts, for incremental runs. */
export interface AccountChange {
  id: string;
  seq: number;
  /** The account was deleted (a tombstone); `account` is then absent. */
  deleted: boolean;
  account?: Account;
  /** The record as it was at `sinceSeq` (null: there was none, or it was deleted); absent when
   * the change log does not reach back that far (changes made before it was kept). The log
   * before the current results' `accountSeq` is pruned when a run commits. */
  before?: Account | null;
}

export interface AccountChanges {
  changes: AccountChange[];
  /** The highest sequence number included; pass it back as `sinceSeq` to continue. */
  lastSeq: number;
  /** More changes exist after `lastSeq` (the `limit` was reached). */
  more: boolean;
}

// ---------------------------------------------------------------------------------------------
// Runs

export type RunMode = 'full' | 'incremental';
/** `skipped`: a scheduled run that found no changed accounts (finished without new results). */
export type RunStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'skipped';
export const ACTIVE_RUN_STATUSES: readonly RunStatus[] = ['queued', 'running'];
export type RunTrigger = 'api' | 'schedule' | 'cli' | 'startup';

export interface RunProgress {
  /** Pipeline stage name (normalise, block, compare, score, link, cut, write …). */
  stage: string;
  /** 0..100 */
  percent: number;
}

/** The process that queued (while queued) or executes (while running) a run: a run whose process
 * on this host has exited is failed as stale. */
export interface RunOwner {
  host: string;
  pid: number;
}

export interface Run {
  id: string;
  orgId: string;
  mode: RunMode;
  trigger: RunTrigger;
  status: RunStatus;
  /** The effective configuration (as given to `createRun`), or null for the defaults. */
  config: ClusterConfig | null;
  progress: RunProgress;
  message: string | null;
  metrics: RunMetrics | null;
  /** The organisation's account change sequence when the run was claimed (or as set by
   * `updateRun`): the run reads every change up to it, the next incremental run the ones after. */
  accountSeq: number | null;
  /** The result version this run wrote, once it succeeded. */
  resultVersion: number | null;
  owner: RunOwner | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  heartbeatAt: string | null;
}

export interface CreateRunInput {
  mode: RunMode;
  config?: ClusterConfig | null;
  trigger?: RunTrigger;
}

export interface RunUpdate {
  progress?: RunProgress;
  message?: string | null;
  metrics?: RunMetrics | null;
  accountSeq?: number;
  /** Finish a running run without results: `failed` (with `message`) or `skipped`. Successful
   * runs finish through `ResultWriter.commit`, which switches the results atomically. */
  status?: 'failed' | 'skipped';
}

export interface RunQuery extends PageRequest {
  status?: RunStatus | RunStatus[];
  // Newest first; `cursor` is keyset paging on creation order.
}

export interface PruneRunsOptions {
  /** Delete finished runs created more than this many days ago; at least 90 (the retention
   * promise), default 90. The run holding the current results and active runs are never deleted. */
  olderThanDays?: number;
}

export interface RecoverRunsOptions {
  /** A running run of another host whose heartbeat is older than this is failed; default 10 minutes. */
  staleAfterMs?: number;
}

// ---------------------------------------------------------------------------------------------
// Results

/** A related account joined with the related account's stored record (absent if it was deleted
 * after the run). */
export interface RelatedAccountRow {
  id: string;
  tier: Tier;
  relation: Relation;
  score: number;
  reasons: Reason[];
  account: Account | null;
}

/** The fields of a related account that a related-accounts lookup shows. */
export type RelatedAccountField = Exclude<AccountField, 'id' | 'email'>;
export const RELATED_ACCOUNT_FIELDS: readonly RelatedAccountField[] = ACCOUNT_FIELDS.filter(
  (field): field is RelatedAccountField => field !== 'id' && field !== 'email',
);
/** Each field is the record's text, or null when the record has none (absent, empty, not text). */
export type RelatedAccountFields = Record<RelatedAccountField, string | null>;

/** A related account with the fields a lookup shows (null if it was deleted after the run). */
export interface RelatedAccountSummary {
  id: string;
  tier: Tier;
  relation: Relation;
  score: number;
  reasons: Reason[];
  fields: RelatedAccountFields | null;
}

/** What every related-accounts page of an organisation depends on besides the account and the
 * query (see `Store.relatedState`). */
export interface RelatedState {
  /** The current result version; null before the first successful run. */
  version: number | null;
  runId: string | null;
  /** The organisation's account change sequence: every account insert, update and delete moves it. */
  accountSeq: number;
}

/** One related-accounts page of an existing account (see `Store.lookupRelated`). */
export interface RelatedLookup {
  /** The run whose results are current; null before the first successful run. */
  runId: string | null;
  /** False when the current results have no row for the account (it arrived after the last run,
   * or there is none): `page` is then empty. */
  clustered: boolean;
  page: Page<RelatedAccountSummary>;
}

export interface RelatedQuery extends PageRequest {
  tier?: Tier | Tier[];
  relation?: Relation | Relation[];
  // Ordered by tier (same, family, related), then score descending, then id; `cursor` pages by position.
}

export interface AccountGroupsView {
  groups: GroupIds;
  sizes: Record<Tier, number>;
  /** The run whose results these are. */
  runId: string;
}

export interface GroupSummary {
  tier: Tier;
  groupId: string;
  size: number;
}

export interface GroupQuery extends PageRequest {
  tier?: Tier;
  /** Only groups with at least this many members. */
  minSize?: number;
  // Ordered by size descending, then group id; `cursor` pages by position.
}

/** A run's account → group assignment, as the next run needs it to keep group ids stable. */
export interface AccountAssignment {
  id: string;
  groups: GroupIds;
  /** The account's linkage component in that run (see `StoredResult`); null when the run did
   * not record one. */
  component: string | null;
}

/** An account's result as a run writes it: with its linkage component (the smallest account id
 * among the accounts linkage joined it to), which an incremental run reclusters by. */
export type StoredResult = AccountResult & { component?: string | null };

export interface CommitResultsInput {
  metrics: RunMetrics;
  changes: GroupChanges;
  message?: string | null;
}

/**
 * Writes one run's results as a new version. Nothing written is visible until `commit`, which
 * switches the organisation's current version, finishes the run as `succeeded` and records its
 * metrics and group changes in ONE transaction. A writer that fails, is aborted, or whose process
 * dies leaves the previous results current; its partial rows are garbage-collected later.
 */
export interface ResultWriter {
  readonly runId: string;
  readonly version: number;
  /** Append account results (any batch size; written in batched transactions). Also beats the
   * run's heartbeat. An account id may be written once per version. */
  writeAccounts(results: StoredResult[]): Promise<void>;
  /** Copy the current version's results of every account not in `exclude` and not yet written
   * to this version (incremental runs: untouched components keep their results), server-side.
   * Returns the number of accounts copied. */
  copyCurrent(options?: { exclude?: Iterable<string> }): Promise<number>;
  /** Switch to this version atomically; throws (leaving the previous results current) if the run
   * is no longer running, e.g. because it was failed as stale. Returns the finished run. */
  commit(input: CommitResultsInput): Promise<Run>;
  /** Discard this version and fail the run with `reason`. */
  abort(reason: string): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// Overrides and segments

export type OverrideKind = 'must-link' | 'cannot-link';

export interface Override {
  id: string;
  /** The pair is unordered and stored with a < b; a pair has at most one override (the latest). */
  a: string;
  b: string;
  kind: OverrideKind;
  createdAt: string;
}

export interface OverrideInput {
  a: string;
  b: string;
  kind: OverrideKind;
}

export interface Segment {
  id: string;
  name: string;
  description: string | null;
  definition: Json;
  createdAt: string;
  updatedAt: string;
}

export interface SegmentInput {
  name: string;
  description?: string | null;
  definition: Json;
}

// ---------------------------------------------------------------------------------------------
// The store

export interface StoreOptions {
  /** Clock for timestamps and retention (tests move time with it). Default: the system clock. */
  now?: () => Date;
  /** SQLite busy timeout; default 5000 ms. */
  busyTimeoutMs?: number;
  /** PostgreSQL: schema to use (created if missing); default `public`. */
  pgSchema?: string;
  /** PostgreSQL pool size; default 10. */
  pgPoolSize?: number;
  /** Passed to `recoverStaleRuns` on open and whenever a run is created or claimed. */
  staleAfterMs?: number;
  /** How long this process trusts an API key it found, in milliseconds; default 2000, 0 turns the
   * cache off. `revokeApiKey` in this process drops the key at once; a key revoked by another
   * process stops working here after at most this long. */
  apiKeyCacheMs?: number;
  /** Budget, in characters, of this process's cache of the display fields `lookupRelated` shows
   * (per organisation and account, valid while the organisation's account change sequence stays
   * the same: any account change empties it for that organisation); default 8 000 000, 0 turns
   * it off. */
  displayCacheChars?: number;
}

export interface Store {
  readonly dialect: Dialect;

  // Organisations and keys ----------------------------------------------------------------------
  /** Creates the organisation, or returns the existing one of that name (names are unique). */
  createOrganisation(name: string): Promise<Organisation>;
  getOrganisation(orgId: string): Promise<Organisation | undefined>;
  findOrganisationByName(name: string): Promise<Organisation | undefined>;
  listOrganisations(): Promise<Organisation[]>;
  /** A new random key (256 bits); only its SHA-256 is stored. */
  createApiKey(orgId: string, options?: { label?: string }): Promise<CreatedApiKey>;
  listApiKeys(orgId: string): Promise<ApiKeyInfo[]>;
  revokeApiKey(orgId: string, keyId: string): Promise<boolean>;
  /** The organisation an unrevoked key belongs to, or undefined. */
  findOrganisationByApiKey(key: string): Promise<{ organisation: Organisation; keyId: string } | undefined>;

  // Accounts ------------------------------------------------------------------------------------
  /** Insert or replace by (org, id). All-or-nothing: an invalid record (no id, or not JSON
   * serialisable) throws `InvalidInputError` naming it before anything is written. */
  upsertAccounts(orgId: string, accounts: readonly AccountRecord[]): Promise<UpsertAccountsResult>;
  getAccount(orgId: string, id: string): Promise<StoredAccount | undefined>;
  /** The stored records of the ids that exist, in the order of `ids`. */
  getAccounts(orgId: string, ids: string[]): Promise<StoredAccount[]>;
  listAccounts(orgId: string, query?: AccountQuery): Promise<Page<StoredAccount>>;
  countAccounts(orgId: string): Promise<number>;
  /** Deletes the account and leaves a tombstone change for the next incremental run. */
  deleteAccount(orgId: string, id: string): Promise<boolean>;
  /** The organisation's current account change sequence (0 before any account). */
  accountSeq(orgId: string): Promise<number>;
  /** Changes with sequence > `sinceSeq`, oldest first, at most `limit` (default 10 000). */
  listAccountChanges(orgId: string, sinceSeq: number, options?: { limit?: number }): Promise<AccountChanges>;
  /** All live accounts ordered by id, in chunks (default 5 000) read by keyset paging. */
  iterateAccounts(orgId: string, options?: { chunkSize?: number }): AsyncIterable<Account[]>;

  // Runs ----------------------------------------------------------------------------------------
  /** A new queued run; throws `RunActiveError` (with the active run's id) if the organisation
   * already has a queued or running run. */
  createRun(orgId: string, input: CreateRunInput): Promise<Run>;
  /** queued → running, owned by this process; undefined if the run is not queued (someone else
   * claimed it, or it does not exist). */
  claimRun(orgId: string, runId: string): Promise<Run | undefined>;
  /** Claims the oldest queued run of any organisation (workers sharing one PostgreSQL). */
  claimNextRun(): Promise<Run | undefined>;
  /** Progress, message, metrics, heartbeat; or finish a running run as failed/skipped. Throws
   * `NotFoundError` for an unknown run and `RunStateError` if the run is no longer active. */
  updateRun(orgId: string, runId: string, update: RunUpdate): Promise<Run>;
  /** Marks the run alive (progress updates and result writes also do). */
  heartbeatRun(orgId: string, runId: string): Promise<void>;
  getRun(orgId: string, runId: string): Promise<Run | undefined>;
  listRuns(orgId: string, query?: RunQuery): Promise<Page<Run>>;
  /** The active (queued or running) run, if any. */
  activeRun(orgId: string): Promise<Run | undefined>;
  lastSuccessfulRun(orgId: string): Promise<Run | undefined>;
  /** Fails runs left behind by dead processes: a running run whose process on this host has
   * exited, or whose process on another host sent no heartbeat for `staleAfterMs`; a queued run
   * whose creating process on this host has exited, or that nobody claimed for a day. Returns them.
   * Also runs on open and before every create/claim. */
  recoverStaleRuns(options?: RecoverRunsOptions): Promise<Run[]>;
  /** Deletes old finished runs of every organisation; returns how many. */
  pruneRuns(options?: PruneRunsOptions): Promise<number>;

  // Results -------------------------------------------------------------------------------------
  /** Opens a new result version for a running run of the organisation. */
  beginResults(orgId: string, runId: string): Promise<ResultWriter>;
  /** The run whose results are current, if any. */
  currentResultsRun(orgId: string): Promise<Run | undefined>;
  /** Related accounts of an account in the current results, joined with their records; an
   * account without current results answers an empty page. */
  getRelated(orgId: string, accountId: string, query?: RelatedQuery): Promise<Page<RelatedAccountRow>>;
  /** The read path of a related-accounts lookup: undefined when the organisation has no such
   * (undeleted) account; otherwise the current run, and the page of related accounts with the
   * fields a lookup shows (read from columns written with the account, not from its record).
   * Same order, filters and paging as `getRelated`. */
  lookupRelated(orgId: string, accountId: string, query?: RelatedQuery): Promise<RelatedLookup | undefined>;
  /** One primary-key read: while it answers the same, every `lookupRelated` of the organisation
   * answers the same (a cache key for related pages); undefined for an unknown organisation. */
  relatedState(orgId: string): Promise<RelatedState | undefined>;
  getAccountGroups(orgId: string, accountId: string): Promise<AccountGroupsView | undefined>;
  /** `getAccountGroups` of many accounts in one query (a page of accounts); ids without current
   * results are absent from the map. */
  getAccountGroupsMany(orgId: string, accountIds: readonly string[]): Promise<Map<string, AccountGroupsView>>;
  /** Member ids of a group in the current results, ordered by id. */
  getGroupMembers(orgId: string, tier: Tier, groupId: string, page?: PageRequest): Promise<Page<string>>;
  listGroups(orgId: string, query?: GroupQuery): Promise<Page<GroupSummary>>;
  /** The current results, ordered by account id, in chunks (default 5 000). */
  iterateResults(orgId: string, options?: { chunkSize?: number }): AsyncIterable<AccountResult[]>;
  /** The current account → groups assignment (what the next run keeps ids stable against). */
  currentAssignment(orgId: string): Promise<AccountAssignment[]>;
  /** The group changes a succeeded run recorded. */
  getRunChanges(orgId: string, runId: string): Promise<GroupChanges | undefined>;
  /** Deletes result versions that are neither current nor being written by an active run
   * (also runs after every commit); returns how many versions were removed. */
  collectGarbage(orgId?: string): Promise<number>;

  // Overrides -----------------------------------------------------------------------------------
  /** Adds (or replaces the kind of) the override of the unordered pair. */
  putOverride(orgId: string, input: OverrideInput): Promise<Override>;
  listOverrides(orgId: string): Promise<Override[]>;
  deleteOverride(orgId: string, overrideId: string): Promise<boolean>;

  // Segments ------------------------------------------------------------------------------------
  createSegment(orgId: string, input: SegmentInput): Promise<Segment>;
  getSegment(orgId: string, segmentId: string): Promise<Segment | undefined>;
  listSegments(orgId: string): Promise<Segment[]>;
  /** undefined if the segment does not exist (in this organisation). */
  updateSegment(orgId: string, segmentId: string, input: Partial<SegmentInput>): Promise<Segment | undefined>;
  deleteSegment(orgId: string, segmentId: string): Promise<boolean>;

  // Lifecycle -----------------------------------------------------------------------------------
  /** The highest applied schema migration. */
  schemaVersion(): Promise<number>;
  close(): Promise<void>;
}

/** `openStore(url, options)`: a file path or `:memory:` opens SQLite, a `postgres://` or
 * `postgresql://` URL opens PostgreSQL; pending schema migrations are applied before it resolves. */
export type OpenStore = (url: string, options?: StoreOptions) => Promise<Store>;
