/** @kindred/core: from account records to tiered groups of related accounts, with reasons.
 * Platform-neutral: runs in Node and in a browser Web Worker. */
export {
  clusterAccounts,
  prepareAccounts,
  clusterPrepared,
  type ClusterOptions,
  type ClusterResult,
  type ClusterProgress,
  type PreparedAccounts,
} from './cluster/pipeline.js';
export {
  clusterIncremental,
  ENGINE_VERSION,
  type IncrementalOptions,
  type IncrementalResult,
  type PreviousResult,
  type ReclusteredCounts,
} from './cluster/incremental.js';
export { evaluateClusters, sizeCapCeiling, type ClusterEvaluation, type PrecisionRecall } from './eval/evaluate.js';
export * from './normalise/index.js';
export { resolveParents, parentRelation, type ParentLinks, type ParentRelation } from './parents/parents.js';
export { blockPairs, type BlockingInput, type Blocking, type CappedBlock } from './block/block.js';
export { buildDendrogram, constrainedSingleLinkage, cutDendrogram, forbiddenNodes, type Dendrogram, type MergeRows } from './cluster/tiers.js';
export { baseGroupId, stabilizeGroupIds, type NewGroup } from './cluster/stable-ids.js';
export * from './segments/index.js';
export * from './ingest/index.js';
