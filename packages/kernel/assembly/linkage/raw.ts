// Raw buffers for the linkage algorithms. Every buffer is allocated and freed within one
// exported call, so the kernel keeps nothing between calls and the collector is never involved.

@inline export function getI32(ptr: usize, i: i32): i32 {
  return load<i32>(ptr + (<usize>i << 2));
}

@inline export function setI32(ptr: usize, i: i32, value: i32): void {
  store<i32>(ptr + (<usize>i << 2), value);
}

@inline export function getF64(ptr: usize, i: i32): f64 {
  return load<f64>(ptr + (<usize>i << 3));
}

@inline export function setF64(ptr: usize, i: i32, value: f64): void {
  store<f64>(ptr + (<usize>i << 3), value);
}

@inline export function getU8(ptr: usize, i: i32): u8 {
  return load<u8>(ptr + <usize>i);
}

@inline export function setU8(ptr: usize, i: i32, value: u8): void {
  store<u8>(ptr + <usize>i, value);
}

/** A buffer of `count` elements of `bytesPer` bytes, optionally zeroed. */
export function allocBuffer(count: i32, bytesPer: i32, zero: bool = false): usize {
  const bytes = <usize>max(count, 1) * <usize>bytesPer;
  const ptr = heap.alloc(bytes);
  if (zero) memory.fill(ptr, 0, bytes);
  return ptr;
}

export function freeBuffer(ptr: usize): void {
  if (ptr != 0) heap.free(ptr);
}
