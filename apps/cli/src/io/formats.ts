import { extname } from 'node:path';
import { CliError } from '../errors.js';

export type FileFormat = 'csv' | 'tsv' | 'json' | 'ndjson';

const BY_EXTENSION: Record<string, FileFormat> = {
  '.csv': 'csv',
  '.tsv': 'tsv',
  '.json': 'json',
  '.ndjson': 'ndjson',
  '.jsonl': 'ndjson',
};

/** The format a file name says, or `explicit` when given. */
export function formatOf(path: string, explicit: string | undefined, allowed: readonly FileFormat[], what: string): FileFormat {
  const format = explicit ?? BY_EXTENSION[extname(path).toLowerCase()];
  if (format === undefined || !allowed.includes(format as FileFormat)) {
    const given = explicit ? `format "${explicit}"` : `the extension of "${path}"`;
    throw new CliError(`${what}: cannot tell the format from ${given}; use ${allowed.map((f) => `.${f}`).join(', ')} (or --format)`);
  }
  return format as FileFormat;
}
