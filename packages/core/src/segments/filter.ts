import type { SegmentCondition, SegmentFilter } from '@kindred/contract';
import { foldText, formatScalar, spelledCompare, spelledEquals, spelledValue } from './value.js';

/** An account as segments see it: its id and its attributes, known fields and any others. */
export interface SegmentRecord {
  readonly id: string;
  readonly [field: string]: unknown;
}

export type RecordPredicate = (record: SegmentRecord) => boolean;

function isCondition(filter: SegmentFilter): filter is SegmentCondition {
  return 'op' in filter;
}

function fieldValues(record: SegmentRecord, field: string): unknown[] {
  const raw = record[field];
  return Array.isArray(raw) ? raw : [raw];
}

function compileCondition(condition: SegmentCondition): RecordPredicate {
  const { field, op, value } = condition;
  switch (op) {
    case 'eq': {
      const target = spelledValue(value);
      return (r) => fieldValues(r, field).some((v) => spelledEquals(spelledValue(v), target));
    }
    case 'in': {
      const targets = (value as unknown[]).map(spelledValue);
      return (r) =>
        fieldValues(r, field).some((v) => {
          const spelled = spelledValue(v);
          return targets.some((t) => spelledEquals(spelled, t));
        });
    }
    case 'contains': {
      const needle = foldText(String(value).trim());
      return (r) =>
        fieldValues(r, field).some((v) => {
          if (v === null || v === undefined || typeof v === 'object') return false;
          return foldText(String(v)).includes(needle);
        });
    }
    case 'gt':
    case 'lt': {
      const target = spelledValue(value);
      const sign = op === 'gt' ? 1 : -1;
      return (r) =>
        fieldValues(r, field).some((v) => {
          const order = spelledCompare(spelledValue(v), target);
          return order !== undefined && order * sign > 0;
        });
    }
    case 'exists': {
      const wanted = value !== false;
      return (r) => fieldValues(r, field).some((v) => spelledValue(v) !== undefined) === wanted;
    }
  }
}

/** Compiles a filter into a predicate over records, once, for evaluation over many accounts. */
export function compileFilter(filter: SegmentFilter): RecordPredicate {
  if (isCondition(filter)) return compileCondition(filter);
  if ('and' in filter) {
    const parts = filter.and.map(compileFilter);
    return (r) => parts.every((p) => p(r));
  }
  if ('or' in filter) {
    const parts = filter.or.map(compileFilter);
    return (r) => parts.some((p) => p(r));
  }
  const inner = compileFilter(filter.not);
  return (r) => !inner(r);
}

const OP_WORDS: Record<SegmentCondition['op'], string> = {
  eq: '=',
  in: 'in',
  contains: 'contains',
  gt: '>',
  lt: '<',
  exists: 'exists',
};

/** A filter printed for people: `industry = "Software" and open_opportunity_over_1m = true`. */
export function describeFilter(filter: SegmentFilter): string {
  const inner = (f: SegmentFilter): string => {
    const text = describeFilter(f);
    return isCondition(f) || 'not' in f ? text : `(${text})`;
  };
  if (isCondition(filter)) {
    const { field, op, value } = filter;
    if (op === 'exists') return value === false ? `${field} is empty` : `${field} is present`;
    if (op === 'in') return `${field} in [${(value as (string | number | boolean)[]).map(formatScalar).join(', ')}]`;
    return `${field} ${OP_WORDS[op]} ${formatScalar(value as string | number | boolean)}`;
  }
  if ('and' in filter) return filter.and.map(inner).join(' and ');
  if ('or' in filter) return filter.or.map(inner).join(' or ');
  return `not ${inner(filter.not)}`;
}
