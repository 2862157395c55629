import type { GroupChanges } from '@kindred/contract';

/** FNV-1a over UTF-16 code units with a given offset basis. */
function fnv1a(s: string, basis: number): number {
  let h = basis >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** A group's id before stabilisation: its tier's initial and a hash of its smallest account id,
 * so a group's id depends only on its own members, not on the rest of the run. */
export function baseGroupId(tierInitial: string, smallestAccountId: string): string {
  const h1 = fnv1a(smallestAccountId, 0x811c9dc5);
  const h2 = fnv1a(smallestAccountId, 0x1b873593);
  // The 8 hex digits of h1 and the first 4 of h2, written as one flat string: a run keeps
  // millions of these, and a concatenation would keep its parts besides.
  const codes: number[] = [];
  for (let c = 0; c < tierInitial.length; c++) codes.push(tierInitial.charCodeAt(c));
  codes.push(HYPHEN);
  for (let shift = 28; shift >= 0; shift -= 4) codes.push(HEX_DIGITS[(h1 >>> shift) & 15]);
  for (let shift = 28; shift >= 16; shift -= 4) codes.push(HEX_DIGITS[(h2 >>> shift) & 15]);
  return String.fromCharCode.apply(null, codes);
}

const HYPHEN = 45;
const HEX_DIGITS: readonly number[] = Array.from('0123456789abcdef', (c) => c.charCodeAt(0));

export interface NewGroup {
  /** Id derived from the group's own members. */
  base: string;
  /** Member account ids. */
  members: readonly string[];
}

/** A previous run's assignment of one tier, interned: its distinct group ids sorted, and for
 * each item the rank of its previous group (-1 when it had none). */
export interface PreviousRanks {
  ids: string[];
  rankOf: Int32Array;
}

/** Interns a previous assignment (`account id → group id`) for items `itemIds`. */
export function previousRanks(itemIds: readonly string[], previous: ReadonlyMap<string, string>): PreviousRanks {
  const ids = [...new Set(previous.values())].sort();
  const rank = new Map<string, number>();
  ids.forEach((p, r) => rank.set(p, r));
  const rankOf = new Int32Array(itemIds.length).fill(-1);
  for (let x = 0; x < itemIds.length; x++) {
    const p = previous.get(itemIds[x]);
    if (p !== undefined) rankOf[x] = rank.get(p)!;
  }
  return { ids, rankOf };
}

/** Gives each new group the id of the previous group it overlaps most (each previous id goes to
 * at most one new group, largest overlap first, ties to the group given first), else its base
 * id, and lists what changed (created groups in the order given; the pipeline gives groups in
 * the order of their smallest account id, so the outcome does not depend on input order):
 * groups created, merged (members of several previous groups now together), split (members of
 * one previous group now apart) and retired (previous ids no longer used). */
export function stabilizeGroupIds(groups: readonly NewGroup[], previous: ReadonlyMap<string, string>): { ids: string[]; changes: GroupChanges } {
  const itemIds: string[] = [];
  const groupOf: number[] = [];
  groups.forEach((group, g) => {
    for (const m of group.members) {
      itemIds.push(m);
      groupOf.push(g);
    }
  });
  return stabilizeGroups(groups.map((g) => g.base), Int32Array.from(groupOf), previousRanks(itemIds, previous));
}

/** `stabilizeGroupIds` on interned data: `bases[g]` is group g's base id, `groupOf[x]` the new
 * group of item x, `previous.rankOf[x]` its previous group. Overlaps are counted by one native
 * sort of packed numbers: a run over a million accounts makes no per-group maps. */
export function stabilizeGroups(
  bases: readonly string[],
  groupOf: Int32Array,
  previous: PreviousRanks,
  /** Previous ids held by groups outside these items (an incremental run reclusters a region and
   * keeps the other groups): a created group never takes one. */
  reserved?: ReadonlySet<string>,
): { ids: string[]; changes: GroupChanges } {
  const isReserved = (id: string): boolean => reserved !== undefined && reserved.has(id);
  const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  const G = bases.length;
  const ids = new Array<string>(G);
  const prevList = previous.ids;
  const P = prevList.length;
  if (P === 0) {
    // First run: every group is new and keeps its base id (a hash collision, vanishingly rare,
    // gets a suffix in the order the groups are given).
    const taken = new Set<string>();
    for (let g = 0; g < G; g++) {
      let id = bases[g];
      for (let k = 2; taken.has(id) || isReserved(id); k++) id = `${bases[g]}-${k}`;
      ids[g] = id;
      taken.add(id);
    }
    return { ids, changes: { created: ids.slice(), merged: [], split: [], retired: [] } };
  }
  let total = 0;
  for (let x = 0; x < groupOf.length; x++) if (previous.rankOf[x] >= 0) total++;
  const packed = new Float64Array(total);
  for (let x = 0, e = 0; x < groupOf.length; x++) if (previous.rankOf[x] >= 0) packed[e++] = groupOf[x] * P + previous.rankOf[x];
  packed.sort();
  // Triples (group, previous rank, overlap), ordered by group then previous rank.
  const tg: number[] = [];
  const tr: number[] = [];
  const tc: number[] = [];
  for (let x = 0; x < total; x++) {
    if (x > 0 && packed[x] === packed[x - 1]) {
      tc[tc.length - 1]++;
      continue;
    }
    const g = Math.floor(packed[x] / P);
    tg.push(g);
    tr.push(packed[x] - g * P);
    tc.push(1);
  }
  // Largest overlap first; ties go to the group given first, then to the smaller previous id.
  let maxOverlap = 0;
  for (const c of tc) if (c > maxOverlap) maxOverlap = c;
  let order: number[];
  if ((maxOverlap + 1) * G * P < 2 ** 52) {
    // One native sort of packed (overlap descending, group, previous rank) numbers.
    const keys = new Float64Array(tg.length);
    for (let t = 0; t < tg.length; t++) keys[t] = ((maxOverlap - tc[t]) * G + tg[t]) * P + tr[t];
    keys.sort();
    order = new Array<number>(tg.length);
    const tripleOf = new Map<number, number>();
    for (let t = 0; t < tg.length; t++) tripleOf.set(tg[t] * P + tr[t], t);
    for (let x = 0; x < keys.length; x++) {
      const gr = keys[x] % (G * P);
      order[x] = tripleOf.get(gr)!;
    }
  } else order = tg.map((_, t) => t).sort((x, y) => tc[y] - tc[x] || tg[x] - tg[y] || tr[x] - tr[y]);
  const prevTaken = new Uint8Array(P);
  const taken = new Set<string>();
  for (const t of order) {
    const g = tg[t];
    if (ids[g] !== undefined || prevTaken[tr[t]]) continue;
    ids[g] = prevList[tr[t]];
    prevTaken[tr[t]] = 1;
    taken.add(ids[g]);
  }
  const isPrevious = new Set(prevList);
  const created: string[] = [];
  for (let g = 0; g < G; g++) {
    if (ids[g] !== undefined) continue;
    let id = bases[g];
    for (let k = 2; taken.has(id) || isPrevious.has(id) || isReserved(id); k++) id = `${bases[g]}-${k}`;
    ids[g] = id;
    taken.add(id);
    created.push(id);
  }
  const merged: GroupChanges['merged'] = [];
  const groupsOfPrev: number[][] = Array.from({ length: P }, () => []);
  for (let t = 0; t < tg.length; ) {
    let end = t;
    while (end < tg.length && tg[end] === tg[t]) end++;
    if (end - t >= 2) merged.push({ into: ids[tg[t]], from: tr.slice(t, end).map((r) => prevList[r]) });
    for (let x = t; x < end; x++) groupsOfPrev[tr[x]].push(tg[x]);
    t = end;
  }
  const split: GroupChanges['split'] = [];
  for (let r = 0; r < P; r++) {
    if (groupsOfPrev[r].length >= 2) split.push({ from: prevList[r], into: groupsOfPrev[r].map((g) => ids[g]).sort(cmp) });
  }
  const retired = prevList.filter((_, r) => !prevTaken[r]);
  merged.sort((x, y) => cmp(x.into, y.into));
  return { ids, changes: { created, merged, split, retired } };
}
