import { PairSet } from './pairs.js';

/** What blocking needs to know of each account (index i in every array). */
export interface BlockingInput {
  n: number;
  /** Blocking keys of each account (any strings; one namespace per kind of key, e.g. `d:acme.com`). */
  keys: readonly (readonly string[])[];
  /** The order inside an oversized block: accounts are compared with their neighbours in it. */
  sortKey: readonly string[];
  /** Strings whose sorted order (and reversed-string order) brings typo variants together,
   * e.g. domain labels or name keys, with the window of neighbours to compare. */
  neighbourhoods?: { values: readonly (string | undefined)[]; window: number }[];
  /** Pairs that are always candidates (e.g. a parent and its child). */
  forced?: { left: Int32Array; right: Int32Array };
}

export interface CappedBlock {
  key: string;
  size: number;
}

export interface Blocking {
  left: Int32Array;
  right: Int32Array;
  cappedBlocks: CappedBlock[];
}

/** Blocking keys as 32-bit hashes (FNV-1a, as `hashKey`): the keys of account i are
 * `hash[start[i]]` to `hash[start[i + 1] - 1]`. Building them needs no key strings at all. */
export interface HashedKeys {
  start: Int32Array;
  hash: Uint32Array;
  /** The key of `member` whose hash (modulo `hashRange`) is `hash`, to name a capped block. */
  keyOf: (member: number, hash: number, hashRange: number) => string;
}

/** What blocking needs besides the keys; see `BlockingInput`. */
export type HashedBlockingInput = Omit<BlockingInput, 'keys'> & { keys: HashedKeys };

/** Candidate pairs from shared keys. A block up to `maxBlockSize` accounts is compared in full;
 * a bigger one by sorted neighbourhood: each account with the `window` accounts after it in
 * `sortKey` order. Capped blocks are reported, never dropped. */
export function blockPairs(input: BlockingInput, maxBlockSize: number, window: number): Blocking {
  const { n, keys } = input;
  const start = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) start[i + 1] = start[i] + keys[i].length;
  const hash = new Uint32Array(start[n]);
  for (let i = 0, e = 0; i < n; i++) for (const key of keys[i]) hash[e++] = hashKey(key);
  const keyOf = (member: number, h: number, hashRange: number): string => {
    for (const key of keys[member]) if (hashKey(key) % hashRange === h) return key;
    return '';
  };
  return blockHashedPairs({ ...input, keys: { start, hash, keyOf } }, maxBlockSize, window);
}

/** `blockPairs` over keys already hashed: the same blocks and pairs, without a string per key. */
export function blockHashedPairs(input: HashedBlockingInput, maxBlockSize: number, window: number): Blocking {
  const { n } = input;
  const pairs = new PairSet(n);
  const cappedBlocks: CappedBlock[] = [];
  forEachBlock(n, input.keys, (members, hash, hashRange) => {
    const size = members.length;
    if (size <= maxBlockSize) {
      for (let x = 0; x < size; x++) for (let y = x + 1; y < size; y++) pairs.add(members[x], members[y]);
      return;
    }
    cappedBlocks.push({ key: input.keys.keyOf(members[0], hash, hashRange), size });
    const sorted = Array.from(members).sort((a, b) => compareStrings(input.sortKey[a], input.sortKey[b]) || a - b);
    addWindow(pairs, sorted, window);
  });
  for (const hood of input.neighbourhoods ?? []) addNeighbourhood(pairs, hood.values, hood.window);
  if (input.forced) for (let k = 0; k < input.forced.left.length; k++) pairs.add(input.forced.left[k], input.forced.right[k]);
  cappedBlocks.sort((a, b) => b.size - a.size || compareStrings(a.key, b.key));
  return { ...pairs.finish(), cappedBlocks };
}

export const FNV_OFFSET = 0x811c9dc5;

/** FNV-1a of a string's UTF-16 code units. */
export function hashKey(key: string): number {
  return hashMore(FNV_OFFSET, key) >>> 0;
}

/** Continues an FNV-1a hash with the code units of `s`: hashing "ab" then "cd" equals hashing
 * "abcd". Finish with `>>> 0`. */
export function hashMore(h: number, s: string): number {
  for (let c = 0; c < s.length; c++) {
    h ^= s.charCodeAt(c);
    h = Math.imul(h, 0x01000193);
  }
  return h;
}

/**
 * Calls `visit` with the members (ascending account indices) of every block of two or more
 * accounts. (hash, account) is packed into one number, so grouping is one native sort of a
 * Float64Array instead of a map of millions of strings. Two keys with the same hash share a
 * block: that only adds candidate pairs, never loses one.
 */
function forEachBlock(n: number, keys: HashedKeys, visit: (members: Int32Array, hash: number, hashRange: number) => void): void {
  const total = keys.start[n];
  // hash · n + account must stay below 2^53: fewer hash bits for more accounts.
  const hashBits = Math.min(32, Math.floor(Math.log2(2 ** 53 / Math.max(n, 1))));
  const hashRange = 2 ** hashBits;
  const packed = new Float64Array(total);
  for (let i = 0; i < n; i++) {
    for (let e = keys.start[i]; e < keys.start[i + 1]; e++) packed[e] = (keys.hash[e] % hashRange) * n + i;
  }
  packed.sort();
  const members = new Int32Array(Math.min(n, total));
  let size = 0;
  let current = -1;
  const flush = (): void => {
    if (size >= 2) visit(members.slice(0, size), current, hashRange);
    size = 0;
  };
  for (let x = 0; x < total; x++) {
    const hash = Math.floor(packed[x] / n);
    const account = packed[x] - hash * n;
    if (hash !== current) {
      flush();
      current = hash;
    }
    if (size === 0 || members[size - 1] !== account) members[size++] = account;
  }
  flush();
}

/** Pairs accounts whose distinct values are within `window` places of each other in sorted
 * order, and again in the order of the reversed strings (so a typo near the start of a value
 * still has a chance). Accounts sharing a value are already a block of their own. */
function addNeighbourhood(pairs: PairSet, values: readonly (string | undefined)[], window: number): void {
  const byValue = new Map<string, number>();
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== undefined && !byValue.has(v)) byValue.set(v, i);
  }
  // Strings sort by UTF-16 code units without a comparator, which is the fastest sort there is.
  const sorted = [...byValue.keys()].sort();
  const accounts = sorted.map((v) => byValue.get(v)!);
  addWindow(pairs, accounts, window);
  const reversedTo = new Map<string, number>();
  for (let x = 0; x < sorted.length; x++) reversedTo.set(reverse(sorted[x]), accounts[x]);
  const reversed = [...reversedTo.keys()].sort();
  addWindow(pairs, reversed.map((r) => reversedTo.get(r)!), window);
}

function addWindow(pairs: PairSet, order: readonly number[], window: number): void {
  for (let x = 0; x < order.length; x++) {
    const end = Math.min(order.length, x + 1 + window);
    for (let y = x + 1; y < end; y++) pairs.add(order[x], order[y]);
  }
}

/** The string's UTF-16 code units in reverse order, built flat (no rope of one-unit strings). */
function reverse(s: string): string {
  return s.split('').reverse().join('');
}

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
