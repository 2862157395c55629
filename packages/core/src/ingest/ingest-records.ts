import { AccountSchema, type Account, type AccountField } from '@kindred/contract';
import { resolveColumnMapping, type ColumnMapOptions, type ColumnMapping } from './column-map.js';

/** Where a source record sits: its 0-based position among the records, and its line in a file. */
export interface RecordPosition {
  index: number;
  /** 1-based line of the record in its file, when it comes from one. */
  line?: number;
}

/** A source record that did not become an account, and why. */
export interface IngestRejection extends RecordPosition {
  /** The record's id, when it has one. */
  id?: string;
  /** The account field at fault (or the source column, for a column the source lacks). */
  field: string;
  /** What is wrong, without the position (the caller names file and line). */
  message: string;
}

export type IngestOutcome = { account: Account; rejection?: undefined } | { account?: undefined; rejection: IngestRejection };

/** A raw record as read from a file or a request body: column name → value. */
export type SourceRecord = Readonly<Record<string, unknown>>;

/** "line 5" or "record 5". */
export const positionText = (p: RecordPosition): string => (p.line !== undefined ? `line ${p.line}` : `record ${p.index + 1}`);

function readColumns(record: SourceRecord, columns: readonly string[]): unknown {
  if (columns.length === 1) return record[columns[0]];
  const parts: string[] = [];
  for (const c of columns) {
    const v = record[c];
    if (v === undefined || v === null) continue;
    const s = String(v).trim();
    if (s !== '') parts.push(s);
  }
  return parts.join(', ');
}

/**
 * Turns source records into validated accounts one at a time, remembering ids to report
 * duplicates. The first record with an id is kept; later ones with the same id are rejected.
 */
export class AccountIngest {
  private readonly firstSeen = new Map<string, RecordPosition>();
  private readonly entries: [AccountField, readonly string[]][];

  constructor(readonly mapping: ColumnMapping) {
    this.entries = Object.entries(mapping.fields) as [AccountField, readonly string[]][];
  }

  accept(record: SourceRecord, position: RecordPosition): IngestOutcome {
    const input: Record<string, unknown> = {};
    for (const column of this.mapping.extras) {
      const v = record[column];
      if (v !== undefined) input[column] = v;
    }
    for (const [field, columns] of this.entries) input[field] = readColumns(record, columns);

    const rawId = input.id;
    const idText = typeof rawId === 'string' || typeof rawId === 'number' ? String(rawId).trim() : undefined;
    const idColumn = this.mapping.fields.id?.join('+') ?? 'id';
    if (idText === '' || rawId === undefined || rawId === null) {
      return {
        rejection: { ...position, field: 'id', message: `missing id (column "${idColumn}")` },
      };
    }
    const parsed = AccountSchema.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = String(issue.path[0] ?? 'record');
      const columns = this.mapping.fields[field as AccountField];
      const column = columns ? ` (column "${columns.join('+')}")` : '';
      return {
        rejection: { ...position, ...(idText ? { id: idText } : {}), field, message: `${issue.message}${column}` },
      };
    }
    const account = parsed.data;
    const earlier = this.firstSeen.get(account.id);
    if (earlier) {
      return {
        rejection: {
          ...position,
          id: account.id,
          field: 'id',
          message: `duplicate id "${account.id}" (column "${idColumn}"), first seen at ${positionText(earlier)}`,
        },
      };
    }
    this.firstSeen.set(account.id, position);
    return { account };
  }
}

export interface IngestOptions extends ColumnMapOptions {
  /** The source's columns in order (a file's header). Default: every key of the records. */
  columns?: readonly string[];
  /** Line of the first record in its file, when each record is one line (a CSV with a header and
   * no line breaks inside values: 2). Without it, rejections name records by position. */
  firstLine?: number;
}

export interface IngestResult {
  accepted: Account[];
  rejected: IngestRejection[];
  mapping: ColumnMapping;
}

/** Every key of the records, in order of first appearance. */
export function columnsOf(records: Iterable<SourceRecord>): string[] {
  const columns = new Set<string>();
  for (const r of records) for (const k of Object.keys(r)) columns.add(k);
  return [...columns];
}

/**
 * Maps and validates source records: accepted accounts in input order, and the rejected records
 * with line (or index), id, field and message. Pure: no I/O, the input is not modified.
 * Throws {@link ColumnMapError} when the column map cannot apply to the source at all.
 */
export function ingestRecords(records: readonly SourceRecord[], options: IngestOptions = {}): IngestResult {
  const mapping = resolveColumnMapping(options.columns ?? columnsOf(records), options);
  const ingest = new AccountIngest(mapping);
  const accepted: Account[] = [];
  const rejected: IngestRejection[] = [];
  records.forEach((record, index) => {
    const line = options.firstLine === undefined ? undefined : options.firstLine + index;
    const outcome = ingest.accept(record, line === undefined ? { index } : { index, line });
    if (outcome.account) accepted.push(outcome.account);
    else rejected.push(outcome.rejection);
  });
  return { accepted, rejected, mapping };
}
