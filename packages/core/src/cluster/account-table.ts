import type { Account } from '@kindred/contract';
import { normalizeAddress, normalizeLabel } from '../normalise/address.js';
import { normalizeDomain } from '../normalise/domain.js';
import { normalizeName } from '../normalise/name.js';
import { normalizePhone } from '../normalise/phone.js';
import { STOP_WORDS, TokenTable } from '../normalise/token-weights.js';
import { resolveParents, type ParentLinks } from '../parents/parents.js';
import type { WarningSink } from './warnings.js';

/** The accounts of a run, deduplicated by id, sorted by id, normalised column by column.
 * Index i is the same account in every column. Empty strings stand for missing values. */
export interface AccountTable {
  n: number;
  ids: string[];
  accounts: Account[];
  nameKey: string[];
  /** Sorted token ids of each name (ids into `tokens`). */
  nameTokens: Int32Array[];
  /** Sum of the token weights of each name. */
  nameWeight: Float64Array;
  /** Token id of each name's leading word (the brand, in "Pall France S.A.S."), or -1. */
  brand: Int32Array;
  /** 1 when the name carries a legal form (Inc, GmbH, S.A. …): the account is a legal entity. */
  legalEntity: Uint8Array;
  tokens: TokenTable;
  /** Registrable domain that is evidence ('' when none or when only free-mail/social/hosting). */
  domain: string[];
  /** `domain` without its public suffix. */
  label: string[];
  phone: string[];
  address: string[];
  addressNumber: string[];
  addressStreet: string[];
  state: string[];
  country: string[];
  industry: string[];
  parents: ParentLinks;
}

const FIELDS_FOR_DOMAIN = ['domain', 'website', 'email'] as const;

function text(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  const s = (typeof value === 'string' ? value : String(value)).trim();
  return s === '' ? undefined : s;
}

function filledFields(a: Record<string, unknown>): number {
  let k = 0;
  for (const v of Object.values(a)) if (text(v) !== undefined) k++;
  return k;
}

function canonical(a: Record<string, unknown>): string {
  return JSON.stringify(Object.keys(a).sort().map((k) => [k, a[k]]));
}

