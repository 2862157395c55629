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
  const h1 = fnv1a(smallestAccountId, 0x811c9dc5).toString(16).padStart(8, '0');
  const h2 = fnv1a(smallestAccountId, 0x1b873593).toString(16).padStart(8, '0').slice(0, 4);
  return `${tierInitial}-${h1}${h2}`;
}

export interface NewGroup {
  /** Id derived from the group's own members. */
  base: string;
  /** Member account ids. */
  members: readonly string[];
}

/** Gives each new group the id of the previous group it overlaps most (each previous id goes to
 * at most one new group, largest overlap first), else its base id, and lists what changed
 * (with no previous run, every group is created, listed in the order given):
 * groups created, merged (members of several previous groups now together), split (members of
 * one previous group now apart) and retired (previous ids no longer used). */
export function stabilizeGroupIds(groups: readonly NewGroup[], previous: ReadonlyMap<string, string>): { ids: string[]; changes: GroupChanges } {
  const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  const ids = new Array<string>(groups.length);
  if (previous.size === 0) {
    // First run: every group is new and keeps its base id (a hash collision, vanishingly rare,
    // gets a suffix in the order the groups are given).
    const taken = new Set<string>();
    for (let g = 0; g < groups.length; g++) {
      let id = groups[g].base;
      for (let k = 2; taken.has(id); k++) id = `${groups[g].base}-${k}`;
      ids[g] = id;
      taken.add(id);
    }
    return { ids, changes: { created: ids.slice(), merged: [], split: [], retired: [] } };
  }
  const candidates: { g: number; prev: string; overlap: number }[] = [];
  const previousIds = new Set(previous.values());
  const prevOfGroup: string[][] = [];
  groups.forEach((group, g) => {
    const overlap = new Map<string, number>();
    for (const m of group.members) {
      const p = previous.get(m);
      if (p !== undefined) overlap.set(p, (overlap.get(p) ?? 0) + 1);
    }
    prevOfGroup.push([...overlap.keys()].sort(cmp));
    for (const [prev, count] of overlap) candidates.push({ g, prev, overlap: count });
  });
  candidates.sort((x, y) => y.overlap - x.overlap || cmp(groups[x.g].base, groups[y.g].base) || cmp(x.prev, y.prev));
  const taken = new Set<string>();
  for (const c of candidates) {
    if (ids[c.g] !== undefined || taken.has(c.prev)) continue;
    ids[c.g] = c.prev;
    taken.add(c.prev);
  }
  const order = groups.map((_, g) => g).sort((x, y) => cmp(groups[x].base, groups[y].base));
  const created: string[] = [];
  for (const g of order) {
    if (ids[g] !== undefined) continue;
    let id = groups[g].base;
    for (let k = 2; taken.has(id) || previousIds.has(id); k++) id = `${groups[g].base}-${k}`;
    ids[g] = id;
    taken.add(id);
    created.push(id);
  }
  const merged: GroupChanges['merged'] = [];
  const intoByPrev = new Map<string, Set<string>>();
  groups.forEach((_, g) => {
    const prevs = prevOfGroup[g];
    if (prevs.length >= 2) merged.push({ into: ids[g], from: prevs });
    for (const p of prevs) {
      let s = intoByPrev.get(p);
      if (!s) intoByPrev.set(p, (s = new Set()));
      s.add(ids[g]);
    }
  });
  const split: GroupChanges['split'] = [];
  for (const [p, into] of intoByPrev) if (into.size >= 2) split.push({ from: p, into: [...into].sort(cmp) });
  const retired = [...previousIds].filter((p) => !taken.has(p)).sort(cmp);
  merged.sort((x, y) => cmp(x.into, y.into));
  split.sort((x, y) => cmp(x.from, y.from));
  return { ids, changes: { created: created.sort(cmp), merged, split, retired } };
}
