import { useId, useMemo, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../../shared/api/api-error.js';
import { ErrorState, LoadingState } from '../../../shared/components/states.js';
import { useDebounced } from '../../../shared/hooks/use-debounced.js';
import { useDeleteSegment, useSaveSegment, useSegmentPreview } from '../hooks/use-segments.js';
import { FilterBuilder } from './filter-builder.js';
import { IncompleteFilterError, toDefinition, type BuilderState } from './filter-model.js';
import { IncludeRelatedControls } from './include-related-controls.js';
import { ReachCounts } from './reach-counts.js';
import { SegmentMembers } from './segment-members.js';

/** Builds a segment with live reach, and saves it (new) or updates it (reopened). */
export function SegmentEditor({ initial, segmentId, initialName }: { initial: BuilderState; segmentId?: string; initialName?: string }) {
  const [state, setState] = useState(initial);
  const [name, setName] = useState(initialName ?? '');
  const nameId = useId();
  const navigate = useNavigate();
  const save = useSaveSegment(segmentId);
  const remove = useDeleteSegment();

  const { definition, problem } = useMemo(() => {
    try {
      return { definition: toDefinition(state), problem: null };
    } catch (e) {
      if (e instanceof IncompleteFilterError) return { definition: null, problem: e.message };
      throw e;
    }
  }, [state]);
  const settled = useDebounced(definition, 300);
  const preview = useSegmentPreview(settled);
  const updating = preview.isFetching || settled !== definition;

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!definition || !name.trim()) return;
    save.mutate(
      { name: name.trim(), definition },
      { onSuccess: (saved) => !segmentId && navigate(`/segments/${encodeURIComponent(saved.id)}`) },
    );
  }

  return (
    <div className="segment-editor">
      <section className="card" aria-label="Segment definition">
        <FilterBuilder root={state.root} onChange={(root) => setState((s) => ({ ...s, root }))} />
        <IncludeRelatedControls
          enabled={state.includeRelated}
          tiers={state.tiers}
          relations={state.relations}
          onChange={(v) => setState((s) => ({ ...s, includeRelated: v.enabled, tiers: v.tiers, relations: v.relations }))}
        />
        {problem && (
          <p className="form-hint" role="status">
            {problem}
          </p>
        )}
        <form className="save-segment" onSubmit={submit}>
          <div className="field grow">
            <label htmlFor={nameId}>Segment name</label>
            <input id={nameId} value={name} onChange={(e) => setName(e.target.value)} required />
          </div>
          <button type="submit" className="primary" disabled={!definition || !name.trim() || save.isPending}>
            {save.isPending ? 'Saving…' : segmentId ? 'Save changes' : 'Save segment'}
          </button>
          {segmentId && (
            <button
              type="button"
              className="danger"
              disabled={remove.isPending}
              onClick={() => remove.mutate(segmentId, { onSuccess: () => navigate('/segments') })}
            >
              Delete
            </button>
          )}
          <span role="status">
            {save.isSuccess && 'Saved.'}
            {save.isError && <span className="form-error">{errorMessage(save.error)}</span>}
            {remove.isError && <span className="form-error">{errorMessage(remove.error)}</span>}
          </span>
        </form>
      </section>
      <section className="card" aria-label="Reach">
        <h2>Reach</h2>
        {!settled && !preview.data ? (
          <p className="muted">Complete the filter to see its reach.</p>
        ) : preview.isPending ? (
          <LoadingState label="Counting…" />
        ) : preview.error ? (
          <ErrorState error={preview.error} onRetry={() => void preview.refetch()} />
        ) : (
          <>
            <ReachCounts counts={preview.data.counts} updating={updating} />
            <SegmentMembers members={preview.data.items} total={preview.data.total} />
          </>
        )}
      </section>
    </div>
  );
}
