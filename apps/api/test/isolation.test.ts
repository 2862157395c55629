import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACME_CSV, startTestService, type Client, type TestService } from './helpers.js';

let service: TestService;
let first: Client;
let second: Client;
let runId: string;
let segmentId: string;
let overrideId: string;

const segment = {
  filter: { and: [{ field: 'industry', op: 'eq', value: 'Software' }, { field: 'open_opportunity_over_1m', op: 'eq', value: true }] },
  includeRelated: { tiers: ['same', 'family', 'related'] },
};

beforeAll(async () => {
  service = await startTestService();
  first = await service.organisation('First');
  second = await service.organisation('Second');
  await first.call('POST', '/v1/accounts', { raw: readFileSync(ACME_CSV, 'utf8') });
  runId = (await first.run('full')).id;
  segmentId = (await first.post('/v1/segments', { name: 'Acme software', definition: segment })).body.id;
  overrideId = (await first.post('/v1/overrides', { a: '1', b: '5', kind: 'cannot-link' })).body.id;
});
afterAll(async () => {
  await service?.stop();
});

/** The answer for an id that exists nowhere, to compare with the answer for the other organisation's id. */
async function sameAsUnknown(method: string, route: (id: string) => string, id: string, body?: unknown) {
  const other = await second.call(method, route(id), body === undefined ? {} : { body });
  const unknown = await second.call(method, route('does-not-exist'), body === undefined ? {} : { body });
  expect(other.status).toBe(404);
  expect(unknown.status).toBe(404);
  expect(other.type).toContain('application/problem+json');
  expect(other.body.type).toBe(unknown.body.type);
  expect(other.body.title).toBe(unknown.body.title);
  expect(other.body.detail.replace(id, 'ID')).toBe(unknown.body.detail.replace('does-not-exist', 'ID'));
}

describe('a second organisation', () => {
  it('sees none of the first one’s accounts, runs, segments or overrides in lists', async () => {
    expect((await second.get('/v1/accounts')).body).toMatchObject({ items: [], total: 0 });
    expect((await second.get('/v1/accounts?q=acme')).body.total).toBe(0);
    expect((await second.get('/v1/runs')).body).toMatchObject({ items: [], total: 0 });
    expect((await second.get('/v1/segments')).body).toEqual({ items: [] });
    expect((await second.get('/v1/overrides')).body).toEqual({ items: [] });
    expect((await second.get('/v1/me')).body.name).toBe('Second');
  });

  it('cannot read the first one’s resources: 404, exactly as for ids that do not exist', async () => {
    await sameAsUnknown('GET', (id) => `/v1/accounts/${id}`, '1');
    await sameAsUnknown('GET', (id) => `/v1/accounts/${id}/related`, '1');
    await sameAsUnknown('GET', (id) => `/v1/runs/${id}`, runId);
    await sameAsUnknown('GET', (id) => `/v1/runs/${id}/changes`, runId);
    await sameAsUnknown('GET', (id) => `/v1/segments/${id}`, segmentId);
    await sameAsUnknown('GET', (id) => `/v1/segments/${id}/members`, segmentId);
  });

  it('cannot change or delete them', async () => {
    await sameAsUnknown('DELETE', (id) => `/v1/accounts/${id}`, '1');
    await sameAsUnknown('PATCH', (id) => `/v1/segments/${id}`, segmentId, { name: 'taken over' });
    await sameAsUnknown('DELETE', (id) => `/v1/segments/${id}`, segmentId);
    await sameAsUnknown('DELETE', (id) => `/v1/overrides/${id}`, overrideId);
    const override = await second.post('/v1/overrides', { a: '1', b: '2', kind: 'must-link' });
    expect(override.status).toBe(404);

    // Everything of the first organisation is as it was.
    expect((await first.get('/v1/accounts/1')).status).toBe(200);
    expect((await first.get(`/v1/segments/${segmentId}`)).body.name).toBe('Acme software');
    expect((await first.get('/v1/overrides')).body.items.map((o: { id: string }) => o.id)).toEqual([overrideId]);
  });

  it('reaches nothing of the first one with the same segment', async () => {
    const { body } = await second.post('/v1/segments/preview', segment);
    expect(body.counts).toEqual({ direct: 0, related: 0, total: 0 });
    expect(body.items).toEqual([]);
  });

  it('keeps its own account of the same id apart', async () => {
    const ingest = await second.post('/v1/accounts', [{ id: '1', name: 'Globex', industry: 'Software', open_opportunity_over_1m: 'true' }]);
    expect(ingest.body).toMatchObject({ accepted: 1, inserted: 1 });
    expect((await second.get('/v1/accounts/1')).body.account.name).toBe('Globex');
    expect((await first.get('/v1/accounts/1')).body.account.name).toBe('Acme');
    expect((await second.post('/v1/segments/preview', segment)).body.counts.direct).toBe(1);
    expect((await first.post('/v1/segments/preview', segment)).body.counts).toEqual({ direct: 1, related: 4, total: 5 });
    // The second organisation has no results yet: its account 1 has no related accounts.
    expect((await second.get('/v1/accounts/1/related')).body).toMatchObject({ items: [], total: 0, runId: null });
  });

  it('needs a valid key at all', async () => {
    const anonymous = await fetch(`http://127.0.0.1:${service.port}/v1/accounts`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toContain('application/problem+json');
    expect(anonymous.headers.get('www-authenticate')).toContain('Bearer');
    const forged = await fetch(`http://127.0.0.1:${service.port}/v1/accounts`, { headers: { authorization: `Bearer ${first.key}x` } });
    expect(forged.status).toBe(401);
  });
});
