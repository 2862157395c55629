import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import type { Account } from '@kindred/contract';

const DATA = fileURLToPath(new URL('../../../tools/datagen/data/', import.meta.url));

/** Reads one of the labelled data sets, mapping `parent_id` to `parentId`. */
export function loadLabelled(name: string): (Account & Record<string, string>)[] {
  const rows = parse(readFileSync(name.startsWith('/') ? name : `${DATA}${name}`), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  return rows.map((r) => {
    const { parent_id: parentId, ...rest } = r;
    return { ...rest, ...(parentId ? { parentId } : {}) } as Account & Record<string, string>;
  });
}
