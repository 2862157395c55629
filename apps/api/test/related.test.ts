import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { RelatedPageSchema, RelatedQuerySchema } from '@kindred/contract';
import request from 'supertest';
import { AccountService } from '../src/services/accounts.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACME_CSV, startTestService, type Client, type TestService } from './helpers.js';

const execFileAsync = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../../..');
const kindred = path.join(root, 'apps/cli/bin/kindred.js');

let service: TestService;
let acme: Client;

beforeAll(async () => {
  service = await startTestService();
  acme = await service.organisation('Acme Corp');
  const ingest = await acme.call('POST', '/v1/accounts', { raw: readFileSync(ACME_CSV, 'utf8'), type: 'text/csv' });
  expect(ingest.status).toBe(200);
  expect((await acme.run('full')).status).toBe('succeeded');
});
afterAll(async () => {
  await service?.stop();
});

const ids = (body: { items: { id: string }[] }) => body.items.map((r) => r.id);

describe('related accounts over HTTP', () => {
  it('answers the contract shape as JSON, the same page again when asked again', async () => {
    const first = await acme.get('/v1/accounts/1/related');
    expect(first.status).toBe(200);
    expect(first.type).toBe('application/json; charset=utf-8');
    expect(RelatedPageSchema.parse(first.body)).toEqual(first.body);
    expect(first.body.runId).toEqual(expect.any(String));
    const again = await acme.get('/v1/accounts/1/related');
    expect(again.body).toEqual(first.body);
  });

  it('pages by limit and cursor through the same order as one page', async () => {
    const all = (await acme.get('/v1/accounts/1/related')).body;
    const first = (await acme.get('/v1/accounts/1/related?limit=3')).body;
    expect(first).toMatchObject({ total: all.total, limit: 3, offset: 0, nextCursor: expect.any(String) });
    const second = (await acme.get(`/v1/accounts/1/related?limit=3&cursor=${first.nextCursor}`)).body;
    expect(second.nextCursor).toBeUndefined();
    expect([...ids(first), ...ids(second)]).toEqual(ids(all));
    const bad = await acme.get('/v1/accounts/1/related?cursor=not*a*cursor');
    expect(bad.status).toBe(400);
  });

  it('shows an account change and a deletion at once, without a new run', async () => {
    const before = (await acme.get('/v1/accounts/1/related')).body;
    const four = before.items.find((r: { id: string }) => r.id === '4');
    expect(four.name).toMatch(/^Acme/);
    const record = (await acme.get('/v1/accounts/4')).body.account;
    const changed = await acme.call('POST', '/v1/accounts', { body: [{ ...record, name: 'Acme Consulting Renamed', phone: '' }] });
    expect(changed.body).toMatchObject({ updated: 1 });
    const after = (await acme.get('/v1/accounts/1/related')).body;
    expect(after.runId).toBe(before.runId);
    expect(after.items.find((r: { id: string }) => r.id === '4')).toMatchObject({ name: 'Acme Consulting Renamed', phone: null, deleted: false });

    expect((await acme.call('DELETE', '/v1/accounts/5')).status).toBe(204);
    const gone = (await acme.get('/v1/accounts/1/related')).body;
    expect(gone.items.find((r: { id: string }) => r.id === '5')).toMatchObject({ name: null, website: null, deleted: true });
    expect((await acme.get('/v1/accounts/5/related')).status).toBe(404);
  });

  it('answers an account that arrived after the run with an empty page of the current run', async () => {
    await acme.call('POST', '/v1/accounts', { body: [{ id: 'late', name: 'Late Arrival' }] });
    const { status, body } = await acme.get('/v1/accounts/late/related?limit=7&offset=2');
    expect(status).toBe(200);
    expect(body).toEqual({ items: [], total: 0, limit: 7, offset: 2, runId: (await acme.get('/v1/accounts/1/related')).body.runId });
  });
});

