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

/** Per-account fields of the pair loop, packed RECORD_SIZE to an account in one Int32Array.
 * Pairs are sorted by their left account, so the right account is a random one among
 * millions: one record (a cache line) instead of a dozen arrays makes that one memory miss, not
 * a dozen. Text columns are interned to ids, equal exactly when the strings are equal, 0 for
 * the empty string. The name weight (a double) sits in the last two words, read through a
 * Float64Array over the same buffer. */
const RECORD_SIZE = 16;
const R_FLAGS = 0;
const R_DOMAIN = 1;
const R_LABEL = 2;
const R_PHONE = 3;
const R_STATE = 4;
const R_INDUSTRY = 5;
const R_ROOT = 6;
const R_BRAND = 7;
const R_ADDRESS_NUMBER = 8;
const R_ADDRESS_STREET = 9;
/** Name token ids of the account: `tokenIds[R_TOKEN_START]` up to `tokenIds[R_TOKEN_END] - 1`, ascending. */
const R_TOKEN_START = 10;
const R_TOKEN_END = 11;
/** Index of the name weight in the Float64Array view of a record. */
const R_NAME_WEIGHT_F64 = 7;
const F_NO_NAME = 1;
/** The domain label has at least 3 UTF-16 units. */
const F_LONG_LABEL = 2;
const F_NO_ADDRESS = 4;
const F_LEGAL_ENTITY = 8;

interface CompareColumns {
  record: Int32Array;
  /** The same buffer as doubles: the name weight of account i is `recordF64[i * RECORD_SIZE / 2 + R_NAME_WEIGHT_F64]`. */
  recordF64: Float64Array;
  tokenIds: Int32Array;
}

/** Built once per table (a table is not changed once built): the pair loop runs over it twice
 * (candidate pairs, then pairs listed only through their group). */
const columnsOf = new WeakMap<AccountTable, CompareColumns>();

function compareColumns(table: AccountTable): CompareColumns {
  const cached = columnsOf.get(table);
  if (cached !== undefined) return cached;
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
  const buffer = new ArrayBuffer(n * RECORD_SIZE * Int32Array.BYTES_PER_ELEMENT);
  const record = new Int32Array(buffer);
  const recordF64 = new Float64Array(buffer);
  const columns: [number, readonly string[]][] = [
    [R_DOMAIN, table.domain],
    [R_LABEL, table.label],
    [R_PHONE, table.phone],
    [R_STATE, table.state],
    [R_INDUSTRY, table.industry],
    [R_ADDRESS_NUMBER, table.addressNumber],
    [R_ADDRESS_STREET, table.addressStreet],
  ];
  for (const [field, column] of columns) {
    const ids = intern(column);
    for (let i = 0; i < n; i++) record[i * RECORD_SIZE + field] = ids[i];
  }
  let tokenCount = 0;
  for (let i = 0; i < n; i++) tokenCount += table.nameTokens[i].length;
  const tokenIds = new Int32Array(tokenCount);
  for (let i = 0, at = 0; i < n; i++) {
    const r = i * RECORD_SIZE;
    record[r + R_FLAGS] =
      (table.nameKey[i] === '' ? F_NO_NAME : 0) |
      (table.label[i].length >= 3 ? F_LONG_LABEL : 0) |
      (table.address[i] === '' ? F_NO_ADDRESS : 0) |
      (table.legalEntity[i] ? F_LEGAL_ENTITY : 0);
    record[r + R_ROOT] = table.parents.root[i];
    record[r + R_BRAND] = table.brand[i];
    record[r + R_TOKEN_START] = at;
    tokenIds.set(table.nameTokens[i], at);
    at += table.nameTokens[i].length;
    record[r + R_TOKEN_END] = at;
    recordF64[(r >> 1) + R_NAME_WEIGHT_F64] = table.nameWeight[i];
  }
  const built = { record, recordF64, tokenIds };
  columnsOf.set(table, built);
  return built;
}

