import { z } from 'zod';

export const TIERS = ['same', 'family', 'related'] as const;
export const TierSchema = z.enum(TIERS);
export type Tier = z.infer<typeof TierSchema>;

export const RELATIONS = ['duplicate', 'parent', 'child', 'sibling', 'shared-domain', 'similar-name'] as const;
export const RelationSchema = z.enum(RELATIONS);
export type Relation = z.infer<typeof RelationSchema>;

/** Factors of a pair score; each has a weight in `ClusterConfig.weights`. */
export const FACTORS = ['parent', 'domain', 'name', 'phone', 'address', 'state', 'industry'] as const;
export const FactorSchema = z.enum(FACTORS);
export type Factor = z.infer<typeof FactorSchema>;

/** What a reason can name: a factor, or `override` for a pair a person linked by hand. */
export const REASON_FACTORS = [...FACTORS, 'override'] as const;
export const ReasonFactorSchema = z.enum(REASON_FACTORS);
export type ReasonFactor = z.infer<typeof ReasonFactorSchema>;

export const LinkageMethodSchema = z.enum(['single', 'average', 'complete']);

/** Everything a clustering run can be tuned by. Every field has a default. */
export const ClusterConfigSchema = z
  .object({
    /** Weights of the factors in the pair score. */
    weights: z
      .object({
        parent: z.number().min(0).max(1).default(1),
        domain: z.number().min(0).max(1).default(0.75),
        name: z.number().min(0).max(1).default(0.7),
        phone: z.number().min(0).max(1).default(0.7),
        address: z.number().min(0).max(1).default(0.6),
        state: z.number().min(0).max(1).default(0.1),
        industry: z.number().min(0).max(1).default(0.1),
      })
      .prefault({}),
    /** Tier cut distances (1 − score); same ≤ family ≤ related. */
    thresholds: z
      .object({
        sameDistance: z.number().min(0).max(1).default(0.3),
        familyDistance: z.number().min(0).max(1).default(0.45),
        relatedDistance: z.number().min(0).max(1).default(0.75),
      })
      .prefault({})
      .refine((t) => t.sameDistance <= t.familyDistance && t.familyDistance <= t.relatedDistance, {
        message: 'thresholds must satisfy sameDistance ≤ familyDistance ≤ relatedDistance',
      }),
    linkage: LinkageMethodSchema.default('average'),
    /** Largest group allowed per tier; bigger groups are split at their weakest links. */
    maxGroupSize: z.number().int().min(2).default(30),
    /** Largest blocking-key block compared in full; bigger blocks use sorted neighbourhood. */
    maxBlockSize: z.number().int().min(2).default(50),
    /** Default region for phone numbers without a country code (ISO 3166 alpha-2). */
    defaultRegion: z.string().length(2).default('US'),
  })
  .prefault({});

export type ClusterConfigInput = z.input<typeof ClusterConfigSchema>;
export type ClusterConfig = z.output<typeof ClusterConfigSchema>;
