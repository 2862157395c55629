// The only WASM export surface of the kernel.
export { alloc, free } from './memory';
export * from './linkage/exports';
