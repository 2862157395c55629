import type { OverrideView, RelatedPage, RelatedRow, Relation, Tier } from '@kindred/contract';
import type { ApiClient } from '../../../shared/api/client.js';

export interface RelatedFilter {
  tiers: Tier[];
  relations: Relation[];
}

/** The largest page the API serves. */
const PAGE_SIZE = 1000;

/** Every related account (not capped): reads page after page until the total is reached. */
export async function getAllRelated(
  client: ApiClient,
  accountId: string,
  filter: RelatedFilter,
  signal?: AbortSignal,
): Promise<RelatedRow[]> {
  const all: RelatedRow[] = [];
  const path = `/v1/accounts/${encodeURIComponent(accountId)}/related`;
  for (let offset = 0; ; offset += PAGE_SIZE) {
    const page = await client.get<RelatedPage>(
      path,
      { tier: filter.tiers, relation: filter.relations, limit: PAGE_SIZE, offset },
      signal,
    );
    all.push(...page.items);
    if (page.items.length < PAGE_SIZE || all.length >= page.total) return all;
  }
}

export type OverrideKind = OverrideView['kind'];

export function recordOverride(client: ApiClient, a: string, b: string, kind: OverrideKind) {
  return client.post<OverrideView>('/v1/overrides', { a, b, kind });
}
