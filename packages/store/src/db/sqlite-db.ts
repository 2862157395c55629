import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import { checkParams, type Column, type Db, type Param, type Sql } from './db.js';

type Statement = Database.Statement<unknown[], unknown>;

/** A FIFO lock. One per database file in this process: two stores on one file in one process
 * must not interleave, or one would wait on SQLite's lock while holding the event loop the other
 * needs to finish its transaction. */
class WriteLock {
  private busy = false;
  private readonly waiters: (() => void)[] = [];
  users = 0;

  async run<T>(fn: () => T | Promise<T>): Promise<T> {
    if (this.busy) await new Promise<void>((resolve) => this.waiters.push(resolve));
    this.busy = true;
    try {
      return await fn();
    } finally {
      const next = this.waiters.shift();
      if (next) next();
      else this.busy = false;
    }
  }
}

const fileLocks = new Map<string, WriteLock>();

/**
 * better-sqlite3 behind the async `Db` interface. The connection is synchronous, but transactions
 * span awaits, so every writing statement waits until no transaction is open in this process (a
 * FIFO lock); other processes are kept apart by SQLite's own file locks (WAL, busy timeout).
 * A file database also gets a second, read-only connection: reads never wait for a write
 * transaction in progress (WAL lets readers see the last commit while a writer works).
 */
export class SqliteDb implements Db {
  readonly dialect = 'sqlite' as const;
  readonly forUpdate = '';
  readonly forUpdateSkipLocked = '';
  private readonly db: Database.Database;
  private readonly reader: Database.Database | undefined;
  private readonly statements = new Map<string, Statement>();
  /** Reader statements by SQL; null for SQL that writes (it goes to the writer). */
  private readonly readerStatements = new Map<string, Statement | null>();
  private readonly lock: WriteLock;
  private readonly lockKey: string | undefined;
  private readonly direct: Sql;

  constructor(filename: string, options: { busyTimeoutMs: number }) {
    this.db = new Database(filename);
    const memory = filename === ':memory:' || filename === '';
    this.lockKey = memory ? undefined : resolve(filename);
    let lock = this.lockKey === undefined ? undefined : fileLocks.get(this.lockKey);
    if (!lock) {
      lock = new WriteLock();
      if (this.lockKey !== undefined) fileLocks.set(this.lockKey, lock);
    }
    lock.users++;
    this.lock = lock;
    this.db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs))}`);
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('foreign_keys = ON');
    if (!memory) {
      this.db.pragma('journal_mode = WAL');
      this.reader = new Database(filename, { readonly: true });
      this.reader.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs))}`);
    }
    const self = this;
    this.direct = {
      all: async <T>(sql: string, params: readonly Param[] = []) => self.statement(sql).all(...bind(params)) as T[],
      get: async <T>(sql: string, params: readonly Param[] = []) =>
        self.statement(sql).get(...bind(params)) as T | undefined,
      run: async (sql: string, params: readonly Param[] = []) => self.statement(sql).run(...bind(params)).changes,
      insertMany: async (table, columns, rows, suffix) => self.insertRows(table, columns, rows, suffix),
    };
  }

  async all<T>(sql: string, params: readonly Param[] = []): Promise<T[]> {
    const read = this.readerStatement(sql);
    if (read) return read.all(...bind(params)) as T[];
    return this.exclusive(() => this.direct.all<T>(sql, params));
  }

  async get<T>(sql: string, params: readonly Param[] = []): Promise<T | undefined> {
    const read = this.readerStatement(sql);
    if (read) return read.get(...bind(params)) as T | undefined;
    return this.exclusive(() => this.direct.get<T>(sql, params));
  }

  run(sql: string, params?: readonly Param[]): Promise<number> {
    return this.exclusive(() => this.direct.run(sql, params));
  }

  insertMany(table: string, columns: readonly Column[], rows: readonly Param[][], suffix?: string): Promise<void> {
    return this.transaction((tx) => tx.insertMany(table, columns, rows, suffix));
  }

  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
    return this.exclusive(async () => {
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const result = await fn(this.direct);
        this.db.exec('COMMIT');
        return result;
      } catch (error) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw error;
      }
    });
  }

  /** Runs raw SQL (several statements) outside the statement cache: migrations. */
  exec(sql: string): void {
    this.db.exec(sql);
  }

  inList(column: string): string {
    return `${column} IN (SELECT value FROM json_each(?))`;
  }

  listParam(values: readonly string[]): Param {
    checkParams([values]);
    return JSON.stringify(values);
  }

  isUniqueViolation(error: unknown): boolean {
    const code = (error as { code?: unknown } | null)?.code;
    return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
  }

  async close(): Promise<void> {
    await this.exclusive(() => {
      this.statements.clear();
      this.readerStatements.clear();
      this.reader?.close();
      this.db.close();
    });
    if (--this.lock.users === 0 && this.lockKey !== undefined) fileLocks.delete(this.lockKey);
  }

  private statement(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  private readerStatement(sql: string): Statement | undefined {
    if (!this.reader) return undefined;
    let statement = this.readerStatements.get(sql);
    if (statement === undefined) {
      const prepared = this.reader.prepare(sql);
      statement = prepared.readonly ? prepared : null;
      this.readerStatements.set(sql, statement);
    }
    return statement ?? undefined;
  }

  private insertRows(table: string, columns: readonly Column[], rows: readonly Param[][], suffix = ''): void {
    if (rows.length === 0) return;
    const one = `(${columns.map(() => '?').join(', ')})`;
    const head = `INSERT INTO ${table} (${columns.map((c) => c.name).join(', ')}) VALUES `;
    // Multi-row VALUES: fewer statement executions; SQLite allows 32 766 parameters.
    const perStatement = Math.max(1, Math.min(200, Math.floor(32_000 / columns.length)));
    const full = this.statement(`${head}${Array(perStatement).fill(one).join(', ')} ${suffix}`);
    let i = 0;
    for (; i + perStatement <= rows.length; i += perStatement) {
      const params: unknown[] = [];
      for (let r = i; r < i + perStatement; r++) for (const value of bind(rows[r])) params.push(value);
      full.run(...params);
    }
    if (i < rows.length) {
      const rest = rows.length - i;
      const params: unknown[] = [];
      for (let r = i; r < rows.length; r++) for (const value of bind(rows[r])) params.push(value);
      this.statement(`${head}${Array(rest).fill(one).join(', ')} ${suffix}`).run(...params);
    }
  }

  private exclusive<T>(fn: () => T | Promise<T>): Promise<T> {
    return this.lock.run(fn);
  }
}

function bind(params: readonly Param[]): unknown[] {
  checkParams(params);
  return params.map((p) => (Array.isArray(p) ? JSON.stringify(p) : p));
}
