import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { AccountResultSchema, type AccountResult } from '@kindred/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeResults } from '../src/io/write-results.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kindred-cli-write-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const results: AccountResult[] = [
  {
    id: '1',
    groups: { same: 's1', family: 'f1', related: 'r1' },
    related: [
      { id: '2', tier: 'same', score: 0.97, relation: 'duplicate', reasons: [{ factor: 'name', detail: 'acme', contribution: 0.6 }] },
      { id: '4', tier: 'family', score: 0.7, relation: 'shared-domain', reasons: [{ factor: 'domain', detail: 'acme.com', contribution: 0.5 }] },
    ],
  },
  { id: 'x,"y"', groups: { same: 's2', family: 'f2', related: 'r2' }, related: [] },
];

describe('writeResults', () => {
  it('writes NDJSON: one valid result per line', async () => {
    const out = join(dir, 'out.ndjson');
    await writeResults(out, 'ndjson', results);
    const lines = (await readFile(out, 'utf8')).trimEnd().split('\n');
    expect(lines.map((l) => AccountResultSchema.parse(JSON.parse(l)))).toEqual(results);
  });

  it('writes a JSON array', async () => {
    const out = join(dir, 'out.json');
    await writeResults(out, 'json', results);
    expect(JSON.parse(await readFile(out, 'utf8'))).toEqual(results);
    await writeResults(join(dir, 'none.json'), 'json', []);
    expect(JSON.parse(await readFile(join(dir, 'none.json'), 'utf8'))).toEqual([]);
  });

  it('writes CSV with group ids per tier and ;-separated related ids, quoting as needed', async () => {
    const out = join(dir, 'out.csv');
    await writeResults(out, 'csv', results);
    const text = await readFile(out, 'utf8');
    expect(text.split('\n')[0]).toBe('id,same_group,family_group,related_group,related_ids');
    expect(parse(text, { columns: true })).toEqual([
      { id: '1', same_group: 's1', family_group: 'f1', related_group: 'r1', related_ids: '2;4' },
      { id: 'x,"y"', same_group: 's2', family_group: 'f2', related_group: 'r2', related_ids: '' },
    ]);
  });

  it('leaves nothing behind when the output cannot be written', async () => {
    await expect(writeResults(join(dir, 'no', 'such', 'dir.ndjson'), 'ndjson', results)).rejects.toThrow(/cannot write .*: no such directory/);
    expect((await readdir(dir)).filter((f) => f.includes('partial'))).toEqual([]);
  });
});
