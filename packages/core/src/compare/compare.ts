import type { Kernel, StringPool } from '@kindred/kernel';
import type { AccountTable } from '../cluster/account-table.js';
import { tokenPrior } from '../normalise/token-weights.js';
import { parentRelation } from '../parents/parents.js';

/** Codes of `PairFeatures.parent`: how the right account stands to the left one. */
export const PARENT_NONE = 0;
export const PARENT_IS_ANCESTOR = 1;
export const PARENT_IS_DESCENDANT = 2;
export const PARENT_SIBLING = 3;

/** Domain evidence levels in `PairFeatures.domain`. */
export const DOMAIN_SAME = 1;
export const DOMAIN_SAME_LABEL = 0.85;
/** Fuzzy labels (`acm` ~ `acme`) count this much times their similarity. */
export const DOMAIN_FUZZY_FACTOR = 0.6;
export const DOMAIN_FUZZY_MIN_SIMILARITY = 0.75;
export const DOMAIN_CONFLICT = -1;

/** Address disagreement levels in `PairFeatures.address`: another house number on the same
 * street (a neighbouring building, or a typo), or another street altogether (another site). */
export const ADDRESS_OTHER_NUMBER = -0.5;
export const ADDRESS_OTHER_STREET = -1;

/** Per-factor similarities of candidate pairs, one entry per pair (struct of arrays).
 * Agreement codes: 1 agree, -1 disagree, 0 unknown (a side is missing). */
export interface PairFeatures {
  count: number;
  left: Int32Array;
  right: Int32Array;
  /** Rarity-weighted token overlap of the names (weighted Dice), in [0,1]. */
  nameToken: Float32Array;
  /** Character similarity of the names (normalised Levenshtein), in [0,1]. */
  nameChar: Float32Array;
  /** Rarity-weighted share of the lighter name found in the other (containment), in [0,1]. */
  nameContain: Float32Array;
  /** Shared leading distinctive word ("Pall France" ~ "Pall Korea"): 0 no, 1 yes, 2 yes and both
   * names carry a legal form (two legal entities named after one brand). */
  brand: Int8Array;
  /** 1 same registrable domain, 0.85 same label under another suffix, fuzzy label similarity
   * × 0.6, -1 different domains, 0 unknown. */
  domain: Float32Array;
  parent: Int8Array;
  phone: Int8Array;
  /** Address similarity in [0,1] (1: same house number and street); -0.5 other house number on
   * the same street; -1 other house number on another street; 0 unknown. */
  address: Float32Array;
  state: Int8Array;
  industry: Int8Array;
}

/** Kernel string pools of a table's columns, built once per table. */
export interface TablePools {
  names: StringPool;
  labels: StringPool;
  addresses: StringPool;
}

export function buildPools(kernel: Kernel, table: AccountTable): TablePools {
  return { names: kernel.pool(table.nameKey), labels: kernel.pool(table.label), addresses: kernel.pool(table.address) };
}

/** Agreement of two interned values (0 stands for a missing value). */
function agreement(a: number, b: number): number {
  return a === 0 || b === 0 ? 0 : a === b ? 1 : -1;
}

/** A table's compared text columns as integer ids, equal exactly when the strings are equal, 0
 * for the empty string. The pair loop then reads a few small typed arrays instead of following
 * two string pointers per column into a heap of millions of strings. */
interface ColumnIds {
  /** 1 when the name key is empty. */
  noName: Uint8Array;
  domain: Int32Array;
  label: Int32Array;
  /** 1 when the domain label has at least 3 UTF-16 units. */
  longLabel: Uint8Array;
  phone: Int32Array;
  /** 1 when the address is empty. */
  noAddress: Uint8Array;
  addressNumber: Int32Array;
  addressStreet: Int32Array;
  state: Int32Array;
  industry: Int32Array;
}

const columnIdsOf = new WeakMap<AccountTable, ColumnIds>();

