import type { Relation, Tier } from '@kindred/contract';

export const TIER_LABELS: Record<Tier, string> = { same: 'Same business', family: 'Family', related: 'Related' };

export const RELATION_LABELS: Record<Relation, string> = {
  duplicate: 'Duplicate',
  parent: 'Parent',
  child: 'Subsidiary',
  sibling: 'Sibling',
  'shared-domain': 'Shared domain',
  'similar-name': 'Similar name',
};
