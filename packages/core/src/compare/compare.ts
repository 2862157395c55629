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

function agreement(a: string, b: string): number {
  return a === '' || b === '' ? 0 : a === b ? 1 : -1;
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

function subset(left: Int32Array, right: Int32Array, keep: (i: number, j: number) => boolean): { at: Int32Array; l: Int32Array; r: Int32Array } {
  const mark = new Uint8Array(left.length);
  let count = 0;
  for (let k = 0; k < left.length; k++) {
    if (keep(left[k], right[k])) {
      mark[k] = 1;
      count++;
    }
  }
  const at = new Int32Array(count);
  const l = new Int32Array(count);
  const r = new Int32Array(count);
  for (let k = 0, x = 0; k < left.length; k++) {
    if (!mark[k]) continue;
    at[x] = k;
    l[x] = left[k];
    r[x] = right[k];
    x++;
  }
  return { at, l, r };
}

/** Compares the given pairs on every factor: one kernel batch per string comparison kind. */
export function comparePairs(kernel: Kernel, table: AccountTable, pools: TablePools, left: Int32Array, right: Int32Array): PairFeatures {
  const count = left.length;
  const nameToken = new Float32Array(count);
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

  const nameChar = count === 0 ? new Float32Array(0) : Float32Array.from(kernel.scorePairs('levenshtein', pools.names, left, right, { score: 'normalizedSimilarity' }));

  const fuzzy = subset(left, right, (i, j) => table.domain[i] !== '' && table.domain[j] !== '' && table.label[i] !== table.label[j]);
  const labelSim = fuzzy.at.length === 0 ? new Float64Array(0) : kernel.scorePairs('levenshtein', pools.labels, fuzzy.l, fuzzy.r, { score: 'normalizedSimilarity' });
  const addr = subset(left, right, (i, j) => table.address[i] !== '' && table.address[j] !== '');
  const addrSim = addr.at.length === 0 ? new Float64Array(0) : kernel.scorePairs('levenshtein', pools.addresses, addr.l, addr.r, { score: 'normalizedSimilarity' });

  for (let k = 0; k < count; k++) {
    const i = left[k];
    const j = right[k];
    if (table.nameKey[i] === '' || table.nameKey[j] === '') nameChar[k] = 0;
    const shared = sharedWeight(table.nameTokens[i], table.nameTokens[j], weights);
    const wi = table.nameWeight[i];
    const wj = table.nameWeight[j];
    nameToken[k] = wi + wj > 0 ? (2 * shared) / (wi + wj) : 0;
    nameContain[k] = wi > 0 && wj > 0 ? shared / Math.min(wi, wj) : 0;
    const b = table.brand[i];
    if (b >= 0 && b === table.brand[j] && isBrand[b]) brand[k] = table.legalEntity[i] && table.legalEntity[j] ? 2 : 1;
    const di = table.domain[i];
    const dj = table.domain[j];
    if (di !== '' && dj !== '') domain[k] = di === dj ? DOMAIN_SAME : table.label[i] === table.label[j] && table.label[i].length >= 3 ? DOMAIN_SAME_LABEL : DOMAIN_CONFLICT;
    const rel = roots[i] === roots[j] ? parentRelation(table.parents, i, j) : undefined;
    parent[k] = rel === 'parent' ? PARENT_IS_ANCESTOR : rel === 'child' ? PARENT_IS_DESCENDANT : rel === 'sibling' ? PARENT_SIBLING : PARENT_NONE;
    phone[k] = agreement(table.phone[i], table.phone[j]);
    state[k] = agreement(table.state[i], table.state[j]);
    industry[k] = agreement(table.industry[i], table.industry[j]);
  }
  for (let s = 0; s < fuzzy.at.length; s++) {
    const k = fuzzy.at[s];
    const sim = labelSim[s];
    const shortest = Math.min(table.label[left[k]].length, table.label[right[k]].length);
    if (sim >= DOMAIN_FUZZY_MIN_SIMILARITY && shortest >= 3) domain[k] = DOMAIN_FUZZY_FACTOR * sim;
  }
  for (let s = 0; s < addr.at.length; s++) {
    const k = addr.at[s];
    const ni = table.addressNumber[left[k]];
    const nj = table.addressNumber[right[k]];
    const si = table.addressStreet[left[k]];
    const sj = table.addressStreet[right[k]];
    if (ni !== '' && nj !== '' && ni !== nj) address[k] = si !== '' && si === sj ? ADDRESS_OTHER_NUMBER : ADDRESS_OTHER_STREET;
    else if (ni !== '' && ni === nj && si !== '' && si === sj) address[k] = 1;
    else address[k] = Math.max(addrSim[s], 1e-6);
  }
  return { count, left, right, nameToken, nameChar, nameContain, brand, domain, parent, phone, address, state, industry };
}