/** A leading word is a brand when it is distinctive (not generic, not a number) and not shared
 * by a large part of the data set (of the rounded account count: it depends on the word's own
 * count only). */
export function brandTokens(table: AccountTable): Uint8Array {
  const { tokens } = table;
  const maxShare = Math.max(100, 0.1 * tokens.documents);
  const ok = new Uint8Array(tokens.tokens.length);
  for (let t = 0; t < ok.length; t++) {
    const word = tokens.tokens[t];
    ok[t] = word.length >= 3 && tokenPrior(word) === 1 && tokens.documentFrequency(t) <= maxShare ? 1 : 0;
  }
  return ok;
}

/** Pairs compared per kernel batch. Each batch copies the whole string pool into the kernel, so
 * batches are as large as the kernel takes in one call (4M results); the scratch arrays of one
 * batch are reused by the next. */
export const COMPARE_CHUNK = 1 << 22;

/** Compares the given pairs on every factor: one kernel batch per string comparison kind and
 * chunk of pairs. */
export function comparePairs(kernel: Kernel, table: AccountTable, pools: TablePools, left: Int32Array, right: Int32Array): PairFeatures {
  const count = left.length;
  // All feature columns in one buffer: one large allocation makes the engine account for the
  // memory once, instead of a garbage collection of the whole heap per column.
  const buffer = new ArrayBuffer(count * (5 * Float32Array.BYTES_PER_ELEMENT + 5));
  let offset = 0;
  const float32 = (): Float32Array => {
    const column = new Float32Array(buffer, offset, count);
    offset += count * Float32Array.BYTES_PER_ELEMENT;
    return column;
  };
  const int8 = (): Int8Array => {
    const column = new Int8Array(buffer, offset, count);
    offset += count;
    return column;
  };
  const nameToken = float32();
  const nameChar = float32();
  const nameContain = float32();
  const domain = float32();
  const address = float32();
  const brand = int8();
  const parent = int8();
  const phone = int8();
  const state = int8();
  const industry = int8();
  const isBrand = brandTokens(table);
  const weights = table.tokens.weights;
  const { record, recordF64, tokenIds } = compareColumns(table);

  // Scratch for the pairs of one chunk that need a domain label or an address compared as
  // strings, gathered in the same pass as the other factors (one visit of each right account).
  const scratch = Math.min(count, COMPARE_CHUNK);
  const labelAt = new Int32Array(scratch);
  const labelLeft = new Int32Array(scratch);
  const labelRight = new Int32Array(scratch);
  /** Both labels have at least 3 units: a fuzzy match counts. */
  const labelLong = new Uint8Array(scratch);
  const addressAt = new Int32Array(scratch);
  const addressLeft = new Int32Array(scratch);
  const addressRight = new Int32Array(scratch);
  const levenshtein = { score: 'normalizedSimilarity' } as const;

  for (let from = 0; from < count; from += COMPARE_CHUNK) {
    const to = Math.min(count, from + COMPARE_CHUNK);
    const names = kernel.scorePairs('levenshtein', pools.names, left.subarray(from, to), right.subarray(from, to), levenshtein);
    nameChar.set(names, from);

    let labels = 0;
    let addresses = 0;
    for (let k = from; k < to; k++) {
      const i = left[k];
      const j = right[k];
      const ri = i * RECORD_SIZE;
      const rj = j * RECORD_SIZE;
      const fi = record[ri + R_FLAGS];
      const fj = record[rj + R_FLAGS];
      if ((fi | fj) & F_NO_NAME) nameChar[k] = 0;
      // Rarity-weighted shared token mass of the two sorted token lists.
      let shared = 0;
      for (let x = record[ri + R_TOKEN_START], xe = record[ri + R_TOKEN_END], y = record[rj + R_TOKEN_START], ye = record[rj + R_TOKEN_END]; x < xe && y < ye; ) {
        const ta = tokenIds[x];
        const tb = tokenIds[y];
        if (ta === tb) {
          shared += weights[ta];
          x++;
          y++;
        } else if (ta < tb) x++;
        else y++;
      }
      const wi = recordF64[(ri >> 1) + R_NAME_WEIGHT_F64];
      const wj = recordF64[(rj >> 1) + R_NAME_WEIGHT_F64];
      nameToken[k] = wi + wj > 0 ? (2 * shared) / (wi + wj) : 0;
      nameContain[k] = wi > 0 && wj > 0 ? shared / Math.min(wi, wj) : 0;
      const b = record[ri + R_BRAND];
      if (b >= 0 && b === record[rj + R_BRAND] && isBrand[b]) brand[k] = fi & fj & F_LEGAL_ENTITY ? 2 : 1;
      const di = record[ri + R_DOMAIN];
      const dj = record[rj + R_DOMAIN];
      if (di !== 0 && dj !== 0) {
        const sameLabel = record[ri + R_LABEL] === record[rj + R_LABEL];
        domain[k] = di === dj ? DOMAIN_SAME : sameLabel && fi & F_LONG_LABEL ? DOMAIN_SAME_LABEL : DOMAIN_CONFLICT;
        // Fuzzy domain labels: two domains whose labels differ.
        if (!sameLabel) {
          labelAt[labels] = k;
          labelLeft[labels] = i;
          labelRight[labels] = j;
          labelLong[labels] = fi & fj & F_LONG_LABEL ? 1 : 0;
          labels++;
        }
      }
      const rel = record[ri + R_ROOT] === record[rj + R_ROOT] ? parentRelation(table.parents, i, j) : undefined;
      parent[k] = rel === 'parent' ? PARENT_IS_ANCESTOR : rel === 'child' ? PARENT_IS_DESCENDANT : rel === 'sibling' ? PARENT_SIBLING : PARENT_NONE;
      phone[k] = agreement(record[ri + R_PHONE], record[rj + R_PHONE]);
      state[k] = agreement(record[ri + R_STATE], record[rj + R_STATE]);
      industry[k] = agreement(record[ri + R_INDUSTRY], record[rj + R_INDUSTRY]);
      // Addresses: pairs with two addresses, decided by house number and street where they
      // tell, else compared as strings.
      if (!((fi | fj) & F_NO_ADDRESS)) {
        const ni = record[ri + R_ADDRESS_NUMBER];
        const nj = record[rj + R_ADDRESS_NUMBER];
        const si = record[ri + R_ADDRESS_STREET];
        const sj = record[rj + R_ADDRESS_STREET];
        if (ni !== 0 && nj !== 0 && ni !== nj) address[k] = si !== 0 && si === sj ? ADDRESS_OTHER_NUMBER : ADDRESS_OTHER_STREET;
        else if (ni !== 0 && ni === nj && si !== 0 && si === sj) address[k] = 1;
        else {
          addressAt[addresses] = k;
          addressLeft[addresses] = i;
          addressRight[addresses] = j;
          addresses++;
        }
      }
    }

    if (labels > 0) {
      const labelSim = kernel.scorePairs('levenshtein', pools.labels, labelLeft.subarray(0, labels), labelRight.subarray(0, labels), levenshtein);
      for (let s = 0; s < labels; s++) {
        const sim = labelSim[s];
        if (sim >= DOMAIN_FUZZY_MIN_SIMILARITY && labelLong[s]) domain[labelAt[s]] = DOMAIN_FUZZY_FACTOR * sim;
      }
    }
    if (addresses > 0) {
      const addrSim = kernel.scorePairs('levenshtein', pools.addresses, addressLeft.subarray(0, addresses), addressRight.subarray(0, addresses), levenshtein);
      for (let s = 0; s < addresses; s++) address[addressAt[s]] = Math.max(addrSim[s], 1e-6);
    }
  }
  return { count, left, right, nameToken, nameChar, nameContain, brand, domain, parent, phone, address, state, industry };
}
