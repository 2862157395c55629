import { z } from 'zod';
import { ClusterConfigSchema, RelationSchema, TierSchema } from './config.js';
import {
  AccountResultSchema,
  GroupChangesSchema,
  GroupIdsSchema,
  ReasonSchema,
  RunMetricsSchema,
  RunWarningSchema,
} from './result.js';
import { OverrideSchema } from './override.js';
import { SegmentCountsSchema, SegmentDefinitionSchema, SegmentMemberSchema } from './segment.js';

// ---------------------------------------------------------------------------------------------
// Shared pieces

/** An error answer (RFC 9457 problem details), served as `application/problem+json`. */
export const ProblemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  instance: z.string().optional(),
  /** Validation failures: where (`body.filter.and.0.value`) and what. */
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type Problem = z.infer<typeof ProblemSchema>;

/** Query strings carry text; numbers are read from it. */
const queryInt = (min: number, max: number, fallback: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

/** A query value given once (`?tier=same`), repeated (`?tier=same&tier=family`) or comma-separated. */
const queryList = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    (v) =>
      typeof v === 'string' || Array.isArray(v)
        ? (Array.isArray(v) ? v : [v]).flatMap((s) => String(s).split(',')).map((s) => s.trim()).filter(Boolean)
        : v,
    z.array(item).min(1),
  );

export const PageQuerySchema = z.object({
  limit: queryInt(1, 1000, 50),
  offset: queryInt(0, 1_000_000_000, 0),
  /** Keyset cursor from a previous page's `nextCursor`; wins over `offset`. */
  cursor: z.string().min(1).optional(),
});
export type PageQuery = z.infer<typeof PageQuerySchema>;

const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    /** All rows matching the query, independent of paging. */
    total: z.number().int(),
    limit: z.number().int(),
    offset: z.number().int(),
    nextCursor: z.string().optional(),
  });

export const IdParamsSchema = z.object({ id: z.string().min(1) });

// ---------------------------------------------------------------------------------------------
// Accounts

/** An account as stored: the known fields and every further attribute it arrived with. */
export const AccountRecordSchema = z
  .object({
    id: z.string(),
    name: z.string().optional(),
    website: z.string().optional(),
    domain: z.string().optional(),
    email: z.string().optional(),
    parentId: z.string().optional(),
    phone: z.string().optional(),
    address: z.string().optional(),
    state: z.string().optional(),
    country: z.string().optional(),
    industry: z.string().optional(),
    source: z.string().optional(),
  })
  .catchall(z.unknown());
export type AccountRecord = z.infer<typeof AccountRecordSchema>;

export const TierSizesSchema = z.object({ same: z.number().int(), family: z.number().int(), related: z.number().int() });

