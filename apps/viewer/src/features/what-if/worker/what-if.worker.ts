import * as Comlink from 'comlink';
import type { OverrideView, SegmentView } from '@kindred/contract';
import { loadKernel } from '@kindred/kernel';
import { ApiClient } from '../../../shared/api/client.js';
import { currentRunConfig, loadScope } from '../api/scope-loader.js';
import type { WhatIfWorkerApi } from './types.js';
import { WhatIfSession } from './what-if-session.js';

/** The what-if worker: all fetching, preparing and clustering happens here, off the main thread. */
let session: WhatIfSession | null = null;
let client: ApiClient | null = null;

const api: WhatIfWorkerApi = {
  async load({ apiKey, origin, scope }, onProgress) {
    session = null;
    client = new ApiClient(apiKey, undefined, origin);
    const [kernel, config, overrides, accounts] = await Promise.all([
      loadKernel(),
      currentRunConfig(client),
      client.get<{ items: OverrideView[] }>('/v1/overrides').then((r) => r.items),
      loadScope(client, scope, (done, expected) => onProgress('loading', done, expected)),
    ]);
    if (accounts.length === 0) throw new Error('This scope has no accounts.');
    onProgress('preparing', 0, 100, 'normalise');
    session = new WhatIfSession(kernel, accounts, config, overrides, (stage, percent, detail) => onProgress(stage, percent, 100, detail));
    return {
      accounts: session.size,
      prepareMs: session.prepareMs,
      baselineMs: session.baselineMs,
      baselineConfig: session.baselineConfig,
    };
  },

  async recluster(config, tier) {
    if (!session) throw new Error('Load a scope first.');
    return session.recluster(config, tier);
  },

  async setSegment(segmentId) {
    if (!session || !client) throw new Error('Load a scope first.');
    if (!segmentId) return session.setSegment(null);
    const segment = await client.get<SegmentView>(`/v1/segments/${encodeURIComponent(segmentId)}`);
    session.setSegment(segment.definition);
  },
};

Comlink.expose(api);
