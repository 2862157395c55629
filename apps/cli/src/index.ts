export { buildProgram, main } from './main.js';
export { CliError, EXIT } from './errors.js';
export { readAccounts, describeRejection, type ReadAccountsResult } from './io/read-accounts.js';
export { writeResults, resultCsvRow, RESULT_CSV_COLUMNS } from './io/write-results.js';
export type { CliIo } from './commands/shared.js';
