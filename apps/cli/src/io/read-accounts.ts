import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { parse, type CsvError } from 'csv-parse';
import type { Account } from '@kindred/contract';
import {
  AccountIngest,
  ColumnMapError,
  columnsOf,
  positionText,
  resolveColumnMapping,
  type ColumnMapOptions,
  type ColumnMapping,
  type IngestRejection,
  type SourceRecord,
} from '@kindred/core';
import { CliError } from '../errors.js';
import { formatOf, type FileFormat } from './formats.js';

export interface ReadAccountsOptions extends ColumnMapOptions {
  /** Overrides the format the file extension says. */
  format?: string;
  /** Called as the file is read, with bytes read so far and the file size. */
  onBytes?: (read: number, total: number) => void;
}

export interface ReadAccountsResult {
  format: FileFormat;
  accounts: Account[];
  /** Records that did not become accounts: malformed rows, missing or duplicate ids, bad values. */
  rejected: IngestRejection[];
  mapping: ColumnMapping;
  /** Records found in the file, accepted or not. */
  records: number;
}

/** `accounts.csv, line 5, field id: duplicate id …` */
export function describeRejection(file: string, r: IngestRejection): string {
  return `${file}, ${positionText(r)}, field ${r.field}${r.id !== undefined ? ` (id "${r.id}")` : ''}: ${r.message}`;
}

function mappingError(file: string, error: unknown): never {
  if (error instanceof ColumnMapError) throw new CliError(`${file}: ${error.message}`);
  throw error;
}

