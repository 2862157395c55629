/** Disjoint sets of the items 0..n-1 (union-find with path halving). A set's root is always its
 * smallest item, so roots double as stable labels. */
export class UnionFind {
  private readonly up: Int32Array;

  constructor(n: number) {
    this.up = new Int32Array(n);
    for (let i = 0; i < n; i++) this.up[i] = i;
  }

  /** The root (smallest item) of i's set. */
  find(i: number): number {
    const up = this.up;
    while (up[i] !== i) {
      up[i] = up[up[i]];
      i = up[i];
    }
    return i;
  }

  /** Joins the sets of a and b; returns the root of the joined set. */
  union(a: number, b: number): number {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra < rb) this.up[rb] = ra;
    else if (rb < ra) this.up[ra] = rb;
    return ra < rb ? ra : rb;
  }
}
