import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FNV_OFFSET, hashKey, hashMore } from '../../src/block/block.js';
import { blockPairs } from '../../src/index.js';

const pairsOf = (b: { left: Int32Array; right: Int32Array }) => Array.from(b.left, (l, k) => `${l}-${b.right[k]}`);

describe('blockPairs', () => {
  it('pairs all accounts of a small block, once, sorted', () => {
    const keys = [['k:a', 'k:b'], ['k:a', 'k:b'], ['k:a'], ['k:c']];
    const b = blockPairs({ n: 4, keys, sortKey: ['', '', '', ''] }, 10, 2);
    expect(pairsOf(b)).toEqual(['0-1', '0-2', '1-2']);
    expect(b.cappedBlocks).toEqual([]);
  });

  it('compares a capped block by sorted neighbourhood and reports it, losing no account', () => {
    const n = 50;
    const keys = Array.from({ length: n }, () => ['k:big']);
    const sortKey = Array.from({ length: n }, (_, i) => `name ${String(49 - i).padStart(2, '0')}`);
    const b = blockPairs({ n, keys, sortKey }, 10, 3);
    expect(b.cappedBlocks).toEqual([{ key: 'k:big', size: 50 }]);
    // Each account is paired with its 3 neighbours in name order: 47·3 + 2 + 1 pairs.
    expect(b.left.length).toBe(47 * 3 + 2 + 1);
    const touched = new Set([...b.left, ...b.right]);
    expect(touched.size).toBe(n);
    // Neighbours by name: account 49 ("name 00") is next to 48 ("name 01").
    expect(pairsOf(b)).toContain('48-49');
    expect(pairsOf(b)).not.toContain('0-49');
  });

  it('adds neighbourhood pairs over sorted and reversed values, and forced pairs', () => {
    const b = blockPairs(
      {
        n: 4,
        keys: [[], [], [], []],
        sortKey: ['', '', '', ''],
        neighbourhoods: [{ values: ['acme', 'acne', 'zeta', undefined], window: 1 }],
        forced: { left: Int32Array.from([3]), right: Int32Array.from([0]) },
      },
      10,
      1,
    );
    // Sorted: acme, acne, zeta → 0-1, 1-2; reversed: atez, emca, enca → 2-0, 0-1; forced 3-0.
    expect(pairsOf(b)).toEqual(['0-1', '0-2', '0-3', '1-2']);
  });

  it('keeps the candidate count linear in the number of accounts for one huge block', () => {
    const count = (n: number) =>
      blockPairs({ n, keys: Array.from({ length: n }, () => ['k:all']), sortKey: Array.from({ length: n }, (_, i) => String(i)) }, 100, 5).left.length;
    expect(count(20_000)).toBe(20_000 * 5 - 15);
    expect(count(40_000) / count(20_000)).toBeCloseTo(2, 2);
  });
});

describe('hashKey', () => {
  it('hashes a key given in parts as the whole key', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string({ unit: 'binary' }), (prefix, value, more) => {
        const h = hashMore(hashMore(hashMore(FNV_OFFSET, prefix), value), more) >>> 0;
        expect(h).toBe(hashKey(prefix + value + more));
      }),
    );
  });

  it('is 32-bit FNV-1a', () => {
    expect(hashKey('')).toBe(0x811c9dc5);
    expect(hashKey('a')).toBe(0xe40c292c);
    expect(hashKey('foobar')).toBe(0xbf9cf968);
  });
});
