// Growable raw scratch buffers for one batch call. A batch grows them as needed and
// `releaseScratch()` returns all of them to the allocator before the call returns,
// so nothing is kept between calls and no allocation happens per pair.

export class Scratch {
  ptr: usize = 0;
  bytes: usize = 0;

  /** Returns a buffer of at least `bytes` bytes (contents kept, or zeroed when `zero`). */
  @inline
  get(bytes: usize, zero: bool = false): usize {
    if (bytes > this.bytes) this.grow(bytes);
    if (zero) memory.fill(this.ptr, 0, bytes);
    return this.ptr;
  }

  /** Grows to at least `bytes`, keeping the current contents. */
  grow(bytes: usize): void {
    let size = max<usize>(bytes, this.bytes << 1);
    size = max<usize>(size, 64);
    this.ptr = this.ptr != 0 ? heap.realloc(this.ptr, size) : heap.alloc(size);
    this.bytes = size;
  }

  release(): void {
    if (this.ptr != 0) heap.free(this.ptr);
    this.ptr = 0;
    this.bytes = 0;
  }
}

const all = new Array<Scratch>();

/** A scratch buffer registered for release at the end of every batch. */
export function scratch(): Scratch {
  const s = new Scratch();
  all.push(s);
  return s;
}

export function releaseScratch(): void {
  for (let i = 0, n = all.length; i < n; i++) unchecked(all[i]).release();
}
