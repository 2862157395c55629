import { parse as parseCsv, type CsvError } from 'csv-parse/sync';
import type { IngestRejectionView } from '@kindred/contract';
import { HttpProblem } from '../http/problem.js';

/** A record read from a request body, with where it sits in the body. */
export interface BodyRecord {
  record: Record<string, unknown>;
  index: number;
  line?: number;
}

export interface ParsedBody {
  records: BodyRecord[];
  /** The source's columns in order (a CSV header), when the format has them. */
  columns?: string[];
  /** Records the format itself could not read (a malformed CSV row or NDJSON line). */
  rejected: IngestRejectionView[];
}

export type BodyFormat = 'json' | 'ndjson' | 'csv';

/** The ingest format of a media type, or undefined for one the API does not read. */
export function bodyFormatOf(mediaType: string | undefined): BodyFormat | undefined {
  const type = (mediaType ?? '').split(';')[0].trim().toLowerCase();
  if (type === 'application/json') return 'json';
  if (type === 'application/x-ndjson' || type === 'application/ndjson' || type === 'application/jsonl') return 'ndjson';
  if (type === 'text/csv' || type === 'application/csv') return 'csv';
  return undefined;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function notAnObject(index: number, line: number | undefined, value: unknown): IngestRejectionView {
  const where = line !== undefined ? `line ${line}` : `record ${index + 1}`;
  const kind = Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value;
  return { index, ...(line !== undefined ? { line } : {}), field: 'record', message: `${where}: a record must be a JSON object, not ${kind}` };
}

function fromJson(body: unknown): ParsedBody {
  const list = isPlainObject(body) && Array.isArray(body.accounts) ? body.accounts : body;
  if (!Array.isArray(list)) {
    throw new HttpProblem(400, 'invalid-request', 'a JSON body must be an array of account records (or {"accounts": [...]})');
  }
  const records: BodyRecord[] = [];
  const rejected: IngestRejectionView[] = [];
  list.forEach((value: unknown, index: number) => {
    if (isPlainObject(value)) records.push({ record: value, index });
    else rejected.push(notAnObject(index, undefined, value));
  });
  return { records, rejected };
}

function fromNdjson(text: string): ParsedBody {
  const records: BodyRecord[] = [];
  const rejected: IngestRejectionView[] = [];
  const lines = text.split(/\r?\n/);
  let index = 0;
  lines.forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (err) {
      rejected.push({ index, line, field: 'record', message: `line ${line}: not valid JSON (${(err as Error).message})` });
      index += 1;
      return;
    }
    if (isPlainObject(value)) records.push({ record: value, index, line });
    else rejected.push(notAnObject(index, line, value));
    index += 1;
  });
  return { records, rejected };
}

function fromCsv(text: string): ParsedBody {
  let columns: string[] | undefined;
  const records: BodyRecord[] = [];
  const rejected: IngestRejectionView[] = [];
  let index = 0;
  try {
    parseCsv(text, {
      bom: true,
      columns: (header: string[]) => {
        columns = header.map((c) => c.trim());
        return columns;
      },
      skip_empty_lines: true,
      skip_records_with_error: true,
      on_skip: (err: CsvError | undefined) => {
        const line = typeof err?.lines === 'number' ? err.lines : undefined;
        rejected.push({
          index,
          ...(line !== undefined ? { line } : {}),
          field: 'record',
          message: `line ${line ?? '?'}: ${err?.message ?? 'unreadable CSV row'}`,
        });
        index += 1;
        return undefined;
      },
      on_record: (record: Record<string, unknown>, context) => {
        // context.lines is the line where the record ends; a record without line breaks inside
        // quotes starts there too.
        records.push({ record, index, line: context.lines });
        index += 1;
        return null;
      },
    });
  } catch (err) {
    throw new HttpProblem(400, 'malformed-body', `the CSV body cannot be read: ${(err as Error).message}`);
  }
  if (!columns) throw new HttpProblem(400, 'malformed-body', 'the CSV body is empty: it needs a header line');
  return { records, columns, rejected };
}

/** Reads the records of an ingest body in the format of its media type. */
export function parseIngestBody(format: BodyFormat, body: unknown): ParsedBody {
  if (format === 'json') return fromJson(body);
  const text = typeof body === 'string' ? body : Buffer.isBuffer(body) ? body.toString('utf8') : '';
  return format === 'csv' ? fromCsv(text) : fromNdjson(text);
}
