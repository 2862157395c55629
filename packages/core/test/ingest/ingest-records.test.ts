import { describe, expect, it } from 'vitest';
import { AccountIngest, ingestRecords, resolveColumnMapping } from '../../src/ingest/index.js';

describe('ingestRecords', () => {
  it('turns rows of strings into accounts, trimming values and dropping empty ones', () => {
    const { accepted, rejected } = ingestRecords(
      [
        { id: ' 1 ', name: 'Acme', website: 'acme.com', parent_id: '', true_entity: 'e1' },
        { id: '2', name: 'Acme Inc', website: '', parent_id: '1', true_entity: 'e1' },
      ],
      { firstLine: 2 },
    );
    expect(rejected).toEqual([]);
    expect(accepted).toEqual([
      { id: '1', name: 'Acme', website: 'acme.com', parentId: undefined, true_entity: 'e1' },
      { id: '2', name: 'Acme Inc', website: undefined, parentId: '1', true_entity: 'e1' },
    ]);
  });

  it('rejects a missing id and later duplicates, naming line, id, field and column, and keeps every good row', () => {
    const { accepted, rejected } = ingestRecords(
      [
        { Id: 'a', Name: 'Acme' },
        { Id: '', Name: 'No id' },
        { Id: 'b', Name: 'Beta' },
        { Id: 'a', Name: 'Acme again' },
      ],
      { preset: 'salesforce', firstLine: 2 },
    );
    expect(accepted.map((a) => [a.id, a.name])).toEqual([
      ['a', 'Acme'],
      ['b', 'Beta'],
    ]);
    expect(rejected).toEqual([
      { index: 1, line: 3, field: 'id', message: 'missing id (column "Id")' },
      {
        index: 3,
        line: 5,
        id: 'a',
        field: 'id',
        message: 'duplicate id "a" (column "Id"), first seen at line 2',
      },
    ]);
  });

  it('names records by position when there are no lines, and rejects values of the wrong type', () => {
    const { accepted, rejected } = ingestRecords([
      { id: 7, name: 'Seven' },
      { id: 8, name: { first: 'not', second: 'text' } },
    ]);
    expect(accepted).toEqual([{ id: '7', name: 'Seven' }]);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).toMatchObject({ index: 1, id: '8', field: 'name' });
    expect(rejected[0].message).toMatch(/\(column "name"\)$/);
  });

  it('does not modify its input', () => {
    const records = [{ ID: 'x', Company: 'Acme' }];
    const copy = structuredClone(records);
    ingestRecords(records, { map: 'name=Company' });
    expect(records).toEqual(copy);
  });
});

describe('AccountIngest', () => {
  it('accepts records one at a time with their own line numbers (multi-line values)', () => {
    const ingest = new AccountIngest(resolveColumnMapping(['id', 'address']));
    expect(ingest.accept({ id: '1', address: '1 Main St\nSpringfield' }, { index: 0, line: 2 }).account).toBeDefined();
    const second = ingest.accept({ id: '1', address: 'x' }, { index: 1, line: 4 });
    expect(second.rejection?.message).toBe('duplicate id "1" (column "id"), first seen at line 2');
  });
});
