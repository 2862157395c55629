import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SegmentFilterSchema, type SegmentFilter } from '@kindred/contract';
import { compileFilter, describeFilter, spelledValue } from '../../src/segments/index.js';

const record = {
  id: '7',
  name: 'Globex Corporation',
  industry: 'Manufacturing',
  employees: '1200',
  revenue: 12.5,
  active: 'True',
  closed_at: '2026-03-01',
  tags: ['partner', 'EMEA'],
  email: '',
};

const holds = (filter: unknown) => compileFilter(SegmentFilterSchema.parse(filter))(record);

describe('spelledValue', () => {
  it('reads booleans and numbers spelled in text, and treats empty text as absent', () => {
    expect(spelledValue('true')).toBe(true);
    expect(spelledValue(' FALSE ')).toBe(false);
    expect(spelledValue('12.5')).toBe(12.5);
    expect(spelledValue('-3e2')).toBe(-300);
    expect(spelledValue('.5')).toBe(0.5);
    expect(spelledValue('12.5 kg')).toBe('12.5 kg');
    expect(spelledValue('  Software ')).toBe('Software');
    expect(spelledValue('')).toBeUndefined();
    expect(spelledValue(null)).toBeUndefined();
    expect(spelledValue({ a: 1 })).toBeUndefined();
  });
});

describe('compileFilter', () => {
  it('eq compares the values strings spell, text without regard to case', () => {
    expect(holds({ field: 'industry', op: 'eq', value: 'manufacturing' })).toBe(true);
    expect(holds({ field: 'employees', op: 'eq', value: 1200 })).toBe(true);
    expect(holds({ field: 'employees', op: 'eq', value: '1200.0' })).toBe(true);
    expect(holds({ field: 'revenue', op: 'eq', value: '12.5' })).toBe(true);
    expect(holds({ field: 'active', op: 'eq', value: true })).toBe(true);
    expect(holds({ field: 'active', op: 'eq', value: 'true' })).toBe(true);
    expect(holds({ field: 'active', op: 'eq', value: false })).toBe(false);
    expect(holds({ field: 'employees', op: 'eq', value: '1200 people' })).toBe(false);
    expect(holds({ field: 'missing', op: 'eq', value: 'x' })).toBe(false);
  });

  it('in, contains, gt, lt and exists', () => {
    expect(holds({ field: 'industry', op: 'in', value: ['Software', 'Manufacturing'] })).toBe(true);
    expect(holds({ field: 'industry', op: 'in', value: ['Software'] })).toBe(false);
    expect(holds({ field: 'name', op: 'contains', value: 'globex' })).toBe(true);
    expect(holds({ field: 'name', op: 'contains', value: 'initech' })).toBe(false);
    expect(holds({ field: 'employees', op: 'gt', value: 1000 })).toBe(true);
    expect(holds({ field: 'employees', op: 'gt', value: '1200' })).toBe(false);
    expect(holds({ field: 'revenue', op: 'lt', value: 13 })).toBe(true);
    expect(holds({ field: 'closed_at', op: 'gt', value: '2026-01-31' })).toBe(true);
    expect(holds({ field: 'name', op: 'gt', value: 3 })).toBe(false);
    expect(holds({ field: 'industry', op: 'exists' })).toBe(true);
    expect(holds({ field: 'email', op: 'exists' })).toBe(false);
    expect(holds({ field: 'email', op: 'exists', value: false })).toBe(true);
  });

  it('list attributes match when any element matches', () => {
    expect(holds({ field: 'tags', op: 'eq', value: 'emea' })).toBe(true);
    expect(holds({ field: 'tags', op: 'contains', value: 'part' })).toBe(true);
  });

  it('combines with and, or and not', () => {
    const software = { field: 'industry', op: 'eq', value: 'Software' };
    const big = { field: 'employees', op: 'gt', value: 1000 };
    expect(holds({ and: [software, big] })).toBe(false);
    expect(holds({ or: [software, big] })).toBe(true);
    expect(holds({ not: software })).toBe(true);
    expect(holds({ not: { or: [software, big] } })).toBe(false);
  });

  it('obeys the laws of and, or and not on arbitrary conditions', () => {
    const fields = ['industry', 'employees', 'revenue', 'active', 'email', 'tags', 'missing'];
    const condition = fc.record({
      field: fc.constantFrom(...fields),
      op: fc.constantFrom('eq' as const, 'contains' as const, 'gt' as const, 'lt' as const),
      value: fc.oneof(fc.constantFrom('Manufacturing', '1200', 'true', 'emea'), fc.integer({ min: -5, max: 2000 })),
    });
    fc.assert(
      fc.property(condition, condition, (a, b) => {
        const p = (f: SegmentFilter) => compileFilter(f)(record);
        expect(p({ not: { and: [a, b] } })).toBe(p({ or: [{ not: a }, { not: b }] }));
        expect(p({ and: [a, b] })).toBe(p(a) && p(b));
        expect(p({ or: [a, b] })).toBe(p(a) || p(b));
        expect(p({ not: { not: a } })).toBe(p(a));
      }),
    );
  });
});

describe('SegmentFilterSchema', () => {
  it('rejects malformed filters with the path of the fault', () => {
    const bad = SegmentFilterSchema.safeParse({ and: [{ field: 'industry', op: 'in', value: 'Software' }] });
    expect(bad.success).toBe(false);
    expect(SegmentFilterSchema.safeParse({ field: 'x', op: 'gt' }).success).toBe(false);
    expect(SegmentFilterSchema.safeParse({ field: 'x', op: 'like', value: 'a' }).success).toBe(false);
    expect(SegmentFilterSchema.safeParse({ and: [] }).success).toBe(false);
    expect(SegmentFilterSchema.safeParse({ field: 'x', op: 'exists' }).success).toBe(true);
  });
});

describe('describeFilter', () => {
  it('prints filters for people', () => {
    expect(
      describeFilter({
        or: [
          { and: [{ field: 'industry', op: 'eq', value: 'Software' }, { field: 'state', op: 'in', value: ['CA', 'NY'] }] },
          { not: { field: 'email', op: 'exists' } },
        ],
      }),
    ).toBe('(industry = "Software" and state in ["CA", "NY"]) or not email is present');
  });
});
