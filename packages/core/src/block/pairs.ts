/** A growable set of candidate pairs (i < j) over n accounts, packed as i * n + j. */
export class PairSet {
  private keys = new Float64Array(1024);
  private length = 0;
  constructor(readonly n: number) {}

  add(i: number, j: number): void {
    if (i === j) return;
    const key = i < j ? i * this.n + j : j * this.n + i;
    if (this.length === this.keys.length) {
      const grown = new Float64Array(this.keys.length * 2);
      grown.set(this.keys);
      this.keys = grown;
    }
    this.keys[this.length++] = key;
  }

  get added(): number {
    return this.length;
  }

  /** Distinct pairs, sorted by (left, right). */
  finish(): { left: Int32Array; right: Int32Array } {
    const keys = this.keys.subarray(0, this.length).sort();
    let count = 0;
    for (let k = 0; k < keys.length; k++) if (k === 0 || keys[k] !== keys[k - 1]) count++;
    const left = new Int32Array(count);
    const right = new Int32Array(count);
    let out = 0;
    for (let k = 0; k < keys.length; k++) {
      if (k > 0 && keys[k] === keys[k - 1]) continue;
      const i = Math.floor(keys[k] / this.n);
      left[out] = i;
      right[out] = keys[k] - i * this.n;
      out++;
    }
    this.keys = new Float64Array(0);
    this.length = 0;
    return { left, right };
  }
}
