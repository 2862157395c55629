export { CSV_COLUMNS, generateAccounts, streamAccounts, toCsvRow, type GenerateOptions, type GeneratedAccount } from './generate.js';
export { Random } from './random.js';
