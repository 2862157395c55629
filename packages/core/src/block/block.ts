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

/** Candidate pairs from shared keys. A block up to `maxBlockSize` accounts is compared in full;
 * a bigger one by sorted neighbourhood: each account with the `window` accounts after it in
 * `sortKey` order. Capped blocks are reported, never dropped. */
export function blockPairs(input: BlockingInput, maxBlockSize: number, window: number): Blocking {
  const { n } = input;
  const blocks = new Map<string, number[]>();
  for (let i = 0; i < n; i++) {
    for (const key of input.keys[i]) {
      const members = blocks.get(key);
      if (members === undefined) blocks.set(key, [i]);
      else if (members[members.length - 1] !== i) members.push(i);
    }
  }
  const pairs = new PairSet(n);
  const cappedBlocks: CappedBlock[] = [];
  for (const [key, members] of blocks) {
    const size = members.length;
    if (size < 2) continue;
    if (size <= maxBlockSize) {
      for (let x = 0; x < size; x++) for (let y = x + 1; y < size; y++) pairs.add(members[x], members[y]);
      continue;
    }
    cappedBlocks.push({ key, size });
    const sorted = members.slice().sort((a, b) => compareStrings(input.sortKey[a], input.sortKey[b]) || a - b);
    for (let x = 0; x < size; x++) {
      const end = Math.min(size, x + 1 + window);
      for (let y = x + 1; y < end; y++) pairs.add(sorted[x], sorted[y]);
    }
  }
  blocks.clear();
  for (const hood of input.neighbourhoods ?? []) addNeighbourhood(pairs, hood.values, hood.window);
  if (input.forced) for (let k = 0; k < input.forced.left.length; k++) pairs.add(input.forced.left[k], input.forced.right[k]);
  cappedBlocks.sort((a, b) => b.size - a.size || compareStrings(a.key, b.key));
  return { ...pairs.finish(), cappedBlocks };
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

function reverse(s: string): string {
  let out = '';
  for (let k = s.length - 1; k >= 0; k--) out += s[k];
  return out;
}

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
