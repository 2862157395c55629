import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useApi } from '../../../shared/auth/auth-context.js';
import { ACCOUNTS_PAGE_SIZE, getAccount, listAccounts, type AccountFilters } from '../api/accounts-api.js';

/** Pages of accounts, fetched as the table scrolls. */
export function useAccountPages(filters: AccountFilters) {
  const client = useApi();
  return useInfiniteQuery({
    queryKey: ['accounts', filters],
    queryFn: ({ pageParam, signal }) => listAccounts(client, filters, pageParam, signal),
    initialPageParam: 0,
    getNextPageParam: (last, pages) => {
      const loaded = pages.length * ACCOUNTS_PAGE_SIZE;
      return loaded < last.total ? loaded : undefined;
    },
    placeholderData: keepPreviousData,
  });
}

export function useAccount(id: string) {
  const client = useApi();
  return useQuery({ queryKey: ['account', id], queryFn: ({ signal }) => getAccount(client, id, signal) });
}
