import { describe, expect, it } from 'vitest';
import { blockAccounts } from '../../src/block/keys.js';
import { buildAccountTable } from '../../src/cluster/account-table.js';
import { WarningSink } from '../../src/cluster/warnings.js';

describe('blockAccounts', () => {
  it('names a capped block by its key, each kind of key with its prefix', () => {
    // "widget" is in every name: too frequent to be a name key, the rare first word is one instead.
    const n = 30;
    const accounts = Array.from({ length: n }, (_, i) => ({
      id: `a${String(i).padStart(2, '0')}`,
      name: `Zyx${String.fromCharCode(97 + (i % 26))}${i} Widgets`,
      website: 'https://www.acmewidgets.com/about',
      address: '12 Main Street',
      phone: '+1 408 536 6000',
    }));
    const table = buildAccountTable(accounts, 'US', new WarningSink());
    const blocking = blockAccounts(table, 10);
    expect(blocking.cappedBlocks).toEqual(
      [
        { key: 'a:12 main', size: n },
        { key: 'd:acmewidgets.com', size: n },
        { key: 'l:acmewidgets', size: n },
        { key: 'p:+14085366000', size: n },
      ].sort((a, b) => (a.key < b.key ? -1 : 1)),
    );
    // Every account keeps candidates: its name neighbours in the capped blocks.
    expect(new Set([...blocking.left, ...blocking.right]).size).toBe(n);
  });
});
