import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../../shared/auth/auth-context.js';
import { getAllRelated, recordOverride, type OverrideKind, type RelatedFilter } from '../api/related-api.js';

export function useRelated(accountId: string, filter: RelatedFilter) {
  const client = useApi();
  return useQuery({
    queryKey: ['related', accountId, filter],
    queryFn: ({ signal }) => getAllRelated(client, accountId, filter, signal),
    // While another filter loads, the current list stays on screen.
    placeholderData: (previous, previousQuery) => (previousQuery?.queryKey[1] === accountId ? keepPreviousData(previous) : undefined),
  });
}

export function useRecordOverride() {
  const client = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { a: string; b: string; kind: OverrideKind }) => recordOverride(client, v.a, v.b, v.kind),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['overrides'] }),
  });
}
