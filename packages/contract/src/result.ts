import { z } from 'zod';
import { ReasonFactorSchema, RelationSchema, TierSchema } from './config.js';

/** One factor's part in a pair's score: the explanation shown to people. */
export const ReasonSchema = z.object({
  factor: ReasonFactorSchema,
  detail: z.string(),
  contribution: z.number(),
});
export type Reason = z.infer<typeof ReasonSchema>;

export const RelatedAccountSchema = z.object({
  id: z.string(),
  tier: TierSchema,
  score: z.number().min(0).max(1),
  relation: RelationSchema,
  reasons: z.array(ReasonSchema),
});
export type RelatedAccount = z.infer<typeof RelatedAccountSchema>;

export const GroupIdsSchema = z.object({ same: z.string(), family: z.string(), related: z.string() });
export type GroupIds = z.infer<typeof GroupIdsSchema>;

/** One line of the clustering output: an account, its groups per tier, its related accounts. */
export const AccountResultSchema = z.object({
  id: z.string(),
  groups: GroupIdsSchema,
  related: z.array(RelatedAccountSchema),
});
export type AccountResult = z.infer<typeof AccountResultSchema>;

export const GroupChangesSchema = z.object({
  created: z.array(z.string()),
  merged: z.array(z.object({ into: z.string(), from: z.array(z.string()) })),
  split: z.array(z.object({ from: z.string(), into: z.array(z.string()) })),
  retired: z.array(z.string()),
});
export type GroupChanges = z.infer<typeof GroupChangesSchema>;

export const RunWarningSchema = z.object({
  kind: z.string(),
  accountId: z.string().optional(),
  field: z.string().optional(),
  message: z.string(),
});
export type RunWarning = z.infer<typeof RunWarningSchema>;

export const RunMetricsSchema = z.object({
  totalAccounts: z.number().int(),
  groups: z.number().int(),
  singleAccountGroups: z.number().int(),
  largestGroupSize: z.number().int(),
  medianGroupSize: z.number(),
  groupsPerTier: z.object({ same: z.number().int(), family: z.number().int(), related: z.number().int() }),
  groupSizeHistogram: z.array(z.object({ size: z.string(), groups: z.number().int() })),
  candidatePairs: z.number().int(),
  cappedBlocks: z.number().int(),
  stageMs: z.record(z.string(), z.number()),
  /** What the results were computed with, which an incremental run must share to build on them:
   * the engine's result version and a digest of the overrides applied. */
  basis: z.object({ engineVersion: z.string(), overrides: z.string() }).optional(),
  /** Accounts and linkage components this run clustered, out of all in its results (an
   * incremental run reclusters only the components its changes touch). */
  reclustered: z
    .object({ accounts: z.number().int(), components: z.number().int(), totalAccounts: z.number().int(), totalComponents: z.number().int() })
    .optional(),
});
export type RunMetrics = z.infer<typeof RunMetricsSchema>;
