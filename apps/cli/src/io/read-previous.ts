import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { parse } from 'csv-parse';
import { AccountResultSchema, GroupIdsSchema, type AccountResult } from '@kindred/contract';
import { CliError } from '../errors.js';
import { formatOf } from './formats.js';

/** An earlier `kindred cluster` output (NDJSON, JSON or CSV), whose group ids the new run keeps. */
export async function readPrevious(file: string): Promise<AccountResult[]> {
  const format = formatOf(file, undefined, ['ndjson', 'json', 'csv'], '--previous');
  const results: AccountResult[] = [];
  const fail = (where: string, message: string): never => {
    throw new CliError(`--previous ${file}${where}: ${message}`);
  };
  try {
    if (format === 'csv') {
      let line = 1;
      for await (const row of createReadStream(file).pipe(parse({ bom: true, columns: true, skip_empty_lines: true })) as AsyncIterable<
        Record<string, string>
      >) {
        line++;
        const groups = GroupIdsSchema.safeParse({ same: row.same_group, family: row.family_group, related: row.related_group });
        if (!row.id || !groups.success) fail(`, line ${line}`, 'expected id, same_group, family_group and related_group');
        results.push({ id: row.id, groups: groups.data!, related: [] });
      }
    } else if (format === 'json') {
      const value: unknown = JSON.parse(await readFile(file, 'utf8'));
      if (!Array.isArray(value)) fail('', 'expected a JSON array of results');
      (value as unknown[]).forEach((item, i) => {
        const parsed = AccountResultSchema.safeParse(item);
        if (!parsed.success) fail(`, record ${i + 1}`, parsed.error.issues[0].message);
        results.push(parsed.data!);
      });
    } else {
      let line = 0;
      for await (const text of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
        line++;
        if (text.trim() === '') continue;
        let value: unknown;
        try {
          value = JSON.parse(text);
        } catch (error) {
          fail(`, line ${line}`, `not valid JSON: ${(error as Error).message}`);
        }
        const parsed = AccountResultSchema.safeParse(value);
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          fail(`, line ${line}`, `${issue.path.join('.') || 'record'}: ${issue.message}`);
        }
        results.push(parsed.data!);
      }
    }
  } catch (error) {
    if (error instanceof CliError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(`cannot read --previous ${file}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
  if (results.length === 0) throw new CliError(`--previous ${file} has no results`);
  return results;
}
