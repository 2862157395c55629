import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SegmentCreate, SegmentDefinition } from '@kindred/contract';
import { useApi } from '../../../shared/auth/auth-context.js';
import {
  createSegment,
  deleteSegment,
  getSegment,
  listSegments,
  previewSegment,
  updateSegment,
} from '../api/segments-api.js';

/** Live reach: re-evaluated whenever the (settled) definition changes; null while incomplete. */
export function useSegmentPreview(definition: SegmentDefinition | null) {
  const client = useApi();
  return useQuery({
    queryKey: ['segment-preview', definition],
    enabled: definition !== null,
    queryFn: ({ signal }) => previewSegment(client, definition!, signal),
    placeholderData: keepPreviousData,
  });
}

export function useSegments() {
  const client = useApi();
  return useQuery({ queryKey: ['segments'], queryFn: ({ signal }) => listSegments(client, signal) });
}

export function useSegment(id: string) {
  const client = useApi();
  return useQuery({ queryKey: ['segment', id], queryFn: ({ signal }) => getSegment(client, id, signal) });
}

export function useSaveSegment(id: string | undefined) {
  const client = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SegmentCreate) => (id ? updateSegment(client, id, input) : createSegment(client, input)),
    onSuccess: (saved) => {
      queryClient.setQueryData(['segment', saved.id], saved);
      void queryClient.invalidateQueries({ queryKey: ['segments'] });
    },
  });
}

export function useDeleteSegment() {
  const client = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => deleteSegment(client, id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['segments'] }),
  });
}
