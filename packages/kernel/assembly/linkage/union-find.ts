// Disjoint sets over 0..n-1 stored as parent pointers in a raw i32 buffer:
// path halving on find, union by size (ties: the smaller index stays the root).

import { getI32, setI32 } from './raw';

/** `parent` and `setSize` hold `n` i32 each. */
export function disjointInit(parent: usize, setSize: usize, n: i32): void {
  for (let i: i32 = 0; i < n; i++) {
    setI32(parent, i, i);
    setI32(setSize, i, 1);
  }
}

export function disjointFind(parent: usize, x: i32): i32 {
  let p = getI32(parent, x);
  while (p != x) {
    const grand = getI32(parent, p);
    setI32(parent, x, grand);
    x = grand;
    p = getI32(parent, x);
  }
  return x;
}

/** Joins the sets of roots `ra` and `rb` (both roots, distinct); returns the new root. */
export function disjointUnionRoots(parent: usize, setSize: usize, ra: i32, rb: i32): i32 {
  const sa = getI32(setSize, ra);
  const sb = getI32(setSize, rb);
  let root = ra;
  let child = rb;
  if (sb > sa || (sb == sa && rb < ra)) {
    root = rb;
    child = ra;
  }
  setI32(parent, child, root);
  setI32(setSize, root, sa + sb);
  return root;
}

/** Labels each of the `n` items by its set, 0..k-1 numbered in order of each set's first
 * item; writes `out` and returns k. `label` is scratch of `n` i32. */
export function disjointLabels(parent: usize, label: usize, n: i32, out: usize): i32 {
  for (let i: i32 = 0; i < n; i++) setI32(label, i, -1);
  let groups: i32 = 0;
  for (let i: i32 = 0; i < n; i++) {
    const r = disjointFind(parent, i);
    let g = getI32(label, r);
    if (g < 0) {
      g = groups++;
      setI32(label, r, g);
    }
    setI32(out, i, g);
  }
  return groups;
}
