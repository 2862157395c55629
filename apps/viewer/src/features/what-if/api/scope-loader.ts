import type { AccountPage, AccountView, GroupIds, RelatedPage, RunPage, SegmentDefinition, SegmentReach, SegmentView } from '@kindred/contract';
import type { ApiClient } from '../../../shared/api/client.js';

/** Which accounts the what-if reclusters. */
export type WhatIfScope =
  | { kind: 'account'; accountId: string }
  | { kind: 'segment'; segmentId: string }
  | { kind: 'sample'; size: number };

export const MAX_SAMPLE = 100_000;
/** A neighbourhood is the account, its related accounts, and theirs; bounded for the browser. */
export const MAX_NEIGHBOURHOOD = 5_000;
const PAGE = 1000;
const CONCURRENCY = 8;

/** One account of the scope: its record, and its groups in the current run when known. */
export interface ScopeAccount {
  record: Record<string, unknown> & { id: string };
  groups: GroupIds | null;
}

export type LoadProgress = (loaded: number, expected: number | undefined) => void;

async function mapLimited<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  });
  await Promise.all(workers);
  return out;
}

async function relatedIds(client: ApiClient, id: string): Promise<string[]> {
  const ids: string[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await client.get<RelatedPage>(`/v1/accounts/${encodeURIComponent(id)}/related`, { limit: PAGE, offset });
    for (const r of page.items) if (!r.deleted) ids.push(r.id);
    if (page.items.length < PAGE || offset + PAGE >= page.total) return ids;
  }
}

async function loadNeighbourhood(client: ApiClient, accountId: string, progress: LoadProgress): Promise<ScopeAccount[]> {
  const first = await relatedIds(client, accountId);
  const ids = new Set([accountId, ...first]);
  progress(ids.size, undefined);
  // Second hop: the related accounts of the related accounts, so the what-if can show merges.
  const second = await mapLimited(first, CONCURRENCY, (id) => relatedIds(client, id));
  for (const list of second) for (const id of list) if (ids.size < MAX_NEIGHBOURHOOD) ids.add(id);
  const all = [...ids];
  let done = 0;
  const views = await mapLimited(all, CONCURRENCY, async (id) => {
    const view = await client.get<AccountView>(`/v1/accounts/${encodeURIComponent(id)}`);
    progress(++done, all.length);
    return view;
  });
  return views.map((v) => ({ record: { ...v.account, id: v.id }, groups: v.groups }));
}

async function loadSegment(client: ApiClient, segmentId: string, progress: LoadProgress): Promise<ScopeAccount[]> {
  const segment = await client.get<SegmentView>(`/v1/segments/${encodeURIComponent(segmentId)}`);
  // The segment's members and every account related to them, so regrouping can show its effect.
  const definition: SegmentDefinition = { filter: segment.definition.filter, includeRelated: { tiers: ['same', 'family', 'related'] } };
  const out: ScopeAccount[] = [];
  for (let offset = 0; offset < MAX_SAMPLE; offset += PAGE) {
    const page = await client.request<SegmentReach>('/v1/segments/preview', {
      method: 'POST',
      body: definition,
      query: { limit: PAGE, offset },
    });
    for (const m of page.items) out.push({ record: { ...m.account, id: m.id }, groups: null });
    progress(out.length, Math.min(page.total, MAX_SAMPLE));
    if (page.items.length < PAGE || out.length >= page.total) break;
  }
  return out;
}

async function loadSample(client: ApiClient, size: number, progress: LoadProgress): Promise<ScopeAccount[]> {
  const wanted = Math.max(1, Math.min(MAX_SAMPLE, Math.floor(size)));
  const out: ScopeAccount[] = [];
  for (let offset = 0; out.length < wanted; offset += PAGE) {
    const page = await client.get<AccountPage>('/v1/accounts', { limit: Math.min(PAGE, wanted - out.length), offset });
    for (const v of page.items) out.push({ record: { ...v.account, id: v.id }, groups: v.groups });
    progress(out.length, Math.min(wanted, page.total));
    if (page.items.length === 0 || offset + page.items.length >= page.total) break;
  }
  return out;
}

export function loadScope(client: ApiClient, scope: WhatIfScope, progress: LoadProgress): Promise<ScopeAccount[]> {
  switch (scope.kind) {
    case 'account':
      return loadNeighbourhood(client, scope.accountId, progress);
    case 'segment':
      return loadSegment(client, scope.segmentId, progress);
    case 'sample':
      return loadSample(client, scope.size, progress);
  }
}

/** The configuration of the latest successful run (null: the defaults). */
export async function currentRunConfig(client: ApiClient): Promise<unknown> {
  const page = await client.get<RunPage>('/v1/runs', { status: 'succeeded', limit: 1 });
  return page.items[0]?.config ?? null;
}
