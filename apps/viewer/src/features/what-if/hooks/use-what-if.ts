import type { ClusterConfig, Tier } from '@kindred/contract';
import { useQuery } from '@tanstack/react-query';
import * as Comlink from 'comlink';
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useApi, useAuth } from '../../../shared/auth/auth-context.js';
import type { WhatIfScope } from '../api/scope-loader.js';
import { listSavedSegments } from '../api/segments-list.js';
import type { LoadedScope, WhatIfStage, WhatIfSummary, WhatIfWorkerApi } from '../worker/types.js';

export type WhatIfState =
  | { phase: 'idle' }
  | { phase: 'loading'; stage: WhatIfStage; done: number; expected: number | undefined; detail?: string }
  | { phase: 'ready'; loaded: LoadedScope }
  | { phase: 'error'; error: unknown; loaded?: LoadedScope };

export interface Measured {
  summary: WhatIfSummary;
  /** From slider release to the updated view on screen. */
  elapsedMs: number;
  /** Counts the updates shown since the page opened. */
  revision: number;
}

export function createWhatIfWorker(): Worker {
  return new Worker(new URL('../worker/what-if.worker.ts', import.meta.url), { type: 'module', name: 'what-if' });
}

/** Drives the what-if worker: loads a scope once, then reclusters on every committed
 * configuration (the latest one wins while the worker is busy) and measures release → view. */
export function useWhatIf(scope: WhatIfScope | null, segmentId: string | null, tier: Tier) {
  const { session } = useAuth();
  const remote = useRef<Comlink.Remote<WhatIfWorkerApi> | null>(null);
  const [state, setState] = useState<WhatIfState>({ phase: 'idle' });
  const [computing, setComputing] = useState(false);
  const pending = useRef<{ config: ClusterConfig; releasedAt: number } | null>(null);
  const busy = useRef(false);
  const lastConfig = useRef<ClusterConfig | null>(null);
  const baselineConfig = useRef<ClusterConfig | null>(null);
  const [painted, setPainted] = useState<{ summary: WhatIfSummary; releasedAt: number } | null>(null);

  useEffect(() => {
    const worker = createWhatIfWorker();
    remote.current = Comlink.wrap<WhatIfWorkerApi>(worker);
    return () => {
      remote.current = null;
      worker.terminate();
    };
  }, []);

  const drain = useCallback(async () => {
    const api = remote.current;
    if (!api || busy.current) return;
    busy.current = true;
    setComputing(true);
    try {
      while (pending.current) {
        const job = pending.current;
        pending.current = null;
        const summary = await api.recluster(job.config, tier);
        if (!pending.current) setPainted({ summary, releasedAt: job.releasedAt });
      }
    } catch (error) {
      setState((s) => ({ phase: 'error', error, loaded: s.phase === 'ready' ? s.loaded : undefined }));
    } finally {
      busy.current = false;
      setComputing(false);
    }
  }, [tier]);

  // The figures are in the DOM once React has committed `painted`; the next animation frame is
  // when they show. That is when the time from release is taken (and then displayed).
  const [timing, setTiming] = useState<{ elapsedMs: number; revision: number }>({ elapsedMs: 0, revision: 0 });
  useLayoutEffect(() => {
    if (!painted) return;
    const id = requestAnimationFrame(() => {
      const elapsedMs = performance.now() - painted.releasedAt;
      setTiming((t) => ({ elapsedMs, revision: t.revision + 1 }));
    });
    return () => cancelAnimationFrame(id);
  }, [painted]);
  const measured: Measured | null = painted && timing.revision > 0 ? { summary: painted.summary, ...timing } : null;

  /** A slider was released (or a choice made): recluster with this configuration. */
  const commit = useCallback(
    (config: ClusterConfig) => {
      lastConfig.current = config;
      pending.current = { config, releasedAt: performance.now() };
      void drain();
    },
    [drain],
  );

  const scopeKey = scope ? JSON.stringify(scope) : null;
  useEffect(() => {
    const api = remote.current;
    if (!api || !scope || !session) return;
    let cancelled = false;
    // Progress arrives on its own message channel and may trail the answer: ignore it once settled.
    let settled = false;
    setPainted(null);
    setState({ phase: 'loading', stage: 'loading', done: 0, expected: undefined });
    api
      .load(
        { apiKey: session.apiKey, origin: window.location.origin, scope },
        Comlink.proxy((stage: WhatIfStage, done: number, expected: number | undefined, detail?: string) => {
          if (!cancelled && !settled) setState({ phase: 'loading', stage, done, expected, detail });
        }),
      )
      .then((loaded) => {
        settled = true;
        if (cancelled) return;
        baselineConfig.current = loaded.baselineConfig;
        setState({ phase: 'ready', loaded });
      })
      .catch((error: unknown) => {
        settled = true;
        if (!cancelled) setState({ phase: 'error', error });
      });
    return () => {
      cancelled = true;
    };
    // The scope (by value) and the session decide what is loaded; segment and tier changes follow below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [scopeKey, session?.apiKey]);

  // Once loaded, and whenever the compared segment or tier changes: recluster with the latest settings.
  const ready = state.phase === 'ready';
  useEffect(() => {
    const api = remote.current;
    if (!api || !ready) return;
    let cancelled = false;
    api
      .setSegment(segmentId)
      .then(() => {
        const config = lastConfig.current ?? baselineConfig.current;
        if (!cancelled && config) commit(config);
      })
      .catch((error: unknown) => !cancelled && setState((s) => ({ phase: 'error', error, loaded: s.phase === 'ready' ? s.loaded : undefined })));
    return () => {
      cancelled = true;
    };
  }, [segmentId, tier, ready, commit]);

  return { state, measured, computing, commit };
}

export function useSavedSegments() {
  const client = useApi();
  return useQuery({ queryKey: ['segments'], queryFn: ({ signal }) => listSavedSegments(client, signal) });
}
