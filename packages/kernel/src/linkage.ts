import type { Kernel } from './types.js';
import type { KernelExports } from './load-kernel.js';

export function bindLinkage(wasm: KernelExports): Pick<Kernel, 'linkage' | 'linkageCondensed' | 'cutTree' | 'connectedComponents'> {
  void wasm;
  const notBuilt = (): never => {
    throw new Error('linkage is not built');
  };
  return { linkage: notBuilt, linkageCondensed: notBuilt, cutTree: notBuilt, connectedComponents: notBuilt };
}
