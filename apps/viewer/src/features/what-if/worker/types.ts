import type { ClusterConfig, SegmentCounts, Tier } from '@kindred/contract';

export interface TierFigures {
  groups: number;
  /** Groups of more than one account. */
  multiAccountGroups: number;
  largestGroupSize: number;
}

/** What a new configuration changes against the baseline (the current run's settings, same accounts). */
export interface WhatIfSummary {
  accounts: number;
  before: Record<Tier, TierFigures>;
  after: Record<Tier, TierFigures>;
  /** Group changes of the chosen tier. */
  tier: Tier;
  /** Groups now holding accounts of several baseline groups. */
  merged: number;
  /** Baseline groups whose accounts are now in several groups. */
  split: number;
  /** Accounts whose group (of the chosen tier) is another one than in the baseline. */
  accountsMoved: number;
  /** A few of the largest changes, named, for people to check. */
  examples: WhatIfExample[];
  reach: { before: SegmentCounts; after: SegmentCounts } | null;
  /** Time spent in the worker: clustering, comparing, reach. */
  computeMs: number;
  /** Where that time went: the engine's stages (score, link, groups, explain) and the comparison. */
  stageMs: Record<string, number>;
}

export interface WhatIfExample {
  kind: 'merged' | 'split';
  /** How many groups merged, or how many the group split into. */
  parts: number;
  /** Names of a few member accounts of the first few of those groups. */
  members: string[][];
}

export interface LoadedScope {
  accounts: number;
  prepareMs: number;
  baselineMs: number;
  baselineConfig: ClusterConfig;
}

export type WhatIfStage = 'loading' | 'preparing' | 'baseline';

export interface WhatIfWorkerApi {
  /** Fetches the scope through the API with this key, prepares it once, and clusters the baseline. */
  load(
    request: { apiKey: string; origin: string; scope: import('../api/scope-loader.js').WhatIfScope },
    /** `loading`: accounts fetched of expected; `preparing` and `baseline`: percent of 100, with
     * the engine's stage as `detail`. */
    onProgress: (stage: WhatIfStage, done: number, expected: number | undefined, detail?: string) => void,
  ): Promise<LoadedScope>;
  /** Reclusters the prepared scope with `config` and compares with the baseline. */
  recluster(config: ClusterConfig, tier: Tier): Promise<WhatIfSummary>;
  /** The segment whose reach is compared (null: none); recomputes the baseline reach. */
  setSegment(segmentId: string | null): Promise<void>;
}
