import type { SegmentCreate, SegmentDefinition, SegmentReach, SegmentView } from '@kindred/contract';
import type { ApiClient } from '../../../shared/api/client.js';

export type PreviewMember = SegmentReach['items'][number];

export const PREVIEW_PAGE_SIZE = 100;

export const previewSegment = (client: ApiClient, definition: SegmentDefinition, signal?: AbortSignal) =>
  client.request<SegmentReach>('/v1/segments/preview', {
    method: 'POST',
    body: definition,
    query: { limit: PREVIEW_PAGE_SIZE },
    signal,
  });

export const listSegments = (client: ApiClient, signal?: AbortSignal) =>
  client.get<{ items: SegmentView[] }>('/v1/segments', undefined, signal).then((r) => r.items);

export const getSegment = (client: ApiClient, id: string, signal?: AbortSignal) =>
  client.get<SegmentView>(`/v1/segments/${encodeURIComponent(id)}`, undefined, signal);

export const createSegment = (client: ApiClient, input: SegmentCreate) => client.post<SegmentView>('/v1/segments', input);

export const updateSegment = (client: ApiClient, id: string, input: SegmentCreate) =>
  client.put<SegmentView>(`/v1/segments/${encodeURIComponent(id)}`, input);

export const deleteSegment = (client: ApiClient, id: string) => client.delete<void>(`/v1/segments/${encodeURIComponent(id)}`);
