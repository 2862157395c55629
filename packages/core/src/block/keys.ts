import type { AccountTable } from '../cluster/account-table.js';
import { STOP_WORDS } from '../normalise/token-weights.js';
import { brandTokens } from '../compare/compare.js';
import { blockHashedPairs, FNV_OFFSET, hashKey, hashMore, type Blocking } from './block.js';

/** How many of a name's heaviest (rarest, least generic) tokens become blocking keys. */
export const NAME_TOKEN_KEYS = 2;
/** Neighbours compared in sorted-neighbourhood passes (capped blocks, typo neighbourhoods). */
export const NEIGHBOURHOOD_WINDOW = 10;
export const TYPO_WINDOW = 3;

/** Receives one blocking key as the concatenation of its parts (a kind prefix, then values). */
type KeySink = (prefix: string, value: string, more?: string) => void;

/** Blocking keys of every account: ultimate parent, registrable domain, domain label across
 * TLDs, the rarest name tokens and the leading (brand) word, the whole name, phone, address. Plus sorted neighbourhoods over
 * domain labels and names for typos, and every parent–child link. Keys are hashed as they are
 * produced; only the key of a capped block is ever written out as a string. */
export function blockAccounts(table: AccountTable, maxBlockSize: number): Blocking {
  const { n, parents, tokens } = table;
  const familySize = new Int32Array(n);
  for (let i = 0; i < n; i++) familySize[parents.root[i]]++;
  const isBrand = brandTokens(table);
  const tokenCount = tokens.tokens.length;
  const isStop = new Uint8Array(tokenCount);
  const isRare = new Uint8Array(tokenCount);
  for (let id = 0; id < tokenCount; id++) {
    isStop[id] = STOP_WORDS.has(tokens.tokens[id]) ? 1 : 0;
    isRare[id] = tokens.documentFrequency(id) <= maxBlockSize ? 1 : 0;
  }
  const byWeight = (a: number, b: number): number => tokens.weights[b] - tokens.weights[a] || (tokens.tokens[a] < tokens.tokens[b] ? -1 : 1);
  const ranked: number[] = [];
  const chosen: number[] = [];
  const keysOf = (i: number, emit: KeySink): void => {
    if (familySize[parents.root[i]] > 1) emit('r:', table.ids[parents.root[i]]);
    if (table.domain[i] !== '') emit('d:', table.domain[i]);
    if (table.label[i].length >= 3) emit('l:', table.label[i]);
    const t = table.nameTokens[i];
    if (t.length > 0) {
      // The heaviest words that are rare enough to make a block of their own; a name made only
      // of frequent words still gets its heaviest one (compared by sorted neighbourhood).
      ranked.length = 0;
      for (let x = 0; x < t.length; x++) if (!isStop[t[x]]) ranked.push(t[x]);
      if (ranked.length > 1) ranked.sort(byWeight);
      chosen.length = 0;
      for (const id of ranked) if (isRare[id] && chosen.length < NAME_TOKEN_KEYS) chosen.push(id);
      if (chosen.length === 0) for (const id of ranked) if (chosen.length < NAME_TOKEN_KEYS) chosen.push(id);
      for (const id of chosen) emit('t:', tokens.tokens[id]);
      const brand = table.brand[i];
      if (brand >= 0 && isBrand[brand] && !chosen.includes(brand)) emit('t:', tokens.tokens[brand]);
      if (t.length > 1) emit('n:', table.nameKey[i]);
    }
    if (table.phone[i] !== '') emit('p:', table.phone[i]);
    if (table.addressStreet[i] !== '') emit('a:', table.addressNumber[i], ` ${table.addressStreet[i]}`);
    else if (table.address[i] !== '') emit('a:', table.address[i]);
  };

  const start = new Int32Array(n + 1);
  let hash = new Uint32Array(8 * n);
  let e = 0;
  const add: KeySink = (prefix, value, more) => {
    if (e === hash.length) {
      const grown = new Uint32Array(hash.length * 2 + 16);
      grown.set(hash);
      hash = grown;
    }
    let h = hashMore(hashMore(FNV_OFFSET, prefix), value);
    if (more !== undefined) h = hashMore(h, more);
    hash[e++] = h >>> 0;
  };
  for (let i = 0; i < n; i++) {
    keysOf(i, add);
    start[i + 1] = e;
  }
  const keyOf = (member: number, h: number, hashRange: number): string => {
    let found = '';
    keysOf(member, (prefix, value, more) => {
      const key = prefix + value + (more ?? '');
      if (found === '' && hashKey(key) % hashRange === h) found = key;
    });
    return found;
  };

  const childLeft: number[] = [];
  const childRight: number[] = [];
  for (let i = 0; i < n; i++) {
    if (parents.parent[i] >= 0) {
      childLeft.push(i);
      childRight.push(parents.parent[i]);
    }
  }
  return blockHashedPairs(
    {
      n,
      keys: { start, hash: hash.subarray(0, e), keyOf },
      sortKey: table.nameKey,
      neighbourhoods: [
        { values: table.label.map((l) => (l.length >= 3 ? l : undefined)), window: TYPO_WINDOW },
        { values: table.nameKey.map((k) => (k.length >= 3 ? k : undefined)), window: TYPO_WINDOW },
      ],
      forced: { left: Int32Array.from(childLeft), right: Int32Array.from(childRight) },
    },
    maxBlockSize,
    NEIGHBOURHOOD_WINDOW,
  );
}