async function checkReadable(file: string): Promise<number> {
  try {
    const info = await stat(file);
    if (info.isDirectory()) throw new CliError(`cannot read ${file}: it is a directory`);
    if (info.size === 0) throw new CliError(`${file} is empty: expected account records`);
    return info.size;
  } catch (error) {
    if (error instanceof CliError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (error as Error).message;
    throw new CliError(`cannot read ${file}: ${why}`);
  }
}

/** The first line of a record that may span several lines (quoted line breaks). */
function firstLine(lastLine: number, raw: string): number {
  const body = raw.replace(/^[\r\n]+/, '').replace(/\r?\n$/, '');
  let breaks = 0;
  for (let i = 0; i < body.length; i++) if (body.charCodeAt(i) === 10) breaks++;
  return lastLine - breaks;
}

async function readDelimited(file: string, size: number, delimiter: string, options: ReadAccountsOptions): Promise<ReadAccountsResult> {
  let ingest: AccountIngest | undefined;
  let mapError: unknown;
  const accounts: Account[] = [];
  const rejected: IngestRejection[] = [];
  let records = 0;
  const parser = parse({
    bom: true,
    delimiter,
    columns: (header: string[]) => {
      try {
        ingest = new AccountIngest(resolveColumnMapping(header, options));
      } catch (error) {
        mapError = error;
        throw error;
      }
      return header;
    },
    info: true,
    raw: true,
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
  });
  parser.on('skip', (error: CsvError & { lines?: number; raw?: string }) => {
    const line = error.lines ?? 0;
    const start = error.raw ? firstLine(line, error.raw) : line;
    const fields = (error as { record?: unknown }).record;
    const first: unknown = Array.isArray(fields) ? fields[0] : undefined;
    const id = typeof first === 'string' && first !== '' ? first : undefined;
    rejected.push({
      index: records++,
      line: start,
      ...(id !== undefined ? { id } : {}),
      field: 'record',
      message: `malformed row: ${error.message.replace(/ (on|at) line \d+.*$/, '')}`,
    });
  });
  const input = createReadStream(file);
  let read = 0;
  if (options.onBytes) {
    input.on('data', (chunk) => {
      read += chunk.length;
      options.onBytes!(read, size);
    });
  }
  input.on('error', (error) => parser.destroy(error));
  try {
    for await (const { record, info, raw } of input.pipe(parser) as AsyncIterable<{
      record: Record<string, string>;
      info: { lines: number };
      raw: string;
    }>) {
      const outcome = ingest!.accept(record, { index: records++, line: firstLine(info.lines, raw) });
      if (outcome.account) accounts.push(outcome.account);
      else rejected.push(outcome.rejection);
    }
  } catch (error) {
    if (mapError !== undefined) mappingError(file, mapError);
    const csvError = error as CsvError & { lines?: number };
    if (csvError.code?.startsWith('CSV_')) {
      throw new CliError(`${file}, line ${csvError.lines ?? '?'}: ${csvError.message}`);
    }
    throw new CliError(`cannot read ${file}: ${(error as Error).message}`);
  }
  if (!ingest) throw new CliError(`${file} is empty: expected a header line and account records`);
  return { format: delimiter === '\t' ? 'tsv' : 'csv', accounts, rejected, mapping: ingest.mapping, records };
}

/** Line and column of a character offset, for JSON syntax errors. */
function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function isRecord(value: unknown): value is SourceRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

async function readJsonLike(file: string, format: 'json' | 'ndjson', options: ReadAccountsOptions): Promise<ReadAccountsResult> {
  const items: { record: SourceRecord; index: number; line?: number }[] = [];
  const rejected: IngestRejection[] = [];
  let records = 0;
  const notAnObject = (value: unknown) => `expected an object with an "id", got ${Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value}`;

  if (format === 'json') {
    const text = await readFile(file, 'utf8');
    if (text.trim() === '') throw new CliError(`${file} is empty: expected a JSON array of accounts`);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      const message = (error as Error).message;
      const at = /position (\d+)/.exec(message);
      throw new CliError(`${file}${at ? `, line ${lineOf(text, Number(at[1]))}` : ''}: not valid JSON: ${message}`);
    }
    const list = Array.isArray(value) ? value : isRecord(value) && Array.isArray(value.accounts) ? value.accounts : undefined;
    if (!list) throw new CliError(`${file}: expected a JSON array of accounts (or an object with an "accounts" array)`);
    list.forEach((item: unknown, index: number) => {
      records++;
      if (isRecord(item)) items.push({ record: item, index });
      else rejected.push({ index, field: 'record', message: notAnObject(item) });
    });
  } else {
    const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
    let line = 0;
    try {
      for await (const text of lines) {
        line++;
        if (text.trim() === '') continue;
        const index = records++;
        let value: unknown;
        try {
          value = JSON.parse(text);
        } catch (error) {
          rejected.push({ index, line, field: 'record', message: `not valid JSON: ${(error as Error).message}` });
          continue;
        }
        if (isRecord(value)) items.push({ record: value, index, line });
        else rejected.push({ index, line, field: 'record', message: notAnObject(value) });
      }
    } catch (error) {
      throw new CliError(`cannot read ${file}: ${(error as Error).message}`);
    }
  }
  if (records === 0) throw new CliError(`${file} has no account records`);

  let mapping: ColumnMapping;
  try {
    mapping = resolveColumnMapping(columnsOf(items.map((i) => i.record)), options);
  } catch (error) {
    mappingError(file, error);
  }
  const ingest = new AccountIngest(mapping);
  const accounts: Account[] = [];
  for (const { record, index, line } of items) {
    const outcome = ingest.accept(record, line === undefined ? { index } : { index, line });
    if (outcome.account) accounts.push(outcome.account);
    else rejected.push(outcome.rejection);
  }
  rejected.sort((a, b) => a.index - b.index);
  return { format, accounts, rejected, mapping, records };
}

/**
 * Reads accounts from a CSV, TSV, JSON or NDJSON file through the ingest column mapping. Bad
 * records are returned as rejections with their line; a file that cannot be used at all (unreadable,
 * empty, a column map that does not fit it) is a {@link CliError}.
 */
export async function readAccounts(file: string, options: ReadAccountsOptions = {}): Promise<ReadAccountsResult> {
  const format = formatOf(file, options.format, ['csv', 'tsv', 'json', 'ndjson'], 'input');
  const size = await checkReadable(file);
  const result =
    format === 'csv' || format === 'tsv'
      ? await readDelimited(file, size, format === 'tsv' ? '\t' : ',', options)
      : await readJsonLike(file, format, options);
  if (result.records === 0) throw new CliError(`${file} has a header but no account records`);
  return result;
}
