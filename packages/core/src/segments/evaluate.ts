import type {
  Relation,
  SegmentCounts,
  SegmentDefinition,
  SegmentMember,
  SegmentVia,
  Tier,
} from '@kindred/contract';
import { compileFilter, describeFilter, type SegmentRecord } from './filter.js';

/** A related account as segments need it: a slice of the clustering output's related list. */
export interface SegmentRelation {
  readonly id: string;
  readonly tier: Tier;
  readonly relation: Relation;
  readonly score: number;
}

/** The related accounts of an account in the current results (absent when it has none). */
export type RelatedLookup = (id: string) => Iterable<SegmentRelation> | undefined;

export interface SegmentEvaluation {
  counts: SegmentCounts;
  /** Direct members first, then members added through related accounts; each part ordered by id. */
  members: SegmentMember[];
}

const RELATION_PHRASES: Record<Relation, string> = {
  duplicate: 'duplicate of',
  parent: 'parent of',
  child: 'subsidiary of',
  sibling: 'sibling of',
  'shared-domain': 'shares a web domain with',
  'similar-name': 'similar name to',
};

const collator = new Intl.Collator('en', { numeric: true });
const byId = (a: { id: string }, b: { id: string }) => collator.compare(a.id, b.id);

function relatedReason(via: SegmentVia[]): string {
  const [best] = via;
  const more = via.length > 1 ? ` and ${via.length - 1} more` : '';
  return `${RELATION_PHRASES[best.relation]} ${best.id} (${best.tier} tier, score ${best.score.toFixed(2)})${more}`;
}

/** Evaluates a segment over accounts: the accounts matching the filter, and, when
 * `includeRelated` is set, the accounts related to them in the chosen tiers and relations.
 * Related accounts must be among `records` to be added (results may name deleted accounts). */
export function evaluateSegment(
  definition: SegmentDefinition,
  records: Iterable<SegmentRecord>,
  relatedOf: RelatedLookup,
): SegmentEvaluation {
  const matches = compileFilter(definition.filter);
  const reason = `matches ${describeFilter(definition.filter)}`;
  const known = new Set<string>();
  const direct: SegmentMember[] = [];
  for (const record of records) {
    known.add(record.id);
    if (matches(record)) direct.push({ id: record.id, inclusion: 'direct', reason, via: [] });
  }
  direct.sort(byId);

  const added: SegmentMember[] = [];
  const include = definition.includeRelated;
  if (include) {
    const tiers = new Set<Tier>(include.tiers);
    const relations = include.relations ? new Set<Relation>(include.relations) : undefined;
    const directIds = new Set(direct.map((m) => m.id));
    const viaById = new Map<string, SegmentVia[]>();
    for (const member of direct) {
      for (const rel of relatedOf(member.id) ?? []) {
        if (directIds.has(rel.id) || !known.has(rel.id)) continue;
        if (!tiers.has(rel.tier) || (relations && !relations.has(rel.relation))) continue;
        let via = viaById.get(rel.id);
        if (!via) viaById.set(rel.id, (via = []));
        via.push({ id: member.id, tier: rel.tier, relation: rel.relation, score: rel.score });
      }
    }
    for (const [id, via] of viaById) {
      via.sort((a, b) => b.score - a.score || collator.compare(a.id, b.id));
      added.push({ id, inclusion: 'related', reason: relatedReason(via), via });
    }
    added.sort(byId);
  }

  return {
    counts: { direct: direct.length, related: added.length, total: direct.length + added.length },
    members: [...direct, ...added],
  };
}
