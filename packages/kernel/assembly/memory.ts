// Raw, unmanaged buffers for copying batches in and out of the kernel.
// The bindings allocate, copy in, call, copy out and free within one call:
// JS never keeps a pointer past a call, and memory is returned to the allocator.

export function alloc(bytes: i32): usize {
  return heap.alloc(<usize>max(bytes, 8));
}

export function free(ptr: usize): void {
  if (ptr != 0) heap.free(ptr);
}
