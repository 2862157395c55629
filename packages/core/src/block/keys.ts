import type { AccountTable } from '../cluster/account-table.js';
import { STOP_WORDS } from '../normalise/token-weights.js';
import { brandTokens } from '../compare/compare.js';
import { blockPairs, type Blocking } from './block.js';

/** How many of a name's heaviest (rarest, least generic) tokens become blocking keys. */
export const NAME_TOKEN_KEYS = 2;
/** Neighbours compared in sorted-neighbourhood passes (capped blocks, typo neighbourhoods). */
export const NEIGHBOURHOOD_WINDOW = 10;
export const TYPO_WINDOW = 3;

/** Blocking keys of every account: ultimate parent, registrable domain, domain label across
 * TLDs, the rarest name tokens and the leading (brand) word, the whole name, phone, address. Plus sorted neighbourhoods over
 * domain labels and names for typos, and every parent–child link. */
export function blockAccounts(table: AccountTable, maxBlockSize: number): Blocking {
  const { n, parents, tokens } = table;
  const familySize = new Int32Array(n);
  for (let i = 0; i < n; i++) familySize[parents.root[i]]++;
  const keys: string[][] = new Array(n);
  const isBrand = brandTokens(table);
  for (let i = 0; i < n; i++) {
    const k: string[] = [];
    if (familySize[parents.root[i]] > 1) k.push(`r:${table.ids[parents.root[i]]}`);
    if (table.domain[i] !== '') k.push(`d:${table.domain[i]}`);
    if (table.label[i].length >= 3) k.push(`l:${table.label[i]}`);
    const t = table.nameTokens[i];
    if (t.length > 0) {
      // The heaviest words that are rare enough to make a block of their own; a name made only
      // of frequent words still gets its heaviest one (compared by sorted neighbourhood).
      const ranked = Array.from(t)
        .filter((id) => !STOP_WORDS.has(tokens.tokens[id]))
        .sort((a, b) => tokens.weights[b] - tokens.weights[a] || (tokens.tokens[a] < tokens.tokens[b] ? -1 : 1));
      const rare = ranked.filter((id) => tokens.documentFrequency(id) <= maxBlockSize);
      const chosen = (rare.length > 0 ? rare : ranked).slice(0, NAME_TOKEN_KEYS);
      for (const id of chosen) k.push(`t:${tokens.tokens[id]}`);
      const brand = table.brand[i];
      if (brand >= 0 && isBrand[brand] && !chosen.includes(brand)) k.push(`t:${tokens.tokens[brand]}`);
      if (t.length > 1) k.push(`n:${table.nameKey[i]}`);
    }
    if (table.phone[i] !== '') k.push(`p:${table.phone[i]}`);
    if (table.addressStreet[i] !== '') k.push(`a:${table.addressNumber[i]} ${table.addressStreet[i]}`);
    else if (table.address[i] !== '') k.push(`a:${table.address[i]}`);
    keys[i] = k;
  }
  const childLeft: number[] = [];
  const childRight: number[] = [];
  for (let i = 0; i < n; i++) {
    if (parents.parent[i] >= 0) {
      childLeft.push(i);
      childRight.push(parents.parent[i]);
    }
  }
  return blockPairs(
    {
      n,
      keys,
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
