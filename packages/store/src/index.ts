export * from './types.js';
export * from './errors.js';
export { openStore } from './open-store.js';
export { hashApiKey } from './sql-store.js';
