// Binary min-heap of cluster pairs keyed by (distance, a, b) with a < b: the total order that
// makes tie-breaking independent of input order. Entries are 16 bytes (f64 distance, i32 a,
// i32 b) in one raw buffer that doubles as needed. Stale entries (a cluster that has since
// merged) are left in place and skipped by the caller when popped (lazy invalidation).

const ENTRY: usize = 16;

@inline function entryAt(buf: usize, i: i32): usize {
  return buf + <usize>i * ENTRY;
}

@inline function before(d1: f64, a1: i32, b1: i32, d2: f64, a2: i32, b2: i32): bool {
  if (d1 != d2) return d1 < d2;
  if (a1 != a2) return a1 < a2;
  return b1 < b2;
}

@unmanaged
export class PairQueue {
  buf: usize = 0;
  length: i32 = 0;
  capacity: i32 = 0;
  topDistance: f64 = 0;
  topA: i32 = 0;
  topB: i32 = 0;

  constructor(initialCapacity: i32) {
    this.capacity = max(initialCapacity, 16);
    this.buf = heap.alloc(<usize>this.capacity * ENTRY);
  }

  release(): void {
    if (this.buf != 0) heap.free(this.buf);
    this.buf = 0;
    this.length = 0;
    this.capacity = 0;
  }

  push(d: f64, a: i32, b: i32): void {
    if (this.length == this.capacity) {
      this.capacity <<= 1;
      this.buf = heap.realloc(this.buf, <usize>this.capacity * ENTRY);
    }
    const buf = this.buf;
    let i = this.length++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = entryAt(buf, parent);
      const pd = load<f64>(p);
      const pa = load<i32>(p, 8);
      const pb = load<i32>(p, 12);
      if (!before(d, a, b, pd, pa, pb)) break;
      const e = entryAt(buf, i);
      store<f64>(e, pd);
      store<i32>(e, pa, 8);
      store<i32>(e, pb, 12);
      i = parent;
    }
    const e = entryAt(buf, i);
    store<f64>(e, d);
    store<i32>(e, a, 8);
    store<i32>(e, b, 12);
  }

  /** Removes the smallest entry into topDistance / topA / topB. The queue must not be empty. */
  pop(): void {
    const buf = this.buf;
    const top = entryAt(buf, 0);
    this.topDistance = load<f64>(top);
    this.topA = load<i32>(top, 8);
    this.topB = load<i32>(top, 12);
    const n = --this.length;
    if (n == 0) return;
    const last = entryAt(buf, n);
    const d = load<f64>(last);
    const a = load<i32>(last, 8);
    const b = load<i32>(last, 12);
    let i: i32 = 0;
    while (true) {
      let child = 2 * i + 1;
      if (child >= n) break;
      let c = entryAt(buf, child);
      let cd = load<f64>(c);
      let ca = load<i32>(c, 8);
      let cb = load<i32>(c, 12);
      if (child + 1 < n) {
        const r = entryAt(buf, child + 1);
        const rd = load<f64>(r);
        const ra = load<i32>(r, 8);
        const rb = load<i32>(r, 12);
        if (before(rd, ra, rb, cd, ca, cb)) {
          child++;
          cd = rd;
          ca = ra;
          cb = rb;
        }
      }
      if (!before(cd, ca, cb, d, a, b)) break;
      const e = entryAt(buf, i);
      store<f64>(e, cd);
      store<i32>(e, ca, 8);
      store<i32>(e, cb, 12);
      i = child;
    }
    const e = entryAt(buf, i);
    store<f64>(e, d);
    store<i32>(e, a, 8);
    store<i32>(e, b, 12);
  }
}
