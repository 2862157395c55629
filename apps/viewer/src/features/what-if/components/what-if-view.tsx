import { TIERS, type ClusterConfig, type Tier } from '@kindred/contract';
import { useEffect, useId, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { ErrorState, LoadingState } from '../../../shared/components/states.js';
import { formatCount, formatDuration, formatPercent } from '../../../shared/format/format.js';
import { TIER_LABELS } from '../../../shared/format/labels.js';
import { MAX_SAMPLE, type WhatIfScope } from '../api/scope-loader.js';
import { useSavedSegments, useWhatIf } from '../hooks/use-what-if.js';
import { ConfigSliders } from './config-sliders.js';
import { ScopePicker } from './scope-picker.js';
import { WhatIfResults } from './what-if-results.js';

/** The scope lives in the URL, so a what-if can be shared and reloaded. */
export function scopeFrom(params: URLSearchParams): WhatIfScope | null {
  const kind = params.get('scope');
  if (kind === 'account' && params.get('account')) return { kind, accountId: params.get('account')! };
  if (kind === 'segment' && params.get('segment')) return { kind, segmentId: params.get('segment')! };
  if (kind === 'sample') {
    const size = Number.parseInt(params.get('size') ?? '', 10);
    return { kind, size: Number.isInteger(size) && size > 0 ? Math.min(size, MAX_SAMPLE) : 10_000 };
  }
  return null;
}

function scopeParams(scope: WhatIfScope, keep: URLSearchParams): URLSearchParams {
  const p = new URLSearchParams();
  p.set('scope', scope.kind);
  if (scope.kind === 'account') p.set('account', scope.accountId);
  if (scope.kind === 'segment') p.set('segment', scope.segmentId);
  if (scope.kind === 'sample') p.set('size', String(scope.size));
  for (const k of ['reach', 'tier']) if (keep.get(k)) p.set(k, keep.get(k)!);
  return p;
}

const STAGE_LABELS = { loading: 'Fetching accounts', preparing: 'Preparing comparisons', baseline: 'Clustering with the current settings' };

/** In-browser what-if clustering: all work runs in a Web Worker, without server calls after loading. */
export function WhatIfView() {
  const [params, setParams] = useSearchParams();
  const scope = useMemo(() => scopeFrom(params), [params]);
  const reachSegment = params.get('reach');
  const tierParam = params.get('tier');
  const tier: Tier = (TIERS as readonly string[]).includes(tierParam ?? '') ? (tierParam as Tier) : 'family';
  const segments = useSavedSegments();
  const { state, measured, computing, commit } = useWhatIf(scope, reachSegment, tier);
  const [draft, setDraft] = useState<ClusterConfig | null>(null);
  const reachId = useId();
  const tierId = useId();

  const loaded = state.phase === 'ready' ? state.loaded : state.phase === 'error' ? state.loaded : undefined;
  useEffect(() => {
    if (loaded && !draft) setDraft(loaded.baselineConfig);
  }, [loaded, draft]);

  const setParam = (key: string, value: string | null) => {
    const p = new URLSearchParams(params);
    if (value) p.set(key, value);
    else p.delete(key);
    setParams(p, { replace: true });
  };

  return (
    <section className="page what-if">
      <header className="page-header">
        <h1>What-if clustering</h1>
        <p className="muted">Move a slider and release it: the accounts are reclustered in your browser, nothing is saved.</p>
      </header>
      <div className="what-if-layout">
        <aside className="card what-if-controls">
          {segments.isPending ? (
            <LoadingState label="Loading segments…" />
          ) : (
            <ScopePicker
              key={JSON.stringify(scope)}
              value={scope}
              segments={segments.data ?? []}
              onSubmit={(s) => setParams(scopeParams(s, params), { replace: false })}
            />
          )}
          <div className="field">
            <label htmlFor={reachId}>Segment reach to compare</label>
            <select id={reachId} value={reachSegment ?? ''} onChange={(e) => setParam('reach', e.target.value || null)}>
              <option value="">None</option>
              {(segments.data ?? []).map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={tierId}>Compare groups of tier</label>
            <select id={tierId} value={tier} onChange={(e) => setParam('tier', e.target.value)}>
              {TIERS.map((t) => (
                <option key={t} value={t}>
                  {TIER_LABELS[t]}
                </option>
              ))}
            </select>
          </div>
          {draft && <ConfigSliders value={draft} onChange={setDraft} onCommit={commit} disabled={!loaded} />}
        </aside>
        <div className="what-if-main">
          {state.phase === 'idle' && <p className="state state-empty">Choose a scope and load it to start.</p>}
          {state.phase === 'loading' && (
            <div className="state" role="status" aria-live="polite">
              <label>
                {STAGE_LABELS[state.stage]}
                {state.stage === 'loading'
                  ? `: ${formatCount(state.done)}${state.expected ? ` of ${formatCount(state.expected)}` : ''} accounts`
                  : ` (${state.detail ?? ''}, ${formatPercent(state.done / 100)})`}
                <progress max={state.expected ?? undefined} value={state.expected ? state.done : undefined} />
              </label>
            </div>
          )}
          {state.phase === 'error' && <ErrorState error={state.error} />}
          {loaded && (
            <p className="muted" data-testid="what-if-loaded">
              {formatCount(loaded.accounts)} accounts prepared in {formatDuration(loaded.prepareMs)}; current settings clustered in{' '}
              {formatDuration(loaded.baselineMs)}.
            </p>
          )}
          {loaded && !measured && state.phase === 'ready' && <LoadingState label="Clustering…" />}
          {measured && <WhatIfResults summary={measured.summary} elapsedMs={measured.elapsedMs} computing={computing} revision={measured.revision} />}
        </div>
      </div>
    </section>
  );
}
