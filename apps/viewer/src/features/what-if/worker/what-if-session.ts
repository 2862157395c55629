import {
  ClusterConfigSchema,
  type Account,
  type AccountResult,
  type ClusterConfig,
  type Override,
  type SegmentDefinition,
  type Tier,
} from '@kindred/contract';
import { clusterPrepared, evaluateSegment, prepareAccounts, type PreparedAccounts, type SegmentRelation } from '@kindred/core';
import type { Kernel } from '@kindred/kernel';
import type { ScopeAccount } from '../api/scope-loader.js';
import { compareTier, describeExamples, encodeAssignment, tierFigures, type Assignment } from './compare.js';
import type { WhatIfSummary } from './types.js';

const TIERS: Tier[] = ['same', 'family', 'related'];
/** The engine stages a reclustering runs (the others were done once, by prepareAccounts). */
const RECLUSTER_STAGES = ['score', 'link', 'groups', 'explain'];

function relatedLookup(results: AccountResult[]): (id: string) => SegmentRelation[] | undefined {
  const byId = new Map(results.map((r) => [r.id, r.related]));
  return (id) => byId.get(id);
}

/** One prepared scope: clustered once with the current run's settings (the baseline), then
 * again for every configuration the sliders produce, each compared with the baseline. */
export class WhatIfSession {
  private readonly prepared: PreparedAccounts;
  private readonly records: ScopeAccount['record'][];
  private readonly names: Map<string, string>;
  private baselineResults: AccountResult[] = [];
  private baseline!: Assignment;
  private baselineFigures: WhatIfSummary['before'] | null = null;
  private segment: SegmentDefinition | null = null;
  private baselineReach: WhatIfSummary['reach'] = null;
  readonly prepareMs: number;
  readonly baselineMs: number;
  readonly baselineConfig: ClusterConfig;

  constructor(
    private readonly kernel: Kernel,
    scope: ScopeAccount[],
    currentConfig: unknown,
    private readonly overrides: Override[],
    onProgress: (stage: 'preparing' | 'baseline', percent: number, detail: string) => void = () => {},
  ) {
    this.baselineConfig = ClusterConfigSchema.parse(currentConfig ?? {});
    this.records = scope.map((s) => s.record);
    this.names = new Map(scope.map((s) => [s.record.id, typeof s.record.name === 'string' ? s.record.name : s.record.id]));
    let t = performance.now();
    this.prepared = prepareAccounts(kernel, this.records as Account[], {
      config: this.baselineConfig,
      onProgress: (p) => onProgress('preparing', p.percent, p.stage),
    });
    this.prepareMs = performance.now() - t;
    t = performance.now();
    // The stored groups keep the baseline's group ids those of the current run.
    const stored = scope.filter((s) => s.groups).map((s) => ({ id: s.record.id, groups: s.groups! }));
    const result = clusterPrepared(kernel, this.prepared, {
      config: this.baselineConfig,
      previous: stored.length ? stored : undefined,
      overrides,
      onProgress: (p) => onProgress('baseline', p.percent, p.stage),
    });
    this.baselineResults = result.accounts;
    this.baseline = encodeAssignment(result.accounts);
    this.baselineMs = performance.now() - t;
  }

  get size(): number {
    return this.records.length;
  }

  setSegment(definition: SegmentDefinition | null): void {
    this.segment = definition;
    this.baselineReach = null;
    if (definition) {
      const before = evaluateSegment(definition, this.records, relatedLookup(this.baselineResults)).counts;
      this.baselineReach = { before, after: before };
    }
  }

  recluster(input: ClusterConfig, tier: Tier): WhatIfSummary {
    const t0 = performance.now();
    const config = ClusterConfigSchema.parse(input);
    // Related lists (with scores and reasons) cost time; only segment reach needs them. No
    // `previous`: keeping group ids stable costs more than the clustering itself, and the
    // comparison with the baseline matches groups by their accounts, not by their ids.
    const result = clusterPrepared(this.kernel, this.prepared, {
      config,
      overrides: this.overrides,
      related: this.segment !== null,
    });
    const clusteredAt = performance.now();
    const after = encodeAssignment(result.accounts);
    const comparison = compareTier(this.baseline, after, tier);
    const nameOf = (id: string) => this.names.get(id) ?? id;
    let reach: WhatIfSummary['reach'] = null;
    if (this.segment && this.baselineReach) {
      reach = {
        before: this.baselineReach.before,
        after: evaluateSegment(this.segment, this.records, relatedLookup(result.accounts)).counts,
      };
    }
    const figures = (a: Assignment) =>
      Object.fromEntries(TIERS.map((t) => [t, tierFigures(a, t)])) as WhatIfSummary['before'];
    this.baselineFigures ??= figures(this.baseline);
    return {
      accounts: this.records.length,
      before: this.baselineFigures,
      after: figures(after),
      tier,
      merged: comparison.merged,
      split: comparison.split,
      accountsMoved: comparison.accountsMoved,
      examples: describeExamples(comparison, this.baseline, after, tier, nameOf),
      reach,
      computeMs: performance.now() - t0,
      stageMs: {
        ...Object.fromEntries(RECLUSTER_STAGES.filter((s) => s in result.metrics.stageMs).map((s) => [s, result.metrics.stageMs[s]!])),
        compare: performance.now() - clusteredAt,
      },
    };
  }
}
