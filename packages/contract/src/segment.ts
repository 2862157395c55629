import { z } from 'zod';
import { RelationSchema, TierSchema } from './config.js';

/** Filter operators of a segment condition. */
export const SEGMENT_OPS = ['eq', 'in', 'contains', 'gt', 'lt', 'exists'] as const;
export const SegmentOpSchema = z.enum(SEGMENT_OPS);
export type SegmentOp = z.infer<typeof SegmentOpSchema>;

/** A value a condition compares with. Strings that spell a boolean or a number ("true", "12.5")
 * compare as the value they spell, on both sides of the comparison. */
export const SegmentScalarSchema = z.union([z.string(), z.number(), z.boolean()]);
export type SegmentScalar = z.infer<typeof SegmentScalarSchema>;

/** One condition on one account attribute: `{ "field": "industry", "op": "eq", "value": "Software" }`.
 * `in` takes a list of values, `exists` an optional boolean (default true), the others one value. */
export const SegmentConditionSchema = z
  .strictObject({
    field: z.string().trim().min(1, 'field is required'),
    op: SegmentOpSchema,
    value: z.union([SegmentScalarSchema, z.array(SegmentScalarSchema)]).optional(),
  })
  .superRefine((c, ctx) => {
    if (c.op === 'in') {
      if (!Array.isArray(c.value) || c.value.length === 0) {
        ctx.addIssue({ code: 'custom', path: ['value'], message: `op "in" needs a non-empty list of values` });
      }
    } else if (c.op === 'exists') {
      if (c.value !== undefined && typeof c.value !== 'boolean') {
        ctx.addIssue({ code: 'custom', path: ['value'], message: `op "exists" takes true, false or no value` });
      }
    } else if (c.value === undefined || Array.isArray(c.value)) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: `op "${c.op}" needs one value` });
    } else if ((c.op === 'gt' || c.op === 'lt') && typeof c.value === 'boolean') {
      ctx.addIssue({ code: 'custom', path: ['value'], message: `op "${c.op}" needs a number or a date` });
    }
  });
export type SegmentCondition = z.infer<typeof SegmentConditionSchema>;

/** A segment filter: a condition, or `{ and: [...] }`, `{ or: [...] }`, `{ not: ... }` of filters. */
export type SegmentFilter =
  | SegmentCondition
  | { and: SegmentFilter[] }
  | { or: SegmentFilter[] }
  | { not: SegmentFilter };

export const SegmentFilterSchema: z.ZodType<SegmentFilter> = z.lazy(() =>
  z.union([
    SegmentConditionSchema,
    z.strictObject({ and: z.array(SegmentFilterSchema).min(1, 'and needs at least one filter') }),
    z.strictObject({ or: z.array(SegmentFilterSchema).min(1, 'or needs at least one filter') }),
    z.strictObject({ not: SegmentFilterSchema }),
  ]),
);

/** Widen a segment with the related accounts of its direct members, by tier and relation. */
export const IncludeRelatedSchema = z.strictObject({
  tiers: z.array(TierSchema).min(1, 'choose at least one tier'),
  relations: z.array(RelationSchema).min(1).optional(),
});
export type IncludeRelated = z.infer<typeof IncludeRelatedSchema>;

export const SegmentDefinitionSchema = z.strictObject({
  filter: SegmentFilterSchema,
  includeRelated: IncludeRelatedSchema.optional(),
});
export type SegmentDefinition = z.infer<typeof SegmentDefinitionSchema>;

/** A direct member through which a related account joined the segment. */
export const SegmentViaSchema = z.object({
  id: z.string(),
  tier: TierSchema,
  relation: RelationSchema,
  score: z.number(),
});
export type SegmentVia = z.infer<typeof SegmentViaSchema>;

/** Why an account is in a segment: it matches the filter, or it is related to members that do. */
export const SegmentMemberSchema = z.object({
  id: z.string(),
  inclusion: z.enum(['direct', 'related']),
  /** A sentence for people, e.g. `matches industry = "Software"` or `same business as 2 (score 0.97)`. */
  reason: z.string(),
  /** For related members: the direct members they are related to, strongest first. */
  via: z.array(SegmentViaSchema),
});
export type SegmentMember = z.infer<typeof SegmentMemberSchema>;

export const SegmentCountsSchema = z.object({
  direct: z.number().int(),
  related: z.number().int(),
  total: z.number().int(),
});
export type SegmentCounts = z.infer<typeof SegmentCountsSchema>;
