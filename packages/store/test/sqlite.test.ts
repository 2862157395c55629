import { sqliteFileKind, sqliteMemoryKind } from './harness.js';
import { storeSuite } from './store-suite.js';

storeSuite('SQLite store (file)', sqliteFileKind);
storeSuite('SQLite store (:memory:)', sqliteMemoryKind);
