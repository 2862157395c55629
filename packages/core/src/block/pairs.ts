/** A growable multiset of candidate pairs (i, j) over n accounts; `finish` returns them
 * distinct, as i < j, sorted by (i, j). Typed arrays throughout: a few million pairs cost a few
 * tens of megabytes and no garbage. */
export class PairSet {
  private lo = new Int32Array(1024);
  private hi = new Int32Array(1024);
  private length = 0;
  constructor(readonly n: number) {}

  add(i: number, j: number): void {
    if (i === j) return;
    if (this.length === this.lo.length) {
      const lo = new Int32Array(this.lo.length * 2);
      const hi = new Int32Array(this.hi.length * 2);
      lo.set(this.lo);
      hi.set(this.hi);
      this.lo = lo;
      this.hi = hi;
    }
    if (i < j) {
      this.lo[this.length] = i;
      this.hi[this.length] = j;
    } else {
      this.lo[this.length] = j;
      this.hi[this.length] = i;
    }
    this.length++;
  }

  get added(): number {
    return this.length;
  }

  /** Distinct pairs, sorted by (left, right): a counting sort on the left side, then each
   * account's (short) list of right sides sorted and deduplicated. */
  finish(): { left: Int32Array; right: Int32Array } {
    const { n, length } = this;
    const start = new Int32Array(n + 1);
    for (let k = 0; k < length; k++) start[this.lo[k] + 1]++;
    for (let i = 0; i < n; i++) start[i + 1] += start[i];
    const fill = start.slice(0, n);
    const bucket = new Int32Array(length);
    for (let k = 0; k < length; k++) bucket[fill[this.lo[k]]++] = this.hi[k];
    this.lo = new Int32Array(0);
    this.hi = new Int32Array(0);
    this.length = 0;
    let count = 0;
    for (let i = 0; i < n; i++) {
      const from = start[i];
      const to = start[i + 1];
      if (to - from > 1) bucket.subarray(from, to).sort();
      for (let k = from; k < to; k++) if (k === from || bucket[k] !== bucket[k - 1]) count++;
    }
    const left = new Int32Array(count);
    const right = new Int32Array(count);
    let out = 0;
    for (let i = 0; i < n; i++) {
      for (let k = start[i]; k < start[i + 1]; k++) {
        if (k > start[i] && bucket[k] === bucket[k - 1]) continue;
        left[out] = i;
        right[out] = bucket[k];
        out++;
      }
    }
    return { left, right };
  }
}
