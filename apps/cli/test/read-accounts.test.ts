import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CliError } from '../src/errors.js';
import { describeRejection, readAccounts } from '../src/io/read-accounts.js';

let dir: string;
const file = async (name: string, content: string): Promise<string> => {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kindred-cli-read-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('readAccounts from CSV', () => {
  it('keeps every good row and reports each bad one with its line, id and field', async () => {
    const path = await file(
      'mixed.csv',
      [
        'id,name,website,parent_id,true_entity',
        '1,Acme,acme.com,,e1',
        '2,"Acme',
        'Holdings",acme.com,1,e1', // a quoted line break: one record on lines 3-4
        '3,Too,many,columns,here,x',
        ',No id,,,e9',
        '5,"Bad"quote,,,e5',
        '',
        '1,Acme again,,,e1',
        '6,Last,last.io,,e6',
      ].join('\n'),
    );
    const result = await readAccounts(path);
    expect(result.format).toBe('csv');
    expect(result.records).toBe(7);
    expect(result.accounts.map((a) => a.id)).toEqual(['1', '2', '5', '6']);
    expect(result.accounts[1]).toMatchObject({ name: 'Acme\nHoldings', parentId: '1', true_entity: 'e1' });
    expect(result.rejected.map((r) => [r.line, r.field, r.id])).toEqual([
      [5, 'record', '3'],
      [6, 'id', undefined],
      [9, 'id', '1'],
    ]);
    expect(describeRejection('mixed.csv', result.rejected[0])).toMatch(
      /^mixed\.csv, line 5, field record \(id "3"\): malformed row: Invalid Record Length: columns length is 5, got 6$/,
    );
    expect(describeRejection('mixed.csv', result.rejected[2])).toBe(
      'mixed.csv, line 9, field id (id "1"): duplicate id "1" (column "id"), first seen at line 2',
    );
  });

  it('reads a Salesforce export with its preset, and a renamed column with --map', async () => {
    const path = await file(
      'salesforce.csv',
      'Id,Name,Website,ParentId,Phone,BillingState,BillingCountry,Industry,Legal Name\n001A,Acme,acme.com,,(408)536-6000,CA,US,Software,Acme Corporation\n',
    );
    const preset = await readAccounts(path, { preset: 'salesforce' });
    expect(preset.accounts[0]).toMatchObject({ id: '001A', name: 'Acme', phone: '(408)536-6000', state: 'CA', industry: 'Software' });
    const mapped = await readAccounts(path, { preset: 'salesforce', map: { name: 'Legal Name' } });
    expect(mapped.accounts[0].name).toBe('Acme Corporation');
  });

  it('reads a HubSpot export with its preset', async () => {
    const path = await file(
      'hubspot.csv',
      'Record ID,Company name,Company Domain Name,Parent Company,Phone Number,State/Region,Country/Region,Industry\n9001,Acme,acme.com,,+1 408 536 6000,CA,United States,Software\n',
    );
    const { accounts } = await readAccounts(path, { preset: 'hubspot' });
    expect(accounts).toEqual([
      { id: '9001', name: 'Acme', domain: 'acme.com', parentId: undefined, phone: '+1 408 536 6000', state: 'CA', country: 'United States', industry: 'Software' },
    ]);
  });

  it('reads tab-separated files', async () => {
    const path = await file('accounts.tsv', 'id\tname\n1\tAcme, Inc.\n');
    expect((await readAccounts(path)).accounts).toEqual([{ id: '1', name: 'Acme, Inc.' }]);
  });
});

describe('readAccounts refuses files it cannot use, naming file and field', () => {
  const refusal = async (path: string, options = {}) => {
    const error = await readAccounts(path, options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    return (error as CliError).message;
  };

  it('an unknown column in the column map', async () => {
    const path = await file('map.csv', 'id,Company\n1,Acme\n');
    expect(await refusal(path, { map: { name: 'Account Name' } })).toBe(
      `${path}: column "Account Name" (for field name) is not in the header; columns are: "id", "Company"`,
    );
  });

  it('a header without an id column', async () => {
    expect(await refusal(await file('noid.csv', 'name,website\nAcme,acme.com\n'))).toMatch(/noid\.csv: no id column/);
  });

  it('an empty file, a header alone, a missing file, a directory, an unknown extension', async () => {
    expect(await refusal(await file('empty.csv', ''))).toMatch(/empty\.csv is empty/);
    expect(await refusal(await file('header.csv', 'id,name\n'))).toMatch(/header\.csv has a header but no account records/);
    expect(await refusal(join(dir, 'missing.csv'))).toMatch(/cannot read .*missing\.csv: no such file/);
    await mkdir(join(dir, 'folder.csv'));
    expect(await refusal(join(dir, 'folder.csv'))).toMatch(/it is a directory/);
    expect(await refusal(await file('accounts.xlsx', 'x'))).toMatch(/cannot tell the format/);
  });
});

describe('readAccounts from JSON and NDJSON', () => {
  it('reads a JSON array, rejecting items that are not objects by position', async () => {
    const path = await file('accounts.json', JSON.stringify([{ id: 1, name: 'Acme', parent_id: null }, 'oops', { id: 3, name: 'Beta' }]));
    const result = await readAccounts(path);
    expect(result.accounts).toEqual([
      { id: '1', name: 'Acme', parentId: undefined },
      { id: '3', name: 'Beta' },
    ]);
    expect(result.rejected).toEqual([{ index: 1, field: 'record', message: 'expected an object with an "id", got string' }]);
  });

  it('names the line of a JSON syntax error', async () => {
    const path = await file('broken.json', '[\n  {"id": 1},\n  {"id": 2,}\n]');
    await expect(readAccounts(path)).rejects.toThrow(/broken\.json, line 3: not valid JSON/);
  });

  it('reads NDJSON line by line, reporting a malformed line and keeping the others', async () => {
    const path = await file('accounts.ndjson', '{"id":"a","name":"Acme"}\n\n{"id":"b",\n{"id":"c","website":"c.io"}\n');
    const result = await readAccounts(path);
    expect(result.accounts.map((a) => a.id)).toEqual(['a', 'c']);
    expect(result.rejected).toHaveLength(1);
    expect(result.rejected[0]).toMatchObject({ line: 3, field: 'record' });
    expect(result.rejected[0].message).toMatch(/^not valid JSON/);
  });
});