function columnIds(table: AccountTable): ColumnIds {
  let ids = columnIdsOf.get(table);
  if (ids !== undefined) return ids;
  const { n } = table;
  const intern = (column: readonly string[]): Int32Array => {
    const idOf = new Map<string, number>([['', 0]]);
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const v = column[i];
      let id = idOf.get(v);
      if (id === undefined) idOf.set(v, (id = idOf.size));
      out[i] = id;
    }
    return out;
  };
  const noName = new Uint8Array(n);
  const longLabel = new Uint8Array(n);
  const noAddress = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    noName[i] = table.nameKey[i] === '' ? 1 : 0;
    longLabel[i] = table.label[i].length >= 3 ? 1 : 0;
    noAddress[i] = table.address[i] === '' ? 1 : 0;
  }
  ids = {
    noName,
    domain: intern(table.domain),
    label: intern(table.label),
    longLabel,
    phone: intern(table.phone),
    noAddress,
    addressNumber: intern(table.addressNumber),
    addressStreet: intern(table.addressStreet),
    state: intern(table.state),
    industry: intern(table.industry),
  };
  columnIdsOf.set(table, ids);
  return ids;
}

/** Rarity-weighted shared token mass of two sorted token-id lists. */
export function sharedWeight(a: Int32Array, b: Int32Array, weights: Float64Array): number {
  let shared = 0;
  let x = 0;
  let y = 0;
  while (x < a.length && y < b.length) {
    const ta = a[x];
    const tb = b[y];
    if (ta === tb) {
      shared += weights[ta];
      x++;
      y++;
    } else if (ta < tb) x++;
    else y++;
  }
  return shared;
}

/** A leading word is a brand when it is distinctive (not generic, not a number) and not shared
 * by a large part of the data set. */
export function brandTokens(table: AccountTable): Uint8Array {
  const { tokens, n } = table;
  const maxShare = Math.max(100, 0.1 * n);
  const ok = new Uint8Array(tokens.tokens.length);
  for (let t = 0; t < ok.length; t++) {
    const word = tokens.tokens[t];
    ok[t] = word.length >= 3 && tokenPrior(word) === 1 && tokens.documentFrequency(t) <= maxShare ? 1 : 0;
  }
  return ok;
}

/** Pairs compared per kernel batch: big enough to amortise a call, small enough that the
 * batch's scratch arrays are reused instead of allocating arrays as long as all the pairs. */
export const COMPARE_CHUNK = 1 << 18;

/** Compares the given pairs on every factor: one kernel batch per string comparison kind and
 * chunk of pairs. */