describe('related pages cache', () => {
  it('serves a new run at once, and the same text as a service without the cache', async () => {
    const before = (await acme.get('/v1/accounts/1/related?tier=same')).body;
    const run = await acme.run('full');
    expect(run.status).toBe('succeeded');
    expect(run.id).not.toBe(before.runId);
    expect((await acme.get('/v1/accounts/1/related?tier=same')).body.runId).toBe(run.id);

    const uncached = new AccountService(service.services.store, { relatedCacheBytes: 0 });
    const query = RelatedQuerySchema.parse({});
    const text = async (accounts: AccountService, id: string) => (await accounts.relatedBody(acme.orgId, id, query)).json.toString('utf8');
    for (const id of ['1', '2', '3', '4', 'late']) {
      const served = await acme.get(`/v1/accounts/${id}/related`);
      expect(served.body).toEqual(JSON.parse(await text(uncached, id)));
      expect(await text(service.services.accounts, id)).toBe(await text(uncached, id));
    }
    await expect(uncached.relatedBody(acme.orgId, '5', query)).rejects.toMatchObject({ status: 404 });
    await expect(service.services.accounts.relatedBody(acme.orgId, '5', query)).rejects.toMatchObject({ status: 404 });
  });

  it('tags a page as Express tags a body, answers 304 to its tag and a new tag after a change', async () => {
    const first = await acme.get('/v1/accounts/1/related');
    const tag = first.headers.get('etag');
    const length = Buffer.byteLength(JSON.stringify(first.body));
    expect(tag).toMatch(new RegExp(`^W/"${length.toString(16)}-[A-Za-z0-9+/]{27}"$`));
    expect(first.headers.get('content-length')).toBe(String(length));
    expect((await acme.get('/v1/accounts/1/related')).headers.get('etag')).toBe(tag);
    // supertest, not fetch: fetch sends `Cache-Control: no-cache` with a conditional request.
    const conditional = () =>
      request(`http://127.0.0.1:${service.port}`).get('/v1/accounts/1/related').set('authorization', `Bearer ${acme.key}`).set('if-none-match', tag!);
    expect((await conditional()).status).toBe(304);
    const record = (await acme.get('/v1/accounts/2')).body.account;
    await acme.call('POST', '/v1/accounts', { body: [{ ...record, name: 'Acme Two Renamed' }] });
    const changed = await conditional();
    expect(changed.status).toBe(200);
    expect(changed.headers.etag).not.toBe(tag);
    expect(changed.text).toContain('Acme Two Renamed');
  });
});

describe('API keys', () => {
  it('refuses a key revoked in this process at once', async () => {
    const org = await service.services.store.createOrganisation('Revoked here');
    const { key, info } = await service.services.store.createApiKey(org.id);
    const headers = { authorization: `Bearer ${key}` };
    const base = `http://127.0.0.1:${service.port}`;
    expect((await fetch(`${base}/v1/me`, { headers })).status).toBe(200);
    expect(await service.services.store.revokeApiKey(org.id, info.id)).toBe(true);
    expect((await fetch(`${base}/v1/me`, { headers })).status).toBe(401);
  });

  it('refuses a key revoked by the CLI (another process) within seconds', async () => {
    const org = await service.services.store.createOrganisation('Revoked elsewhere');
    const { key, info } = await service.services.store.createApiKey(org.id);
    const headers = { authorization: `Bearer ${key}` };
    const base = `http://127.0.0.1:${service.port}`;
    expect((await fetch(`${base}/v1/me`, { headers })).status).toBe(200);
    await execFileAsync(process.execPath, [kindred, 'keys', 'revoke', '--org', 'Revoked elsewhere', info.id], {
      cwd: root,
      env: { ...process.env, KINDRED_DB: service.dbPath },
    });
    const revokedAt = Date.now();
    let status = 200;
    for (let i = 0; i < 100 && status === 200; i++) {
      status = (await fetch(`${base}/v1/me`, { headers })).status;
      if (status === 200) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(status).toBe(401);
    expect(Date.now() - revokedAt).toBeLessThan(4_000);
  });
});
