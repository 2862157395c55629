export * from './account.js';
export * from './config.js';
export * from './override.js';
export * from './result.js';
export * from './segment.js';
export * from './api.js';
