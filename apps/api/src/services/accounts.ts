import type {
  AccountListQuery,
  AccountPage,
  AccountRecord,
  AccountView,
  IngestQuery,
  IngestRejectionView,
  IngestResponse,
  RelatedPage,
  RelatedQuery,
  RelatedRow,
} from '@kindred/contract';
import { LRUCache } from 'lru-cache';
import { AccountIngest, columnsOf, positionText, resolveColumnMapping, type SourceRecord } from '@kindred/core';
import type { Account } from '@kindred/contract';
import type { AccountQuery, RelatedAccountSummary, RelatedLookup, RelatedState, Store, StoredAccount } from '@kindred/store';
import { notFound } from '../http/problem.js';
import { parseIngestBody, type BodyFormat } from './ingest-body.js';

/** Accounts written to the store per call during an ingest. */
const UPSERT_BATCH = 10_000;
/** Default budget of the related-pages cache, in bytes of response body. */
const RELATED_CACHE_BYTES = 32_000_000;

export interface AccountServiceOptions {
  /** Budget of the in-process cache of related-accounts responses, in bytes of their UTF-8 JSON
   * body (plus their keys); 0 turns it off. Default 32 000 000. */
  relatedCacheBytes?: number;
}

/** A related-accounts response as the cache keeps it: the UTF-8 JSON body, sent as it is, and
 * its entity tag once the route computed it (a cached body is hashed once, not per request). */
export interface RelatedBody {
  readonly json: Buffer;
  etag?: string;
}

/** What the related-pages cache keeps for an account the organisation does not have. */
const NO_ACCOUNT: RelatedBody = { json: Buffer.alloc(0) };

function relatedRow(row: RelatedAccountSummary): RelatedRow {
  const f = row.fields;
  return {
    id: row.id,
    name: f?.name ?? null,
    website: f?.website ?? null,
    domain: f?.domain ?? null,
    parentId: f?.parentId ?? null,
    phone: f?.phone ?? null,
    address: f?.address ?? null,
    state: f?.state ?? null,
    country: f?.country ?? null,
    industry: f?.industry ?? null,
    source: f?.source ?? null,
    tier: row.tier,
    relation: row.relation,
    score: row.score,
    reasons: row.reasons,
    deleted: f === null,
  };
}

/** Ingest, search, read and delete an organisation's accounts; their related accounts. */
export class AccountService {
  /** Related-accounts responses (JSON text) by everything they depend on: the organisation's
   * result version and account change sequence (`Store.relatedState`), the account and the query.
   * A result switch or any account change gives new keys; old ones age out. */
  private readonly relatedCache: LRUCache<string, RelatedBody> | undefined;

  constructor(
    private readonly store: Store,
    options: AccountServiceOptions = {},
  ) {
    const bytes = options.relatedCacheBytes ?? RELATED_CACHE_BYTES;
    this.relatedCache =
      bytes > 0 ? new LRUCache({ maxSize: bytes, sizeCalculation: (body, key) => Math.max(1, body.json.length + key.length) }) : undefined;
  }

  /** Maps and validates every record of the body; stores the valid ones even when others are
   * rejected, and answers each rejection with its record, line, field and reason. */
  async ingest(orgId: string, format: BodyFormat, body: unknown, query: IngestQuery): Promise<IngestResponse> {
    const parsed = parseIngestBody(format, body);
    const rejected: IngestRejectionView[] = [...parsed.rejected];
    const columns = parsed.columns ?? columnsOf(parsed.records.map((r) => r.record as SourceRecord));
    const accepted: Account[] = [];
    if (parsed.records.length > 0) {
      // Throws ColumnMapError (answered 400) when the preset or map cannot apply to the columns.
      const ingest = new AccountIngest(resolveColumnMapping(columns, { preset: query.preset, map: query.map }));
      for (const { record, index, line } of parsed.records) {
        const outcome = ingest.accept(record, line === undefined ? { index } : { index, line });
        if (outcome.account) accepted.push(outcome.account);
        else {
          const r = outcome.rejection;
          rejected.push({ ...r, message: `${positionText(r)}: ${r.field}: ${r.message}` });
        }
      }
    }
    rejected.sort((a, b) => a.index - b.index);
    let inserted = 0;
    let updated = 0;
    let unchanged = 0;
    for (let start = 0; start < accepted.length; start += UPSERT_BATCH) {
      const result = await this.store.upsertAccounts(orgId, accepted.slice(start, start + UPSERT_BATCH));
      inserted += result.inserted;
      updated += result.updated;
      unchanged += result.unchanged;
    }
    return { accepted: accepted.length, inserted, updated, unchanged, rejected };
  }

