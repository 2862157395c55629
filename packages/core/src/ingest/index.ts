export * from './presets.js';
export * from './column-map.js';
export * from './ingest-records.js';
