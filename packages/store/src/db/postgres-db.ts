import pg from 'pg';
import { checkParams, type Column, type Db, type Param, type Sql } from './db.js';

/** int8 (BIGINT, BIGSERIAL, COUNT) as JavaScript numbers: every value the store keeps is far below 2^53. */
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === 20) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  },
};

/** PostgreSQL's limit of bind parameters per statement is 65 535. */
const MAX_PARAMETERS = 60_000;

export interface PostgresDbOptions {
  schema: string;
  poolSize: number;
}

/** node-postgres `Pool` behind the async `Db` interface; `?` placeholders become `$n`. */
export class PostgresDb implements Db {
  readonly dialect = 'postgres' as const;
  readonly forUpdate = ' FOR UPDATE';
  readonly forUpdateSkipLocked = ' FOR UPDATE SKIP LOCKED';
  private readonly pool: pg.Pool;
  private readonly texts = new Map<string, string>();

  private constructor(pool: pg.Pool) {
    this.pool = pool;
  }

  static async connect(url: string, options: PostgresDbOptions): Promise<PostgresDb> {
    if (!/^[a-z_][a-z0-9_]*$/.test(options.schema)) {
      throw new Error(`PostgreSQL schema name ${JSON.stringify(options.schema)} must match [a-z_][a-z0-9_]*`);
    }
    if (options.schema !== 'public') {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`CREATE SCHEMA IF NOT EXISTS ${options.schema}`);
      } finally {
        await client.end();
      }
    }
    const pool = new pg.Pool({
      connectionString: url,
      max: options.poolSize,
      types,
      options: `-c search_path=${options.schema}`,
    });
    // An idle client losing its connection (server restart) must not crash the process: the pool
    // drops that client and the next query reports the failure to its caller.
    pool.on('error', () => undefined);
    const db = new PostgresDb(pool);
    await db.get('SELECT 1 AS ok');
    return db;
  }

  async all<T>(sql: string, params: readonly Param[] = []): Promise<T[]> {
    checkParams(params);
    return (await this.pool.query(this.text(sql), params as unknown[])).rows as T[];
  }

  async get<T>(sql: string, params: readonly Param[] = []): Promise<T | undefined> {
    return (await this.all<T>(sql, params))[0];
  }

  async run(sql: string, params: readonly Param[] = []): Promise<number> {
    checkParams(params);
    return (await this.pool.query(this.text(sql), params as unknown[])).rowCount ?? 0;
  }

  insertMany(table: string, columns: readonly Column[], rows: readonly Param[][], suffix?: string): Promise<void> {
    return insertRows((text, params) => this.pool.query(text, params), table, columns, rows, suffix);
  }

  async transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    const query = (sql: string, params: readonly Param[]) => {
      checkParams(params);
      return client.query(this.text(sql), params as unknown[]);
    };
    const tx: Sql = {
      all: async <R>(sql: string, params: readonly Param[] = []) => (await query(sql, params)).rows as R[],
      get: async <R>(sql: string, params: readonly Param[] = []) => (await query(sql, params)).rows[0] as R | undefined,
      run: async (sql: string, params: readonly Param[] = []) => (await query(sql, params)).rowCount ?? 0,
      insertMany: (table, columns, rows, suffix) =>
        insertRows((text, params) => client.query(text, params), table, columns, rows, suffix),
    };
    let broken = false;
    try {
      await client.query('BEGIN');
      const result = await fn(tx);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      try {
        await client.query('ROLLBACK');
      } catch {
        broken = true; // the connection itself failed: do not return it to the pool
      }
      throw error;
    } finally {
      client.release(broken);
    }
  }

  /** Raw SQL (several statements, no parameters): migrations. */
  async exec(sql: string, tx?: Sql): Promise<void> {
    if (tx) await tx.run(sql);
    else await this.pool.query(sql);
  }

  inList(column: string): string {
    return `${column} = ANY(?)`;
  }

  listParam(values: readonly string[]): Param {
    return values;
  }

  isUniqueViolation(error: unknown): boolean {
    return (error as { code?: unknown } | null)?.code === '23505';
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  private text(sql: string): string {
    let text = this.texts.get(sql);
    if (text === undefined) {
      text = toNumbered(sql);
      this.texts.set(sql, text);
    }
    return text;
  }
}

/** `?` → `$1, $2, …`, leaving quoted literals and identifiers alone. */
export function toNumbered(sql: string): string {
  let out = '';
  let n = 0;
  let quote: string | null = null;
  for (const c of sql) {
    if (quote) {
      if (c === quote) quote = null;
      out += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      out += c;
    } else if (c === '?') {
      out += `$${++n}`;
    } else {
      out += c;
    }
  }
  return out;
}

async function insertRows(
  query: (text: string, params: unknown[]) => Promise<unknown>,
  table: string,
  columns: readonly Column[],
  rows: readonly Param[][],
  suffix = '',
): Promise<void> {
  // Multi-row VALUES with one parameter per value: large text values travel as they are (passing
  // whole columns as arrays costs an escaped array literal, several times slower for JSON text).
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
  const head = `INSERT INTO ${table} (${columns.map((c) => c.name).join(', ')}) VALUES `;
  const tuple = (row: number) =>
    `(${columns.map((c, i) => `$${row * columns.length + i + 1}::${c.type}`).join(', ')})`;
  const texts = new Map<number, string>();
  for (let start = 0; start < rows.length; start += perStatement) {
    const count = Math.min(perStatement, rows.length - start);
    let text = texts.get(count);
    if (text === undefined) {
      text = `${head}${Array.from({ length: count }, (_, r) => tuple(r)).join(', ')} ${suffix}`;
      texts.set(count, text);
    }
    const params: Param[] = [];
    for (let r = start; r < start + count; r++) for (const value of rows[r]) params.push(value);
    checkParams(params);
    await query(text, params);
  }
}
