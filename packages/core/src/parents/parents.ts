import type { RunWarning } from '@kindred/contract';

export interface ParentLinks {
  /** Index of each account's direct parent after repairs, or -1. */
  parent: Int32Array;
  /** Index of each account's ultimate parent (itself when it has no parent). */
  root: Int32Array;
  /** Number of links from each account up to its ultimate parent. */
  depth: Int32Array;
  warnings: RunWarning[];
}

/** Resolves parent links between accounts given in a fixed order (`ids[i]`, `parentIds[i]`).
 * Self-links and links to unknown ids are dropped; a cycle is broken at its account with the
 * smallest id (that account loses its parent link). Every repair is reported as a warning.
 * The outcome depends only on the links, not on the order of the accounts. */
export function resolveParents(ids: readonly string[], parentIds: readonly (string | undefined)[]): ParentLinks {
  const n = ids.length;
  const index = new Map<string, number>();
  for (let i = 0; i < n; i++) if (!index.has(ids[i])) index.set(ids[i], i);
  const warnings: RunWarning[] = [];
  const parent = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const p = parentIds[i];
    if (p === undefined || p === '') continue;
    if (p === ids[i]) {
      warnings.push({ kind: 'parent-self-link', accountId: ids[i], field: 'parentId', message: `account ${ids[i]} names itself as its parent; the link is ignored` });
      continue;
    }
    const j = index.get(p);
    if (j === undefined) {
      warnings.push({ kind: 'parent-dangling', accountId: ids[i], field: 'parentId', message: `account ${ids[i]} names parent ${p}, which is not in the input; the link is ignored` });
      continue;
    }
    parent[i] = j;
  }
  // Break cycles: walk each chain, marking nodes with the walk that reached them.
  const state = new Int32Array(n).fill(-1);
  const path: number[] = [];
  for (let s = 0; s < n; s++) {
    if (state[s] !== -1) continue;
    path.length = 0;
    let v = s;
    while (v !== -1 && state[v] === -1) {
      state[v] = s;
      path.push(v);
      v = parent[v];
    }
    if (v !== -1 && state[v] === s) {
      // v starts a cycle within this walk.
      const cycle = path.slice(path.indexOf(v));
      let breakAt = cycle[0];
      for (const c of cycle) if (ids[c] < ids[breakAt]) breakAt = c;
      parent[breakAt] = -1;
      const listed = cycle.map((c) => ids[c]).sort();
      const shown = listed.length > 10 ? `${listed.slice(0, 10).join(', ')}, … (${listed.length} accounts)` : listed.join(', ');
      warnings.push({
        kind: 'parent-cycle',
        accountId: ids[breakAt],
        field: 'parentId',
        message: `parent links form a cycle (${shown}); the link from ${ids[breakAt]} is ignored`,
      });
    }
  }
  const root = new Int32Array(n).fill(-1);
  const depth = new Int32Array(n);
  for (let s = 0; s < n; s++) {
    if (root[s] !== -1) continue;
    path.length = 0;
    let v = s;
    while (root[v] === -1 && parent[v] !== -1) {
      path.push(v);
      v = parent[v];
    }
    if (root[v] === -1) {
      root[v] = v;
      depth[v] = 0;
    }
    for (let k = path.length - 1; k >= 0; k--) {
      const u = path[k];
      root[u] = root[v];
      depth[u] = depth[v] + 1;
      v = u;
    }
  }
  warnings.sort((a, b) => (a.accountId ?? '').localeCompare(b.accountId ?? '') || a.kind.localeCompare(b.kind));
  return { parent, root, depth, warnings };
}

/** How account `b` stands to account `a` in the parent hierarchy. */
export type ParentRelation = 'parent' | 'child' | 'sibling' | undefined;

/** `parent` when b is an ancestor of a, `child` when b descends from a, `sibling` when they
 * share an ultimate parent otherwise. */
export function parentRelation(links: Pick<ParentLinks, 'parent' | 'root' | 'depth'>, a: number, b: number): ParentRelation {
  if (links.root[a] !== links.root[b]) return undefined;
  const da = links.depth[a];
  const db = links.depth[b];
  if (da === db) return 'sibling';
  let lo = da > db ? a : b;
  const hi = da > db ? b : a;
  for (let d = Math.max(da, db); d > Math.min(da, db); d--) lo = links.parent[lo];
  if (lo !== hi) return 'sibling';
  return da > db ? 'parent' : 'child';
}
