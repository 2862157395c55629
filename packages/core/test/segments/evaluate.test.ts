import { describe, expect, it } from 'vitest';
import { SegmentDefinitionSchema, type SegmentDefinition } from '@kindred/contract';
import { evaluateSegment, type SegmentRelation } from '../../src/segments/index.js';

// The Acme example as a CSV importer leaves it: every attribute is text.
const acme = [
  { id: '1', name: 'Acme', industry: 'Software', state: 'CA', open_opportunity_over_1m: 'false' },
  { id: '2', name: 'Acme', industry: 'Software', state: 'CA', open_opportunity_over_1m: 'true' },
  { id: '3', name: 'Acme Inc', state: 'CA', open_opportunity_over_1m: 'false' },
  { id: '4', name: 'Acme Consulting Service', industry: 'Technology Consulting', state: 'NY', open_opportunity_over_1m: 'true' },
  { id: '5', name: 'Acme IT', state: 'CA', open_opportunity_over_1m: 'false' },
];

// Related lists in the shape of the clustering output for this example.
const related: Record<string, SegmentRelation[]> = {
  '1': [
    { id: '2', tier: 'same', relation: 'duplicate', score: 0.95 },
    { id: '3', tier: 'same', relation: 'duplicate', score: 0.9 },
    { id: '4', tier: 'family', relation: 'shared-domain', score: 0.7 },
    { id: '5', tier: 'related', relation: 'similar-name', score: 0.4 },
  ],
  '2': [
    { id: '1', tier: 'same', relation: 'duplicate', score: 0.95 },
    { id: '3', tier: 'same', relation: 'duplicate', score: 0.88 },
    { id: '4', tier: 'family', relation: 'shared-domain', score: 0.6 },
    { id: '5', tier: 'related', relation: 'similar-name', score: 0.4 },
  ],
  '4': [
    { id: '1', tier: 'family', relation: 'shared-domain', score: 0.7 },
    { id: '2', tier: 'family', relation: 'shared-domain', score: 0.6 },
  ],
};
const relatedOf = (id: string) => related[id];

const softwareWithOpportunity = SegmentDefinitionSchema.parse({
  filter: {
    and: [
      { field: 'industry', op: 'eq', value: 'Software' },
      { field: 'open_opportunity_over_1m', op: 'eq', value: true },
    ],
  },
});

describe('evaluateSegment', () => {
  it('reaches account 2 directly in the Acme example', () => {
    const result = evaluateSegment(softwareWithOpportunity, acme, relatedOf);
    expect(result.counts).toEqual({ direct: 1, related: 0, total: 1 });
    expect(result.members).toEqual([
      {
        id: '2',
        inclusion: 'direct',
        reason: 'matches industry = "Software" and open_opportunity_over_1m = true',
        via: [],
      },
    ]);
  });

  it('adds 1, 3, 4 and 5 through related accounts when they are included', () => {
    const definition: SegmentDefinition = {
      ...softwareWithOpportunity,
      includeRelated: { tiers: ['same', 'family', 'related'] },
    };
    const result = evaluateSegment(definition, acme, relatedOf);
    expect(result.counts).toEqual({ direct: 1, related: 4, total: 5 });
    expect(result.members.map((m) => [m.id, m.inclusion])).toEqual([
      ['2', 'direct'],
      ['1', 'related'],
      ['3', 'related'],
      ['4', 'related'],
      ['5', 'related'],
    ]);
    const four = result.members.find((m) => m.id === '4')!;
    expect(four.via).toEqual([{ id: '2', tier: 'family', relation: 'shared-domain', score: 0.6 }]);
    expect(four.reason).toBe('shares a web domain with 2 (family tier, score 0.60)');
  });

  it('includes only the chosen tiers and relations', () => {
    const sameOnly = evaluateSegment(
      { ...softwareWithOpportunity, includeRelated: { tiers: ['same'] } },
      acme,
      relatedOf,
    );
    expect(sameOnly.members.map((m) => m.id)).toEqual(['2', '1', '3']);
    const domainOnly = evaluateSegment(
      { ...softwareWithOpportunity, includeRelated: { tiers: ['same', 'family', 'related'], relations: ['shared-domain'] } },
      acme,
      relatedOf,
    );
    expect(domainOnly.members.map((m) => m.id)).toEqual(['2', '4']);
  });

  it('lists every direct member an account is related through, strongest first', () => {
    const definition = SegmentDefinitionSchema.parse({
      filter: { field: 'open_opportunity_over_1m', op: 'eq', value: 'TRUE' },
      includeRelated: { tiers: ['same', 'family'] },
    });
    const result = evaluateSegment(definition, acme, relatedOf);
    const one = result.members.find((m) => m.id === '1')!;
    expect(one.via.map((v) => v.id)).toEqual(['2', '4']);
    expect(one.reason).toBe('duplicate of 2 (same tier, score 0.95) and 1 more');
  });

  it('never adds related accounts that are not among the records', () => {
    const withoutFive = acme.filter((a) => a.id !== '5');
    const result = evaluateSegment(
      { ...softwareWithOpportunity, includeRelated: { tiers: ['same', 'family', 'related'] } },
      withoutFive,
      relatedOf,
    );
    expect(result.members.map((m) => m.id)).toEqual(['2', '1', '3', '4']);
  });

  it('gives the same answer whatever the order of the records', () => {
    const definition: SegmentDefinition = {
      ...softwareWithOpportunity,
      includeRelated: { tiers: ['same', 'family', 'related'] },
    };
    const forward = evaluateSegment(definition, acme, relatedOf);
    const backward = evaluateSegment(definition, [...acme].reverse(), relatedOf);
    expect(backward).toEqual(forward);
  });
});
