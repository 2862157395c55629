/** Copy-in / copy-out helpers over the kernel's raw allocator. Every pointer handed out here is
 * freed before the calling binding returns. */

export interface RawExports {
  memory: WebAssembly.Memory;
  alloc(bytes: number): number;
  free(ptr: number): void;
}

export type Typed = Int32Array | Float64Array | Uint32Array | Uint8Array | Float32Array;
type TypedCtor<T extends Typed> = { new (buffer: ArrayBufferLike, byteOffset: number, length: number): T; BYTES_PER_ELEMENT: number };

export class Scope {
  private readonly ptrs: number[] = [];
  constructor(private readonly wasm: RawExports) {}

  /** Allocates `length` elements of the given type; returns the pointer. */
  alloc<T extends Typed>(ctor: TypedCtor<T>, length: number): number {
    const ptr = this.wasm.alloc(Math.max(1, length) * ctor.BYTES_PER_ELEMENT);
    this.ptrs.push(ptr);
    return ptr;
  }

  /** Copies a typed array into fresh kernel memory; returns the pointer. */
  copyIn(data: Typed): number {
    const ctor = data.constructor as TypedCtor<Typed>;
    const ptr = this.alloc(ctor, data.length);
    new ctor(this.wasm.memory.buffer, ptr, data.length).set(data as never);
    return ptr;
  }

  /** Copies `length` elements at `ptr` out of kernel memory into a new JS-owned array. */
  copyOut<T extends Typed>(ctor: TypedCtor<T>, ptr: number, length: number): T {
    const out = new (ctor as unknown as { new (n: number): T })(length);
    out.set(new ctor(this.wasm.memory.buffer, ptr, length) as never);
    return out;
  }

  release(): void {
    for (const p of this.ptrs) this.wasm.free(p);
    this.ptrs.length = 0;
  }
}

/** Runs `fn` with a scope whose allocations are freed afterwards, even on error. */
export function withScope<R>(wasm: RawExports, fn: (scope: Scope) => R): R {
  const scope = new Scope(wasm);
  try {
    return fn(scope);
  } finally {
    scope.release();
  }
}
