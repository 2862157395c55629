import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import type { AccountResult } from '@kindred/contract';
import { CliError } from '../errors.js';
import type { FileFormat } from './formats.js';

export const RESULT_CSV_COLUMNS = ['id', 'same_group', 'family_group', 'related_group', 'related_ids'] as const;

/** One account as a CSV row: its group per tier and its related account ids, `;`-separated. */
export function resultCsvRow(r: AccountResult): string[] {
  return [r.id, r.groups.same, r.groups.family, r.groups.related, r.related.map((x) => x.id).join(';')];
}

function* ndjsonLines(results: Iterable<AccountResult>): Generator<string> {
  for (const r of results) yield `${JSON.stringify(r)}\n`;
}

function* jsonArray(results: Iterable<AccountResult>): Generator<string> {
  let first = true;
  yield '[';
  for (const r of results) {
    yield `${first ? '\n' : ',\n'}${JSON.stringify(r)}`;
    first = false;
  }
  yield '\n]\n';
}

async function writeTo(sink: Writable, format: FileFormat, results: Iterable<AccountResult>): Promise<void> {
  if (format === 'csv') {
    const rows = (function* () {
      for (const r of results) yield resultCsvRow(r);
    })();
    await pipeline(Readable.from(rows), stringify({ header: true, columns: [...RESULT_CSV_COLUMNS] }), sink);
  } else {
    await pipeline(Readable.from(format === 'json' ? jsonArray(results) : ndjsonLines(results)), sink);
  }
}

/**
 * Writes the results as NDJSON (one account per line), a JSON array, or CSV. A file is written
 * under a temporary name and renamed at the end, so a failed run leaves no half-written output.
 * `-` writes to `stdout`.
 */
export async function writeResults(
  out: string,
  format: FileFormat,
  results: Iterable<AccountResult>,
  stdout: Writable = process.stdout,
): Promise<void> {
  if (out === '-') {
    await writeTo(stdout, format, results);
    return;
  }
  const temporary = `${out}.${process.pid}.partial`;
  try {
    await writeTo(createWriteStream(temporary), format, results);
    await rename(temporary, out);
  } catch (error) {
    await rm(temporary, { force: true });
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such directory' : code === 'EACCES' ? 'permission denied' : (error as Error).message;
    throw new CliError(`cannot write ${out}: ${why}`);
  }
}
