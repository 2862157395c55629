import type { RunChangesView, RunPage, RunView } from '@kindred/contract';
import type { ApiClient } from '../../../shared/api/client.js';

export type Run = RunView;
export const ACTIVE_STATUSES: readonly Run['status'][] = ['queued', 'running'];

const PAGE_SIZE = 500;

/** Runs newest first, back to `sinceDays` days ago (bounded by `maxRuns`). */
export async function listRecentRuns(client: ApiClient, sinceDays: number, maxRuns = 2000, signal?: AbortSignal): Promise<Run[]> {
  const cutoff = Date.now() - sinceDays * 86_400_000;
  const runs: Run[] = [];
  for (let offset = 0; offset < maxRuns; offset += PAGE_SIZE) {
    const page = await client.get<RunPage>('/v1/runs', { limit: PAGE_SIZE, offset }, signal);
    runs.push(...page.items);
    const oldest = page.items[page.items.length - 1];
    if (page.items.length < PAGE_SIZE || !oldest || Date.parse(oldest.createdAt) < cutoff) break;
  }
  return runs.filter((r) => Date.parse(r.createdAt) >= cutoff);
}

export const getRun = (client: ApiClient, id: string, signal?: AbortSignal) =>
  client.get<Run>(`/v1/runs/${encodeURIComponent(id)}`, undefined, signal);

export const getRunChanges = (client: ApiClient, id: string, signal?: AbortSignal) =>
  client.get<RunChangesView>(`/v1/runs/${encodeURIComponent(id)}/changes`, undefined, signal);

export const startRun = (client: ApiClient, mode: 'full' | 'incremental') => client.post<Run>('/v1/runs', { mode });