/** Validates ids, resolves duplicates deterministically, sorts by id. */
export function uniqueAccounts(input: readonly Account[], warnings: WarningSink): Account[] {
  // One record per id; the few ids given more than once keep all their records aside.
  const byId = new Map<string, Account>();
  const repeated = new Map<string, Account[]>();
  input.forEach((raw, position) => {
    const id = raw && typeof raw === 'object' ? text((raw as Record<string, unknown>).id) : undefined;
    if (id === undefined) {
      warnings.add({ kind: 'invalid-account', field: 'id', message: `account at position ${position} has no id; it is skipped` });
      return;
    }
    const record = raw.id === id ? raw : { ...raw, id };
    const first = byId.get(id);
    if (first === undefined) byId.set(id, record);
    else {
      const list = repeated.get(id);
      if (list) list.push(record);
      else repeated.set(id, [first, record]);
    }
  });
  // Ids given more than once, in the order they first came (the order of their warnings).
  if (repeated.size > 0) {
    for (const id of byId.keys()) {
      const list = repeated.get(id);
      if (list === undefined) continue;
      // Keep the fullest record; equal ones are ordered by content, so input order does not matter.
      const ranked = list
        .map((a) => ({ a, filled: filledFields(a), key: canonical(a) }))
        .sort((x, y) => y.filled - x.filled || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
      byId.set(id, ranked[0].a);
      warnings.add({
        kind: 'duplicate-id',
        accountId: id,
        field: 'id',
        message: `${list.length} records have id ${id}; the one with the most filled fields is used`,
      });
    }
  }
  // Strings sort by UTF-16 code units without a comparator (as `<` orders them), natively.
  const ids = [...byId.keys()].sort();
  const out = new Array<Account>(ids.length);
  for (let i = 0; i < ids.length; i++) out[i] = byId.get(ids[i])!;
  return out;
}

/** A leading +, the digits, and an x for each run of non-digits holding a letter (an extension
 * marker): every phone with the same key parses to the same result. One pass, no regex. */
function phoneCacheKey(raw: string): string {
  let key = raw.charCodeAt(0) === 43 ? '+' : '';
  let run = false;
  let letter = false;
  for (let c = 0; c < raw.length; c++) {
    const code = raw.charCodeAt(c);
    if (code >= 48 && code <= 57) {
      if (run && letter) key += 'x';
      run = false;
      letter = false;
      key += raw[c];
    } else {
      run = true;
      if ((code >= 65 && code <= 90) || (code >= 97 && code <= 122)) letter = true;
    }
  }
  if (run && letter) key += 'x';
  return key;
}

/** Normalises every account (accounts must be unique and sorted by id). */
export function buildAccountTable(accounts: Account[], defaultRegion: string, warnings: WarningSink): AccountTable {
  const n = accounts.length;
  const ids = accounts.map((a) => a.id);
  const tokens = new TokenTable();
  const nameKey: string[] = new Array(n);
  const nameTokens: Int32Array[] = new Array(n);
  const domain: string[] = new Array(n);
  const label: string[] = new Array(n);
  const phone: string[] = new Array(n);
  const address: string[] = new Array(n);
  const addressNumber: string[] = new Array(n);
  const addressStreet: string[] = new Array(n);
  const state: string[] = new Array(n);
  const country: string[] = new Array(n);
  const industry: string[] = new Array(n);
  const parentIds: (string | undefined)[] = new Array(n);
  const phoneCache = new Map<string, string>();
  // States, countries and industries repeat: fold each distinct value once.
  const labelCache = new Map<string, string>();
  const cachedLabel = (raw: string | undefined): string => {
    if (raw === undefined) return '';
    let folded = labelCache.get(raw);
    if (folded === undefined) {
      folded = normalizeLabel(raw) ?? '';
      if (labelCache.size < 100_000) labelCache.set(raw, folded);
    }
    return folded;
  };
  // Token ids of all names in one array; each name's tokens become a view of it at the end
  // (a million names would otherwise be a million small buffers).
  let flatTokens = new Int32Array(4 * n + 16);
  let tokenCount = 0;
  const tokenEnd = new Int32Array(n);
  const brandWord: string[] = new Array(n);
  const legalEntity = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const a = accounts[i] as Record<string, unknown>;
    const name = normalizeName(text(a.name));
    nameKey[i] = name.key;
    const nameTokenIds = tokens.addDocument(name.tokens);
    if (tokenCount + nameTokenIds.length > flatTokens.length) {
      const grown = new Int32Array(Math.max(2 * flatTokens.length, tokenCount + nameTokenIds.length));
      grown.set(flatTokens.subarray(0, tokenCount));
      flatTokens = grown;
    }
    flatTokens.set(nameTokenIds, tokenCount);
    tokenCount += nameTokenIds.length;
    tokenEnd[i] = tokenCount;
    brandWord[i] = name.tokens.find((t) => !STOP_WORDS.has(t)) ?? '';
    legalEntity[i] = name.legalForms.length > 0 ? 1 : 0;

    domain[i] = '';
    label[i] = '';
    for (const field of FIELDS_FOR_DOMAIN) {
      const raw = text(a[field]);
      if (raw === undefined) continue;
      const d = normalizeDomain(raw);
      if (d === undefined) {
        if (field !== 'email' || raw.includes('@')) {
          warnings.add({ kind: 'invalid-field', accountId: ids[i], field, message: `account ${ids[i]}: ${field} "${raw}" holds no registrable domain; it is ignored` });
        }
        continue;
      }
      if (d.ignored) continue;
      domain[i] = d.domain;
      label[i] = d.label;
      break;
    }

    const rawPhone = text(a.phone);
    phone[i] = '';
    if (rawPhone !== undefined) {
      // The parse depends only on a leading +, the digits and any extension: cache by those.
      const cacheKey = phoneCacheKey(rawPhone);
      let key = phoneCache.get(cacheKey);
      if (key === undefined) {
        key = normalizePhone(rawPhone, defaultRegion)?.key ?? '';
        phoneCache.set(cacheKey, key);
      }
      if (key === '') warnings.add({ kind: 'invalid-field', accountId: ids[i], field: 'phone', message: `account ${ids[i]}: phone "${rawPhone}" has fewer than 7 digits; it is ignored` });
      phone[i] = key;
    }

    const addr = normalizeAddress(text(a.address));
    address[i] = addr?.key ?? '';
    addressNumber[i] = addr?.number ?? '';
    addressStreet[i] = addr?.street ?? '';
    state[i] = cachedLabel(text(a.state));
    country[i] = cachedLabel(text(a.country));
    industry[i] = cachedLabel(text(a.industry));
    parentIds[i] = text(a.parentId);
  }
  tokens.finish(n);
  const allTokens = flatTokens.slice(0, tokenCount);
  for (let i = 0; i < n; i++) nameTokens[i] = allTokens.subarray(i === 0 ? 0 : tokenEnd[i - 1], tokenEnd[i]);
  const nameWeight = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    const t = nameTokens[i];
    for (let k = 0; k < t.length; k++) s += tokens.weights[t[k]];
    nameWeight[i] = s;
  }
  const brand = new Int32Array(n);
  for (let i = 0; i < n; i++) brand[i] = brandWord[i] === '' ? -1 : tokens.ids.get(brandWord[i])!;
  const parents = resolveParents(ids, parentIds);
  warnings.addAll(parents.warnings);
  return { n, ids, accounts, nameKey, nameTokens, nameWeight, brand, legalEntity, tokens, domain, label, phone, address, addressNumber, addressStreet, state, country, industry, parents };
}
