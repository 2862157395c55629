// The only WASM export surface of the kernel.
export { alloc, free } from './memory';
export { scorePairs, pdist, cdist } from './batch/batch';
export { simdEnabled } from './util/features';
export * from './linkage/exports';