export const AccountViewSchema = z.object({
  id: z.string(),
  account: AccountRecordSchema,
  /** Group ids per tier in the current results; null before the account's first run. */
  groups: GroupIdsSchema.nullable(),
  /** Sizes of those groups. */
  groupSizes: TierSizesSchema.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type AccountView = z.infer<typeof AccountViewSchema>;
export const AccountPageSchema = pageOf(AccountViewSchema);
export type AccountPage = z.infer<typeof AccountPageSchema>;

export const AccountListQuerySchema = PageQuerySchema.extend({
  /** Case-insensitive part of the name, website, domain or e-mail domain. */
  q: z.string().trim().min(1).optional(),
  industry: queryList(z.string()).optional(),
  state: queryList(z.string()).optional(),
  country: queryList(z.string()).optional(),
  /** With `minGroupSize`/`maxGroupSize`: the tier whose group size is filtered (default family). */
  groupTier: TierSchema.default('family'),
  minGroupSize: z.coerce.number().int().min(1).optional(),
  maxGroupSize: z.coerce.number().int().min(1).optional(),
});
export type AccountListQuery = z.infer<typeof AccountListQuerySchema>;

export const CRM_PRESETS = ['salesforce', 'hubspot'] as const;

/** `POST /v1/accounts` query: a CRM export preset and/or a column map `name="Account Name",website=Website`. */
export const IngestQuerySchema = z.object({
  preset: z.enum(CRM_PRESETS).optional(),
  map: z.string().min(1).optional(),
});
export type IngestQuery = z.infer<typeof IngestQuerySchema>;

export const IngestRejectionSchema = z.object({
  /** 0-based position among the records sent. */
  index: z.number().int(),
  /** 1-based line in the body (CSV and NDJSON). */
  line: z.number().int().optional(),
  id: z.string().optional(),
  field: z.string(),
  message: z.string(),
});
export type IngestRejectionView = z.infer<typeof IngestRejectionSchema>;

export const IngestResponseSchema = z.object({
  /** Records stored (new, changed or identical to what was stored). */
  accepted: z.number().int(),
  inserted: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.array(IngestRejectionSchema),
});
export type IngestResponse = z.infer<typeof IngestResponseSchema>;

// ---------------------------------------------------------------------------------------------
// Related accounts

export const RelatedQuerySchema = PageQuerySchema.extend({
  tier: queryList(TierSchema).optional(),
  relation: queryList(RelationSchema).optional(),
});
export type RelatedQuery = z.infer<typeof RelatedQuerySchema>;

const optionalText = z.string().nullable();

/** One related account of an account in the current results, with its own record's fields. */
export const RelatedRowSchema = z.object({
  id: z.string(),
  name: optionalText,
  website: optionalText,
  domain: optionalText,
  parentId: optionalText,
  phone: optionalText,
  address: optionalText,
  state: optionalText,
  country: optionalText,
  industry: optionalText,
  source: optionalText,
  tier: TierSchema,
  relation: RelationSchema,
  score: z.number(),
  reasons: z.array(ReasonSchema),
  /** The related account was deleted after the run that found it. */
  deleted: z.boolean(),
});
export type RelatedRow = z.infer<typeof RelatedRowSchema>;
export const RelatedPageSchema = pageOf(RelatedRowSchema).extend({
  /** The run whose results these are; null before the first successful run. */
  runId: z.string().nullable(),
});
export type RelatedPage = z.infer<typeof RelatedPageSchema>;

// ---------------------------------------------------------------------------------------------
// Runs

export const RUN_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'skipped'] as const;
export const RunStatusSchema = z.enum(RUN_STATUSES);
export type RunStatusName = z.infer<typeof RunStatusSchema>;
export const RunModeSchema = z.enum(['full', 'incremental']);
export const RunTriggerSchema = z.enum(['api', 'schedule', 'cli', 'startup']);

export const RunCreateSchema = z.strictObject({
  mode: RunModeSchema.default('full'),
  config: ClusterConfigSchema.optional(),
});
export type RunCreate = z.infer<typeof RunCreateSchema>;

export const RunProgressSchema = z.object({ stage: z.string(), percent: z.number().min(0).max(100) });

export const RunViewSchema = z.object({
  id: z.string(),
  mode: RunModeSchema,
  trigger: RunTriggerSchema,
  status: RunStatusSchema,
  progress: RunProgressSchema,
  message: z.string().nullable(),
  /** Total account profiles, groups, single-account groups, largest and median group size,
   * group-size histogram, elapsed time per stage. Null until the run succeeds. */
  metrics: RunMetricsSchema.nullable(),
  /** The effective configuration, or null for the defaults. */
  config: z.unknown().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  elapsedMs: z.number().nullable(),
  /** The latest succeeded run of the organisation (this one, once it succeeded). */
  lastSuccessfulRun: z.object({ id: z.string(), finishedAt: z.string().nullable() }).nullable(),
});
export type RunView = z.infer<typeof RunViewSchema>;
export const RunPageSchema = pageOf(RunViewSchema);
export type RunPage = z.infer<typeof RunPageSchema>;

export const RunListQuerySchema = PageQuerySchema.extend({
  status: queryList(RunStatusSchema).optional(),
});
export type RunListQuery = z.infer<typeof RunListQuerySchema>;

export const RunChangesViewSchema = GroupChangesSchema.extend({ runId: z.string() });
export type RunChangesView = z.infer<typeof RunChangesViewSchema>;

// ---------------------------------------------------------------------------------------------
// Overrides

export const OverrideKindSchema = z.enum(['must-link', 'cannot-link']);
/** `POST /v1/overrides` body: the override of an unordered pair of account ids. */
export const OverrideCreateSchema = OverrideSchema;
export type OverrideCreate = z.infer<typeof OverrideCreateSchema>;

export const OverrideViewSchema = z.object({
  id: z.string(),
  a: z.string(),
  b: z.string(),
  kind: OverrideKindSchema,
  createdAt: z.string(),
});
export type OverrideView = z.infer<typeof OverrideViewSchema>;
export const OverrideListSchema = z.object({ items: z.array(OverrideViewSchema) });

// ---------------------------------------------------------------------------------------------
// Segments

export const SegmentCreateSchema = z.strictObject({
  name: z.string().trim().min(1, 'name is required').max(200),
  description: z.string().max(2000).nullable().optional(),
  definition: SegmentDefinitionSchema,
});
export type SegmentCreate = z.infer<typeof SegmentCreateSchema>;
export const SegmentUpdateSchema = SegmentCreateSchema.partial();
export type SegmentUpdate = z.infer<typeof SegmentUpdateSchema>;

export const SegmentViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  definition: SegmentDefinitionSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SegmentView = z.infer<typeof SegmentViewSchema>;
export const SegmentListSchema = z.object({ items: z.array(SegmentViewSchema) });

export const SegmentMemberViewSchema = SegmentMemberSchema.extend({ account: AccountRecordSchema });
export type SegmentMemberView = z.infer<typeof SegmentMemberViewSchema>;

/** A segment evaluated now: counts and a page of members, each with why it is in. */
export const SegmentReachSchema = z.object({
  counts: SegmentCountsSchema,
  items: z.array(SegmentMemberViewSchema),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
  /** The run whose related accounts were used; null before the first successful run. */
  runId: z.string().nullable(),
});
export type SegmentReach = z.infer<typeof SegmentReachSchema>;

export const SegmentReachQuerySchema = z.object({
  limit: queryInt(1, 1000, 50),
  offset: queryInt(0, 1_000_000_000, 0),
  /** Only direct members, or only members added through related accounts. */
  inclusion: z.enum(['direct', 'related']).optional(),
});
export type SegmentReachQuery = z.infer<typeof SegmentReachQuerySchema>;

// ---------------------------------------------------------------------------------------------
// Stateless clustering

export const ClusterRequestSchema = z.strictObject({
  /** Account records as a CRM export has them; mapped with `preset`/`map` like an ingest. */
  accounts: z.array(z.record(z.string(), z.unknown())).min(1, 'accounts must not be empty'),
  config: ClusterConfigSchema.optional(),
  preset: z.enum(CRM_PRESETS).optional(),
  map: z.string().min(1).optional(),
  overrides: z.array(OverrideCreateSchema).optional(),
  /** A previous answer's assignment (`id`, `groups`), to keep group ids stable. */
  previous: z.array(z.object({ id: z.string(), groups: GroupIdsSchema })).optional(),
});
export type ClusterRequest = z.infer<typeof ClusterRequestSchema>;

export const ClusterResponseSchema = z.object({
  accounts: z.array(AccountResultSchema),
  metrics: RunMetricsSchema,
  warnings: z.array(RunWarningSchema),
  changes: GroupChangesSchema,
  rejected: z.array(IngestRejectionSchema),
});
export type ClusterResponse = z.infer<typeof ClusterResponseSchema>;

// ---------------------------------------------------------------------------------------------
// Service

export const HealthSchema = z.object({ status: z.literal('ok') });
export const ReadinessSchema = z.object({
  status: z.enum(['ready', 'not-ready']),
  checks: z.record(z.string(), z.object({ ok: z.boolean(), detail: z.string().optional() })),
});

export const OrganisationViewSchema = z.object({ id: z.string(), name: z.string() });
export type OrganisationView = z.infer<typeof OrganisationViewSchema>;
