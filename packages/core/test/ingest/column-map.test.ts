import { describe, expect, it } from 'vitest';
import { accountFieldOf, ColumnMapError, parseColumnMap, resolveColumnMapping } from '../../src/ingest/index.js';

describe('parseColumnMap', () => {
  it('reads field=Column pairs, with or without quotes around the column', () => {
    expect(parseColumnMap('name="Account Name",website=Website')).toEqual({ name: 'Account Name', website: 'Website' });
    expect(parseColumnMap('name=Account Name, website=Website')).toEqual({ name: 'Account Name', website: 'Website' });
  });

  it('keeps commas inside quoted column names and accepts snake_case fields', () => {
    expect(parseColumnMap('address="Street, City",parent_id=Parent')).toEqual({ address: 'Street, City', parentId: 'Parent' });
  });

  it('refuses unknown fields, missing columns, doubled fields and broken quoting', () => {
    expect(() => parseColumnMap('colour=Red')).toThrow(/unknown account field "colour"/);
    expect(() => parseColumnMap('name=')).toThrow(/no column given for field "name"/);
    expect(() => parseColumnMap('name=A,name=B')).toThrow(/mapped twice/);
    expect(() => parseColumnMap('name="A')).toThrow(/unbalanced double quote/);
    expect(() => parseColumnMap('justtext')).toThrow(ColumnMapError);
  });
});

describe('accountFieldOf', () => {
  it('accepts camelCase, snake_case, spaced and upper-case spellings', () => {
    for (const s of ['parentId', 'parent_id', 'Parent ID', 'PARENT-ID']) expect(accountFieldOf(s)).toBe('parentId');
    expect(accountFieldOf('true_entity')).toBeUndefined();
  });
});

describe('resolveColumnMapping', () => {
  it('matches snake_case columns by name and keeps the rest as attributes', () => {
    const m = resolveColumnMapping(['id', 'name', 'parent_id', 'true_entity']);
    expect(m.fields).toEqual({ id: ['id'], name: ['name'], parentId: ['parent_id'] });
    expect(m.extras).toEqual(['true_entity']);
    expect(m.ignored).toEqual([]);
  });

  it('maps a Salesforce export, joining the billing address columns', () => {
    const header = ['Id', 'Name', 'Website', 'ParentId', 'Phone', 'BillingStreet', 'BillingCity', 'BillingState', 'BillingCountry', 'Industry', 'Type'];
    const m = resolveColumnMapping(header, { preset: 'salesforce' });
    expect(m.fields).toMatchObject({
      id: ['Id'],
      name: ['Name'],
      website: ['Website'],
      parentId: ['ParentId'],
      phone: ['Phone'],
      address: ['BillingStreet', 'BillingCity'],
      state: ['BillingState'],
      country: ['BillingCountry'],
      industry: ['Industry'],
    });
    expect(m.extras).toEqual(['Type']);
  });

  it('maps a HubSpot export', () => {
    const header = ['Record ID', 'Company name', 'Company Domain Name', 'Parent Company', 'Phone Number', 'State/Region', 'Country/Region', 'Industry'];
    const m = resolveColumnMapping(header, { preset: 'hubspot' });
    expect(m.fields).toEqual({
      id: ['Record ID'],
      name: ['Company name'],
      domain: ['Company Domain Name'],
      parentId: ['Parent Company'],
      phone: ['Phone Number'],
      state: ['State/Region'],
      country: ['Country/Region'],
      industry: ['Industry'],
    });
  });

  it('lets an explicit map win over the preset and over names, and leaves the displaced column out', () => {
    const m = resolveColumnMapping(['Id', 'Name', 'Legal Name'], { preset: 'salesforce', map: 'name="Legal Name"' });
    expect(m.fields.name).toEqual(['Legal Name']);
    expect(m.ignored).toEqual(['Name']);
  });

  it('finds a mapped column regardless of case when that is unambiguous', () => {
    expect(resolveColumnMapping(['ID', 'account name'], { map: { name: 'Account Name' } }).fields.name).toEqual(['account name']);
  });

  it('names the unknown column and the real ones', () => {
    expect(() => resolveColumnMapping(['id', 'Company'], { map: 'name="Account Name"' })).toThrow(
      'column "Account Name" (for field name) is not in the header; columns are: "id", "Company"',
    );
  });

  it('refuses an unknown preset, a header without an id column and a doubled column', () => {
    expect(() => resolveColumnMapping(['id'], { preset: 'dynamics' })).toThrow(/unknown preset "dynamics"/);
    expect(() => resolveColumnMapping(['Name', 'Website'])).toThrow(/no id column/);
    expect(() => resolveColumnMapping(['Name'], { preset: 'salesforce' })).toThrow(/preset salesforce expects "Id"/);
    expect(() => resolveColumnMapping(['id', 'name', 'name'])).toThrow(/column "name" appears twice/);
  });

  it('leaves unnamed columns out, however many there are', () => {
    const m = resolveColumnMapping(['id', 'name', '', '']);
    expect(m.extras).toEqual([]);
    expect(m.ignored).toEqual(['', '']);
  });

  it('ignores a byte-order mark on the first column', () => {
    expect(resolveColumnMapping(['\uFEFFid', 'name']).fields.id).toEqual(['id']);
  });
});
