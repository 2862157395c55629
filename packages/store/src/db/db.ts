/**
 * The little SQL both dialects share. Statements are written once with `?` placeholders and
 * portable SQL (upserts with ON CONFLICT, RETURNING, partial indexes); what differs between SQLite
 * and PostgreSQL is behind these methods.
 */
import { InvalidInputError } from '../errors.js';
import type { Dialect } from '../types.js';

export type Param = string | number | null | readonly string[] | readonly number[];

export interface Column {
  name: string;
  /** The PostgreSQL element type used to pass the column as an array. */
  type: 'text' | 'bigint' | 'float8' | 'int';
}

export interface Sql {
  all<T>(sql: string, params?: readonly Param[]): Promise<T[]>;
  get<T>(sql: string, params?: readonly Param[]): Promise<T | undefined>;
  /** Returns the number of rows changed. */
  run(sql: string, params?: readonly Param[]): Promise<number>;
  /** Many rows in as few statements as the dialect allows (`suffix`: e.g. an ON CONFLICT clause). */
  insertMany(table: string, columns: readonly Column[], rows: readonly Param[][], suffix?: string): Promise<void>;
}

export interface Db extends Sql {
  readonly dialect: Dialect;
  /** One transaction holding the write lock (SQLite: BEGIN IMMEDIATE; PostgreSQL: one client). */
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
  /** SQL fragment testing `column` against a list passed as one parameter (see `listParam`). */
  inList(column: string): string;
  listParam(values: readonly string[]): Param;
  /** Row lock suffix for SELECTs inside a transaction (empty on SQLite, which locks the file). */
  readonly forUpdate: string;
  readonly forUpdateSkipLocked: string;
  isUniqueViolation(error: unknown): boolean;
  close(): Promise<void>;
}

/** Escapes LIKE wildcards; use with `ESCAPE '\'`. */
export function likePattern(substring: string): string {
  return `%${substring.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** PostgreSQL text cannot hold NUL, and nothing the store writes contains one (keys are checked,
 * JSON escapes it): a NUL in a parameter is bad input, refused the same way in both dialects. */
export function checkParams(params: readonly Param[]): void {
  for (const p of params) {
    if (typeof p === 'string' ? p.includes('\u0000') : Array.isArray(p) && p.some((v) => typeof v === 'string' && v.includes('\u0000'))) {
      throw new InvalidInputError('a text value contains a NUL character');
    }
  }
}