  async list(orgId: string, query: AccountListQuery): Promise<AccountPage> {
    const storeQuery: AccountQuery = {
      limit: query.limit,
      offset: query.offset,
      ...(query.cursor ? { cursor: query.cursor } : {}),
      ...(query.q ? { search: query.q } : {}),
      ...(query.industry ? { industry: query.industry } : {}),
      ...(query.state ? { state: query.state } : {}),
      ...(query.country ? { country: query.country } : {}),
      ...(query.minGroupSize !== undefined || query.maxGroupSize !== undefined
        ? { groupSize: { tier: query.groupTier, minSize: query.minGroupSize, maxSize: query.maxGroupSize } }
        : {}),
    };
    const page = await this.store.listAccounts(orgId, storeQuery);
    return { ...page, items: await Promise.all(page.items.map((stored) => this.view(orgId, stored))) };
  }

  async get(orgId: string, id: string): Promise<AccountView> {
    const stored = await this.store.getAccount(orgId, id);
    if (!stored) throw notFound('account', id);
    return this.view(orgId, stored);
  }

  async delete(orgId: string, id: string): Promise<void> {
    if (!(await this.store.deleteAccount(orgId, id))) throw notFound('account', id);
  }

  /** The related accounts of an account in the current results (every one of them, paged). */
  async related(orgId: string, id: string, query: RelatedQuery): Promise<RelatedPage> {
    return relatedPage(await this.lookupRelated(orgId, id, query), query);
  }

  /** `related` as the response body (UTF-8 JSON), from the cache while nothing it depends on
   * changed. The state is read before the page: a page read under a newer state than its key
   * says is newer, never older, than the key promises. */
  async relatedBody(orgId: string, id: string, query: RelatedQuery): Promise<RelatedBody> {
    const cache = this.relatedCache;
    const state = cache && (await this.store.relatedState(orgId));
    const key = state && relatedKey(orgId, state, id, query);
    let body = key === undefined ? undefined : cache!.get(key);
    if (body === undefined) {
      const lookup = await this.store.lookupRelated(orgId, id, storeQuery(query));
      body = lookup ? { json: Buffer.from(JSON.stringify(relatedPage(lookup, query)), 'utf8') } : NO_ACCOUNT;
      if (key !== undefined) cache!.set(key, body);
    }
    if (body === NO_ACCOUNT) throw notFound('account', id);
    return body;
  }

  private async lookupRelated(orgId: string, id: string, query: RelatedQuery): Promise<RelatedLookup> {
    const lookup = await this.store.lookupRelated(orgId, id, storeQuery(query));
    if (!lookup) throw notFound('account', id);
    return lookup;
  }

  private async view(orgId: string, stored: StoredAccount): Promise<AccountView> {
    const groups = await this.store.getAccountGroups(orgId, stored.account.id);
    return {
      id: stored.account.id,
      account: stored.account as AccountRecord,
      groups: groups?.groups ?? null,
      groupSizes: groups?.sizes ?? null,
      createdAt: stored.createdAt,
      updatedAt: stored.updatedAt,
    };
  }
}

function relatedPage(lookup: RelatedLookup, query: RelatedQuery): RelatedPage {
  if (!lookup.clustered) {
    // Not clustered yet (no run since it arrived, or no run at all).
    return { items: [], total: 0, limit: query.limit, offset: query.offset, runId: lookup.runId };
  }
  return { ...lookup.page, items: lookup.page.items.map(relatedRow), runId: lookup.runId };
}

function storeQuery(query: RelatedQuery) {
  return {
    limit: query.limit,
    offset: query.offset,
    ...(query.cursor ? { cursor: query.cursor } : {}),
    ...(query.tier ? { tier: query.tier } : {}),
    ...(query.relation ? { relation: query.relation } : {}),
  };
}

/** The cache key of a related page: everything the response depends on, unambiguously joined. */
function relatedKey(orgId: string, state: RelatedState, id: string, query: RelatedQuery): string {
  return JSON.stringify([
    orgId,
    state.version,
    state.accountSeq,
    id,
    query.limit,
    query.offset,
    query.cursor ?? null,
    query.tier ?? null,
    query.relation ?? null,
  ]);
}