export function comparePairs(kernel: Kernel, table: AccountTable, pools: TablePools, left: Int32Array, right: Int32Array): PairFeatures {
  const count = left.length;
  const nameToken = new Float32Array(count);
  const nameChar = new Float32Array(count);
  const nameContain = new Float32Array(count);
  const brand = new Int8Array(count);
  const isBrand = brandTokens(table);
  const domain = new Float32Array(count);
  const parent = new Int8Array(count);
  const phone = new Int8Array(count);
  const address = new Float32Array(count);
  const state = new Int8Array(count);
  const industry = new Int8Array(count);
  const weights = table.tokens.weights;
  const roots = table.parents.root;
  const { nameTokens, nameWeight, brand: brandOf, legalEntity } = table;
  const col = columnIds(table);
  const { noName, domain: domainOf, label: labelOf, longLabel, noAddress, addressNumber, addressStreet } = col;

  // Scratch for the pairs of one chunk that need a label or an address comparison.
  const scratch = Math.min(count, COMPARE_CHUNK);
  const at = new Int32Array(scratch);
  const sl = new Int32Array(scratch);
  const sr = new Int32Array(scratch);
  const levenshtein = { score: 'normalizedSimilarity' } as const;

  for (let from = 0; from < count; from += COMPARE_CHUNK) {
    const to = Math.min(count, from + COMPARE_CHUNK);
    const names = kernel.scorePairs('levenshtein', pools.names, left.subarray(from, to), right.subarray(from, to), levenshtein);
    nameChar.set(names, from);

    for (let k = from; k < to; k++) {
      const i = left[k];
      const j = right[k];
      if (noName[i] || noName[j]) nameChar[k] = 0;
      const shared = sharedWeight(nameTokens[i], nameTokens[j], weights);
      const wi = nameWeight[i];
      const wj = nameWeight[j];
      nameToken[k] = wi + wj > 0 ? (2 * shared) / (wi + wj) : 0;
      nameContain[k] = wi > 0 && wj > 0 ? shared / Math.min(wi, wj) : 0;
      const b = brandOf[i];
      if (b >= 0 && b === brandOf[j] && isBrand[b]) brand[k] = legalEntity[i] && legalEntity[j] ? 2 : 1;
      const di = domainOf[i];
      const dj = domainOf[j];
      if (di !== 0 && dj !== 0) domain[k] = di === dj ? DOMAIN_SAME : labelOf[i] === labelOf[j] && longLabel[i] ? DOMAIN_SAME_LABEL : DOMAIN_CONFLICT;
      const rel = roots[i] === roots[j] ? parentRelation(table.parents, i, j) : undefined;
      parent[k] = rel === 'parent' ? PARENT_IS_ANCESTOR : rel === 'child' ? PARENT_IS_DESCENDANT : rel === 'sibling' ? PARENT_SIBLING : PARENT_NONE;
      phone[k] = agreement(col.phone[i], col.phone[j]);
      state[k] = agreement(col.state[i], col.state[j]);
      industry[k] = agreement(col.industry[i], col.industry[j]);
    }

    // Fuzzy domain labels: pairs with two domains whose labels differ.
    let m = 0;
    for (let k = from; k < to; k++) {
      const i = left[k];
      const j = right[k];
      if (domainOf[i] !== 0 && domainOf[j] !== 0 && labelOf[i] !== labelOf[j]) {
        at[m] = k;
        sl[m] = i;
        sr[m] = j;
        m++;
      }
    }
    if (m > 0) {
      const labelSim = kernel.scorePairs('levenshtein', pools.labels, sl.subarray(0, m), sr.subarray(0, m), levenshtein);
      for (let s = 0; s < m; s++) {
        const sim = labelSim[s];
        if (sim >= DOMAIN_FUZZY_MIN_SIMILARITY && longLabel[sl[s]] && longLabel[sr[s]]) domain[at[s]] = DOMAIN_FUZZY_FACTOR * sim;
      }
    }

    // Addresses: pairs with two addresses.
    m = 0;
    for (let k = from; k < to; k++) {
      const i = left[k];
      const j = right[k];
      if (!noAddress[i] && !noAddress[j]) {
        at[m] = k;
        sl[m] = i;
        sr[m] = j;
        m++;
      }
    }
    if (m > 0) {
      const addrSim = kernel.scorePairs('levenshtein', pools.addresses, sl.subarray(0, m), sr.subarray(0, m), levenshtein);
      for (let s = 0; s < m; s++) {
        const k = at[s];
        const ni = addressNumber[sl[s]];
        const nj = addressNumber[sr[s]];
        const si = addressStreet[sl[s]];
        const sj = addressStreet[sr[s]];
        if (ni !== 0 && nj !== 0 && ni !== nj) address[k] = si !== 0 && si === sj ? ADDRESS_OTHER_NUMBER : ADDRESS_OTHER_STREET;
        else if (ni !== 0 && ni === nj && si !== 0 && si === sj) address[k] = 1;
        else address[k] = Math.max(addrSim[s], 1e-6);
      }
    }
  }
  return { count, left, right, nameToken, nameChar, nameContain, brand, domain, parent, phone, address, state, industry };
}
