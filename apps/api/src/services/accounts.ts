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
import { AccountIngest, columnsOf, positionText, resolveColumnMapping, type SourceRecord } from '@kindred/core';
import type { Account } from '@kindred/contract';
import type { AccountQuery, RelatedAccountRow, Store, StoredAccount } from '@kindred/store';
import { notFound } from '../http/problem.js';
import { parseIngestBody, type BodyFormat } from './ingest-body.js';

/** Accounts written to the store per call during an ingest. */
const UPSERT_BATCH = 10_000;

const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

function relatedRow(row: RelatedAccountRow): RelatedRow {
  const a = row.account;
  return {
    id: row.id,
    name: text(a?.name),
    website: text(a?.website),
    domain: text(a?.domain),
    parentId: text(a?.parentId),
    phone: text(a?.phone),
    address: text(a?.address),
    state: text(a?.state),
    country: text(a?.country),
    industry: text(a?.industry),
    source: text(a?.source),
    tier: row.tier,
    relation: row.relation,
    score: row.score,
    reasons: row.reasons,
    deleted: a === null,
  };
}

/** Ingest, search, read and delete an organisation's accounts; their related accounts. */
export class AccountService {
  constructor(private readonly store: Store) {}

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
    if (!(await this.store.getAccount(orgId, id))) throw notFound('account', id);
    const groups = await this.store.getAccountGroups(orgId, id);
    if (!groups) {
      // Not clustered yet (no run since it arrived, or no run at all).
      const run = await this.store.currentResultsRun(orgId);
      return { items: [], total: 0, limit: query.limit, offset: query.offset, runId: run?.id ?? null };
    }
    const page = await this.store.getRelated(orgId, id, {
      limit: query.limit,
      offset: query.offset,
      ...(query.cursor ? { cursor: query.cursor } : {}),
      ...(query.tier ? { tier: query.tier } : {}),
      ...(query.relation ? { relation: query.relation } : {}),
    });
    return { ...page, items: page.items.map(relatedRow), runId: groups.runId };
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
