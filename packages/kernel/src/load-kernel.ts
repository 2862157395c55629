/** Loading the kernel's WASM in Node (from the file next to the package) and in the browser
 * (the URL Vite emits as an asset for `new URL(..., import.meta.url)`), with the same API.
 * Two builds exist: `kernel.wasm` (WASM SIMD) and `kernel-scalar.wasm`; the SIMD one is used
 * when the engine validates a tiny SIMD module, unless `simd: false` or the environment
 * variable KINDRED_KERNEL_SIMD=0 asks for the scalar one. */

import type { RawExports } from './memory.js';
import type { Kernel } from './types.js';
import { createKernel } from './kernel.js';

/** Raw exports of the string-similarity half (the linkage half adds its own). */
export interface SimilarityExports {
  scorePairs(
    metric: number, kind: number, codePoints: number, offsets: number, n: number,
    left: number, right: number, count: number, out: number,
    cutoff: number, prefixWeight: number, q: number,
  ): void;
  pdist(
    metric: number, kind: number, codePoints: number, offsets: number, n: number,
    rowStart: number, rowEnd: number, out: number,
    cutoff: number, prefixWeight: number, q: number,
  ): void;
  cdist(
    metric: number, kind: number, codePoints: number, offsets: number, nq: number, nc: number, out: number,
    cutoff: number, prefixWeight: number, q: number,
  ): void;
  simdEnabled(): number;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type KernelExports = RawExports & SimilarityExports & Record<string, any>;

export interface LoadKernelOptions {
  /** true: the SIMD build (error if unsupported); false: the scalar build; default: SIMD
   * when supported (KINDRED_KERNEL_SIMD=0 in the environment forces scalar). */
  simd?: boolean;
  /** Load from this URL instead of the bundled file. */
  url?: string | URL;
  /** Instantiate these bytes (or compiled module) instead of fetching. */
  bytes?: BufferSource | WebAssembly.Module;
}

// (module (func (result v128) i32.const 0 i8x16.splat i8x16.popcnt))
const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11,
]);

/** Whether this engine runs WASM SIMD (v128). */
export function simdSupported(): boolean {
  try {
    return WebAssembly.validate(SIMD_PROBE);
  } catch {
    return false;
  }
}

function envForcesScalar(): boolean {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  const v = env?.KINDRED_KERNEL_SIMD;
  return v === '0' || v === 'false' || v === 'off';
}

function chooseSimd(opts: LoadKernelOptions): boolean {
  const supported = simdSupported();
  if (opts.simd === true && !supported) throw new Error('WASM SIMD is not supported by this engine; load with { simd: false }');
  if (opts.simd === false) return false;
  if (opts.simd === undefined && envForcesScalar()) return false;
  return supported;
}

/** The URL of the kernel build (a file: URL in Node, an asset URL under Vite). */
export function kernelWasmUrl(simd = simdSupported()): URL {
  return simd ? new URL('../build/kernel.wasm', import.meta.url) : new URL('../build/kernel-scalar.wasm', import.meta.url);
}

function importsFor(getMemory: () => WebAssembly.Memory | undefined): WebAssembly.Imports {
  const liftString = (ptr: number): string => {
    const memory = getMemory();
    if (!ptr || !memory) return '';
    const bytes = new Uint32Array(memory.buffer)[(ptr - 4) >>> 2];
    return String.fromCharCode(...new Uint16Array(memory.buffer, ptr >>> 0, bytes >>> 1));
  };
  return {
    env: {
      abort(message: number, fileName: number, line: number, column: number) {
        throw new Error(`kernel abort: ${liftString(message)} in ${liftString(fileName)}:${line}:${column}`);
      },
      seed: () => Date.now(),
      trace(message: number, n: number, ...args: number[]) {
        console.log(`kernel trace: ${liftString(message)}`, ...args.slice(0, n));
      },
    },
  };
}

function kernelFrom(instance: WebAssembly.Instance): Kernel {
  const raw = instance.exports as unknown as KernelExports;
  // pointers are unsigned (usize); wasm32 hands them back as signed i32
  const wasm: KernelExports = { ...raw, alloc: (bytes: number) => raw.alloc(bytes) >>> 0 };
  return createKernel(wasm, raw.simdEnabled() === 1);
}

async function instantiate(source: BufferSource | WebAssembly.Module | Response | Promise<Response>): Promise<Kernel> {
  let memory: WebAssembly.Memory | undefined;
  const imports = importsFor(() => memory);
  let instance: WebAssembly.Instance;
  if (source instanceof WebAssembly.Module) {
    instance = await WebAssembly.instantiate(source, imports);
  } else if (source instanceof ArrayBuffer || ArrayBuffer.isView(source)) {
    instance = (await WebAssembly.instantiate(source, imports)).instance;
  } else {
    const response = await source;
    if (!response.ok) throw new Error(`could not fetch the kernel: HTTP ${response.status} for ${response.url}`);
    const streaming = typeof WebAssembly.instantiateStreaming === 'function' &&
      (response.headers.get('content-type') ?? '').startsWith('application/wasm');
    instance = streaming
      ? (await WebAssembly.instantiateStreaming(response, imports)).instance
      : (await WebAssembly.instantiate(await response.arrayBuffer(), imports)).instance;
  }
  memory = instance.exports.memory as WebAssembly.Memory;
  return kernelFrom(instance);
}

/** Loads the kernel: in Node from the package's build folder, in the browser from the
 * asset URL (fetched and compiled while streaming when served as application/wasm). */
export async function loadKernel(opts: LoadKernelOptions = {}): Promise<Kernel> {
  if (opts.bytes !== undefined) return instantiate(opts.bytes);
  const url = opts.url !== undefined ? new URL(String(opts.url), import.meta.url) : kernelWasmUrl(chooseSimd(opts));
  if (url.protocol === 'file:') {
    const fsModule = 'node:fs/promises';
    const fs = (await import(/* @vite-ignore */ fsModule)) as typeof import('node:fs/promises');
    return instantiate(await fs.readFile(url));
  }
  return instantiate(fetch(url));
}

/** Instantiates the kernel synchronously from its bytes (e.g. in a worker that received
 * them), or from an already compiled module. */
export function loadKernelSync(bytes: BufferSource | WebAssembly.Module): Kernel {
  let memory: WebAssembly.Memory | undefined;
  const module = bytes instanceof WebAssembly.Module ? bytes : new WebAssembly.Module(bytes);
  const instance = new WebAssembly.Instance(module, importsFor(() => memory));
  memory = instance.exports.memory as WebAssembly.Memory;
  return kernelFrom(instance);
}
