/** The kernel: string similarity (./similarity) and linkage (./linkage) over one instance. */

import type { Kernel } from './types.js';
import type { KernelExports } from './load-kernel.js';
import { bindSimilarity } from './similarity.js';
import { bindLinkage } from './linkage.js';

export function createKernel(wasm: KernelExports, simd: boolean): Kernel {
  return {
    simd,
    ...bindSimilarity(wasm),
    ...bindLinkage(wasm),
    memoryBytes: () => wasm.memory.buffer.byteLength,
  };
}
