/** Checks what the store keeps, naming the record and the field of anything it cannot keep. */
import { RELATIONS, TIERS, type AccountResult, type Relation, type Tier } from '@kindred/contract';
import { InvalidInputError } from './errors.js';
import type { AccountRecord, Json } from './types.js';

const tiers = new Set<string>(TIERS);
const relations = new Set<string>(RELATIONS);

/** Ids and other keys: non-empty strings without NUL (which PostgreSQL text cannot hold). */
export function checkKey(value: unknown, what: string, details: { index?: number; id?: string; field?: string }): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new InvalidInputError(`${what}: field "${details.field}" must be a non-empty string`, details);
  }
  if (value.includes('\u0000')) {
    throw new InvalidInputError(`${what}: field "${details.field}" contains a NUL character`, details);
  }
  return value;
}

export function accountLabel(index: number, id: unknown): string {
  return typeof id === 'string' && id.length > 0 ? `account ${JSON.stringify(id)} (record ${index})` : `record ${index}`;
}

/** The record's JSON text; throws naming the record if it cannot be serialised. */
export function accountJson(account: AccountRecord, index: number): string {
  if (account === null || typeof account !== 'object' || Array.isArray(account)) {
    throw new InvalidInputError(`record ${index}: an account must be an object`, { index });
  }
  checkKey(account.id, accountLabel(index, account.id), { index, field: 'id' });
  try {
    return JSON.stringify(account);
  } catch (error) {
    throw new InvalidInputError(
      `${accountLabel(index, account.id)}: not JSON-serialisable (${(error as Error).message})`,
      { index, id: account.id },
    );
  }
}

export function checkResult(result: AccountResult, index: number): void {
  const label = `result ${index}${typeof result?.id === 'string' ? ` (account ${JSON.stringify(result.id)})` : ''}`;
  if (result === null || typeof result !== 'object') {
    throw new InvalidInputError(`${label}: must be an object`, { index });
  }
  const id = checkKey(result.id, label, { index, field: 'id' });
  if (!result.groups || typeof result.groups !== 'object') {
    throw new InvalidInputError(`${label}: field "groups" is required`, { index, id, field: 'groups' });
  }
  for (const tier of TIERS) checkKey(result.groups[tier], label, { index, id, field: `groups.${tier}` });
  if (!Array.isArray(result.related)) {
    throw new InvalidInputError(`${label}: field "related" must be an array`, { index, id, field: 'related' });
  }
  result.related.forEach((r, j) => {
    const field = `related[${j}]`;
    checkKey(r?.id, label, { index, id, field: `${field}.id` });
    if (!tiers.has(r.tier)) {
      throw new InvalidInputError(`${label}: field "${field}.tier" must be one of ${TIERS.join(', ')}`, {
        index,
        id,
        field: `${field}.tier`,
      });
    }
    if (!relations.has(r.relation)) {
      throw new InvalidInputError(`${label}: field "${field}.relation" must be one of ${RELATIONS.join(', ')}`, {
        index,
        id,
        field: `${field}.relation`,
      });
    }
    if (typeof r.score !== 'number' || !Number.isFinite(r.score)) {
      throw new InvalidInputError(`${label}: field "${field}.score" must be a finite number`, {
        index,
        id,
        field: `${field}.score`,
      });
    }
    if (!Array.isArray(r.reasons)) {
      throw new InvalidInputError(`${label}: field "${field}.reasons" must be an array`, {
        index,
        id,
        field: `${field}.reasons`,
      });
    }
  });
}

export function checkTier(value: unknown, field = 'tier'): Tier {
  if (typeof value !== 'string' || !tiers.has(value)) {
    throw new InvalidInputError(`field "${field}" must be one of ${TIERS.join(', ')}`, { field });
  }
  return value as Tier;
}

export function checkRelation(value: unknown, field = 'relation'): Relation {
  if (typeof value !== 'string' || !relations.has(value)) {
    throw new InvalidInputError(`field "${field}" must be one of ${RELATIONS.join(', ')}`, { field });
  }
  return value as Relation;
}

/** JSON text of a value the caller means to keep as JSON (segment definitions, configs). */
export function jsonText(value: Json | unknown, what: string, field: string): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (error) {
    throw new InvalidInputError(`${what}: field "${field}" is not JSON-serialisable (${(error as Error).message})`, {
      field,
    });
  }
  if (text === undefined) throw new InvalidInputError(`${what}: field "${field}" is required`, { field });
  return text;
}

export function pageLimit(limit: number | undefined, fallback = 50): number {
  if (limit === undefined) return fallback;
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
    throw new InvalidInputError('field "limit" must be an integer from 1 to 1000', { field: 'limit' });
  }
  return limit;
}

export function pageOffset(offset: number | undefined): number {
  if (offset === undefined) return 0;
  if (!Number.isInteger(offset) || offset < 0) {
    throw new InvalidInputError('field "offset" must be a non-negative integer', { field: 'offset' });
  }
  return offset;
}
