import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../../shared/auth/auth-context.js';
import { ACTIVE_STATUSES, getRun, getRunChanges, listRecentRuns, startRun, type Run } from '../api/runs-api.js';

export const RUN_HISTORY_DAYS = 90;
const POLL_MS = 500;

const isActive = (run: Run | undefined) => !!run && ACTIVE_STATUSES.includes(run.status);

export function useRecentRuns() {
  const client = useApi();
  return useQuery({
    queryKey: ['runs', RUN_HISTORY_DAYS],
    queryFn: ({ signal }) => listRecentRuns(client, RUN_HISTORY_DAYS, 2000, signal),
    // While a run is active, the list follows it too.
    refetchInterval: (q) => (q.state.data?.some(isActive) ? POLL_MS * 4 : false),
  });
}

/** One run; polled while it is queued or running, so progress is live. */
export function useRun(id: string | undefined) {
  const client = useApi();
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: ['run', id],
    enabled: !!id,
    queryFn: async ({ signal }) => {
      const run = await getRun(client, id!, signal);
      const before = queryClient.getQueryData<Run>(['run', id]);
      if (isActive(before) && !isActive(run)) {
        // The run just finished: everything derived from results may have changed.
        void queryClient.invalidateQueries({ queryKey: ['runs'] });
        void queryClient.invalidateQueries({ queryKey: ['accounts'] });
        void queryClient.invalidateQueries({ queryKey: ['related'] });
      }
      return run;
    },
    refetchInterval: (q) => (isActive(q.state.data) ? POLL_MS : false),
  });
}

export function useRunChanges(run: Run | undefined) {
  const client = useApi();
  return useQuery({
    queryKey: ['run-changes', run?.id],
    enabled: run?.status === 'succeeded',
    queryFn: ({ signal }) => getRunChanges(client, run!.id, signal),
  });
}

export function useStartRun() {
  const client = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (mode: 'full' | 'incremental') => startRun(client, mode),
    onSuccess: (run) => {
      queryClient.setQueryData(['run', run.id], run);
      void queryClient.invalidateQueries({ queryKey: ['runs'] });
    },
  });
}
