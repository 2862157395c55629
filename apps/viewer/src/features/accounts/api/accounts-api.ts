import type { AccountPage, AccountView } from '@kindred/contract';
import type { ApiClient } from '../../../shared/api/client.js';

export interface AccountFilters {
  q?: string;
  industry?: string;
  state?: string;
  country?: string;
  minGroupSize?: number;
}

export const ACCOUNTS_PAGE_SIZE = 200;

/** The tier whose group size the list shows and filters by. */
export const GROUP_TIER = 'family';

export function listAccounts(client: ApiClient, filters: AccountFilters, offset: number, signal?: AbortSignal) {
  return client.get<AccountPage>(
    '/v1/accounts',
    {
      q: filters.q?.trim(),
      industry: filters.industry?.trim(),
      state: filters.state?.trim(),
      country: filters.country?.trim(),
      groupTier: filters.minGroupSize ? GROUP_TIER : undefined,
      minGroupSize: filters.minGroupSize,
      limit: ACCOUNTS_PAGE_SIZE,
      offset,
    },
    signal,
  );
}

export function getAccount(client: ApiClient, id: string, signal?: AbortSignal) {
  return client.get<AccountView>(`/v1/accounts/${encodeURIComponent(id)}`, undefined, signal);
}
