import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type Client, type TestService } from './helpers.js';

let service: TestService;
let api: Client;

beforeAll(async () => {
  service = await startTestService({ KINDRED_INGEST_LIMIT: '64kb' });
  api = await service.organisation('Ingest');
});
afterAll(async () => {
  await service?.stop();
});

describe('POST /v1/accounts', () => {
  it('stores the good CSV rows and names each bad one by line and field', async () => {
    const csv = [
      'id,name,website,state',
      'c1,Initech,initech.com,TX',
      ',Nameless Inc,nameless.com,CA', // no id
      'c2,"Umbrella, Corp",umbrella.com', // one column short
      'c3,Hooli,hooli.com,CA',
      'c1,Initech again,initech.com,TX', // duplicate id
      'c4,Vandelay,vandelay.com,NY,extra', // one column too many
      '',
    ].join('\n');
    const { status, body } = await api.call('POST', '/v1/accounts', { raw: csv, type: 'text/csv; charset=utf-8' });
    expect(status).toBe(200);
    expect(body.accepted).toBe(2);
    expect(body.inserted).toBe(2);
    expect(body.rejected.map((r: { line: number; field: string }) => [r.line, r.field])).toEqual([
      [3, 'id'],
      [4, 'record'],
      [6, 'id'],
      [7, 'record'],
    ]);
    for (const rejection of body.rejected) expect(rejection.message).toMatch(new RegExp(`^line ${rejection.line}: `));
    expect(body.rejected[2].message).toContain('duplicate id "c1"');
    expect(body.rejected[2].id).toBe('c1');
    const stored = await api.get('/v1/accounts?q=initech');
    expect(stored.body.items.map((a: { id: string }) => a.id)).toEqual(['c1']);
    expect(stored.body.items[0].account.name).toBe('Initech');
    expect((await api.get('/v1/accounts/c3')).body.account.website).toBe('hooli.com');
  });

  it('reads NDJSON and JSON arrays with per-record rejections', async () => {
    const ndjson = ['{"id":"n1","name":"Soylent"}', '{"id":"n2", name}', '[1,2]', '{"name":"no id"}', '{"id":"n3","name":"Tyrell"}'].join('\n');
    const nd = await api.call('POST', '/v1/accounts', { raw: ndjson, type: 'application/x-ndjson' });
    expect(nd.body.accepted).toBe(2);
    expect(nd.body.rejected.map((r: { line: number }) => r.line)).toEqual([2, 3, 4]);
    expect(nd.body.rejected[0].message).toContain('not valid JSON');

    const json = await api.post('/v1/accounts', [{ id: 'j1', name: 'Cyberdyne' }, 'not an object', { id: 'j2', name: { first: 'x' } }, { id: 7, name: 'Wonka' }]);
    expect(json.body.accepted).toBe(2);
    expect(json.body.rejected.map((r: { index: number; field: string }) => [r.index, r.field])).toEqual([
      [1, 'record'],
      [2, 'name'],
    ]);
    expect(json.body.rejected[1].id).toBe('j2');
    expect((await api.get('/v1/accounts/7')).body.account.name).toBe('Wonka');
  });

  it('upserts by id: identical records are unchanged, changed ones updated', async () => {
    const again = await api.post('/v1/accounts', [
      { id: 'j1', name: 'Cyberdyne' },
      { id: '7', name: 'Wonka Industries' },
    ]);
    expect(again.body).toMatchObject({ accepted: 2, inserted: 0, updated: 1, unchanged: 1 });
    expect((await api.get('/v1/accounts/7')).body.account.name).toBe('Wonka Industries');
  });

  it('maps CRM exports with a preset or a column map', async () => {
    const salesforce = 'Id,Name,Website,ParentId,Phone,BillingState,BillingCountry,Industry\n001A,Acme Holdings,acme.com,,4085366000,CA,US,Software\n';
    const sf = await api.call('POST', '/v1/accounts?preset=salesforce', { raw: salesforce });
    expect(sf.body).toMatchObject({ accepted: 1, rejected: [] });
    const account = (await api.get('/v1/accounts/001A')).body.account;
    expect(account).toMatchObject({ id: '001A', name: 'Acme Holdings', state: 'CA', country: 'US', industry: 'Software' });

    const custom = 'Account No,Account Name,Web\nX-1,Stark Industries,stark.com\n';
    const mapped = await api.call('POST', `/v1/accounts?map=${encodeURIComponent('id="Account No",name="Account Name",website=Web')}`, { raw: custom });
    expect(mapped.body.accepted).toBe(1);
    expect((await api.get('/v1/accounts/X-1')).body.account).toMatchObject({ name: 'Stark Industries', website: 'stark.com' });
  });

  it('refuses what it cannot read as a whole, with a problem document', async () => {
    const unknownColumn = await api.call('POST', `/v1/accounts?map=${encodeURIComponent('name=Company')}`, { raw: 'id,name\n1,a\n' });
    expect(unknownColumn.status).toBe(400);
    expect(unknownColumn.type).toContain('application/problem+json');
    expect(unknownColumn.body.detail).toContain('"Company"');

    const badPreset = await api.call('POST', '/v1/accounts?preset=zoho', { raw: 'id\n1\n' });
    expect(badPreset.status).toBe(400);
    expect(badPreset.body.errors[0].path).toBe('query.preset');

    const xml = await api.call('POST', '/v1/accounts', { raw: '<accounts/>', type: 'application/xml' });
    expect(xml.status).toBe(415);

    const notArray = await api.post('/v1/accounts', { id: '1' });
    expect(notArray.status).toBe(400);
    expect(notArray.body.detail).toContain('array');

    const malformed = await api.call('POST', '/v1/accounts', { raw: '[{"id": 1,', type: 'application/json' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.type).toContain('malformed-body');

    const tooLarge = await api.call('POST', '/v1/accounts', { raw: `id,name\n${'1,x\n'.repeat(20_000)}` });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.detail).toContain('limit');

    const noIdColumn = await api.post('/v1/accounts', [{ name: 'no id' }]);
    expect(noIdColumn.status).toBe(400);
    expect(noIdColumn.body.detail).toContain('no id column');

    const allBad = await api.post('/v1/accounts', [{ id: ' ', name: 'blank id' }]);
    expect(allBad.status).toBe(422);
    expect(allBad.body).toMatchObject({ accepted: 0, rejected: [{ index: 0, field: 'id' }] });
  });

  it('deletes accounts', async () => {
    expect((await api.call('DELETE', '/v1/accounts/n3')).status).toBe(204);
    expect((await api.get('/v1/accounts/n3')).status).toBe(404);
    expect((await api.call('DELETE', '/v1/accounts/n3')).status).toBe(404);
  });

  it('pages and filters account lists', async () => {
    const page = await api.get('/v1/accounts?limit=2');
    expect(page.body.items).toHaveLength(2);
    expect(page.body.total).toBeGreaterThan(2);
    const next = await api.get(`/v1/accounts?limit=2&offset=2`);
    expect(next.body.items[0].id).not.toBe(page.body.items[0].id);
    const filtered = await api.get('/v1/accounts?state=CA,TX');
    expect(filtered.body.items.map((a: { id: string }) => a.id).sort()).toEqual(['001A', 'c1', 'c3']);
    const bad = await api.get('/v1/accounts?limit=0');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('query.limit');
  });
});
