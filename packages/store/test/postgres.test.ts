import { describe } from 'vitest';
import { PG_URL, postgresKind } from './harness.js';
import { storeSuite } from './store-suite.js';

const SKIPPED = 'KINDRED_PG_URL not set: PostgreSQL store tests skipped';
if (!PG_URL) console.warn(SKIPPED);

describe.skipIf(!PG_URL)(PG_URL ? 'PostgreSQL at KINDRED_PG_URL' : SKIPPED, () => {
  storeSuite('PostgreSQL store', postgresKind(PG_URL as string));
});
