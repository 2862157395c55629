import type { SegmentView } from '@kindred/contract';
import type { ApiClient } from '../../../shared/api/client.js';

/** Saved segments to choose a scope or a reach from. */
export const listSavedSegments = (client: ApiClient, signal?: AbortSignal) =>
  client.get<{ items: SegmentView[] }>('/v1/segments', undefined, signal).then((r) => r.items);
