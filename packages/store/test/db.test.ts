import { describe, expect, it } from 'vitest';
import { toNumbered } from '../src/db/postgres-db.js';
import { SqliteDb } from '../src/db/sqlite-db.js';
import { sqliteFile } from './harness.js';

describe('SQLite connection handling', () => {
  it('answers reads from the last commit while a write transaction of the same process is open', async () => {
    const file = sqliteFile();
    const db = new SqliteDb(file.path, { busyTimeoutMs: 1_000 });
    try {
      db.exec('CREATE TABLE t (n INTEGER)');
      await db.run('INSERT INTO t (n) VALUES (1)');
      const seenInside = await db.transaction(async (tx) => {
        await tx.run('INSERT INTO t (n) VALUES (2)');
        const outside = await db.get<{ c: number }>('SELECT COUNT(*) AS c FROM t');
        const inside = await tx.get<{ c: number }>('SELECT COUNT(*) AS c FROM t');
        return { outside: outside?.c, inside: inside?.c };
      });
      expect(seenInside).toEqual({ outside: 1, inside: 2 });
      expect((await db.get<{ c: number }>('SELECT COUNT(*) AS c FROM t'))?.c).toBe(2);
      // A write outside the transaction waits for it instead of joining it.
      const order: string[] = [];
      await Promise.all([
        db.transaction(async (tx) => {
          await tx.run('INSERT INTO t (n) VALUES (3)');
          await new Promise((resolve) => setTimeout(resolve, 20));
          order.push('transaction');
        }),
        db.run('INSERT INTO t (n) VALUES (4)').then(() => order.push('write')),
      ]);
      expect(order).toEqual(['transaction', 'write']);
    } finally {
      await db.close();
      file.dispose();
    }
  });

  it('rolls back a failed transaction', async () => {
    const db = new SqliteDb(':memory:', { busyTimeoutMs: 1_000 });
    db.exec('CREATE TABLE t (n INTEGER)');
    await expect(
      db.transaction(async (tx) => {
        await tx.run('INSERT INTO t (n) VALUES (1)');
        throw new Error('stop');
      }),
    ).rejects.toThrow('stop');
    expect((await db.get<{ c: number }>('SELECT COUNT(*) AS c FROM t'))?.c).toBe(0);
    await db.close();
  });
});

describe('PostgreSQL placeholders', () => {
  it('numbers ? placeholders outside quoted literals and identifiers', () => {
    expect(toNumbered(`SELECT '?' AS "a?", ? AS b WHERE c = ? AND d LIKE 'x?y'`)).toBe(
      `SELECT '?' AS "a?", $1 AS b WHERE c = $2 AND d LIKE 'x?y'`,
    );
  });
});
