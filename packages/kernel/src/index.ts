/** @kindred/kernel: string similarity and hierarchical linkage in WASM, typed bindings. */

export { loadKernel, loadKernelSync, kernelWasmUrl, simdSupported } from './load-kernel.js';
export type { KernelExports, LoadKernelOptions } from './load-kernel.js';
export { buildPool } from './string-pool.js';
export * from './types.js';
export { mergesFromRows } from './linkage.js';
export type { LinkageBindingOptions } from './linkage.js';
