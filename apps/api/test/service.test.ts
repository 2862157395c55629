import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateAccounts } from '@kindred/datagen';
import { openStore } from '@kindred/store';
import { startTestService, type Client, type TestService } from './helpers.js';

const accounts = (n: number, seed: number) =>
  generateAccounts({ accounts: n, seed }).map(({ true_entity: _e, true_family: _f, ...a }) => a);

describe('health, errors and the viewer', () => {
  let service: TestService;
  let api: Client;
  const base = () => `http://127.0.0.1:${service.port}`;

  beforeAll(async () => {
    const viewer = path.join(process.env.TMPDIR ?? '/tmp', `kindred-viewer-${process.pid}`);
    mkdirSync(path.join(viewer, 'assets'), { recursive: true });
    writeFileSync(path.join(viewer, 'index.html'), '<!doctype html><title>Kindred</title><div id="root"></div>');
    writeFileSync(path.join(viewer, 'assets', 'app.js'), 'console.log("kindred")');
    service = await startTestService({ KINDRED_VIEWER_DIR: viewer, KINDRED_CORS_ORIGINS: 'https://crm.example' });
    api = await service.organisation('Service');
  });
  afterAll(async () => {
    await service?.stop();
  });

  it('answers /healthz and /readyz', async () => {
    const health = await fetch(`${base()}/healthz`);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${base()}/readyz`);
    expect(ready.status).toBe(200);
    const body = await ready.json();
    expect(body.status).toBe('ready');
    expect(body.checks.store.ok).toBe(true);
    expect(body.checks.kernel.ok).toBe(true);
  });

  it('serves the viewer with a fallback to index.html for its routes, not for the API', async () => {
    const page = await fetch(`${base()}/accounts/1/related`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    expect(page.headers.get('content-security-policy')).toContain("'wasm-unsafe-eval'");
    const asset = await fetch(`${base()}/assets/app.js`);
    expect(await asset.text()).toContain('kindred');
    const api404 = await fetch(`${base()}/v1/nothing-here`, { headers: { accept: 'text/html', authorization: `Bearer ${api.key}` } });
    expect(api404.status).toBe(404);
    expect(api404.headers.get('content-type')).toContain('application/problem+json');
  });

  it('answers problems as application/problem+json with a useful detail', async () => {
    const malformed = await api.call('POST', '/v1/segments/preview', { raw: '{"filter": ', type: 'application/json' });
    expect(malformed.status).toBe(400);
    expect(malformed.type).toContain('application/problem+json');
    expect(malformed.body).toMatchObject({ status: 400, title: 'Bad Request', instance: '/v1/segments/preview' });
    expect(malformed.body.detail).toContain('not valid JSON');

    const invalid = await api.post('/v1/segments/preview', { filter: { and: [{ field: 'industry', op: 'in', value: 'Software' }] } });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors.length).toBeGreaterThan(0);
    expect(invalid.body.detail).toMatch(/^body\.filter/);

    const tooBig = await api.post('/v1/segments', { name: 'x'.repeat(2_000_000), definition: { filter: { field: 'a', op: 'exists' } } });
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.type).toContain('body-too-large');
  });

  it('allows the configured CORS origins only', async () => {
    const allowed = await fetch(`${base()}/healthz`, { headers: { origin: 'https://crm.example' } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://crm.example');
    const other = await fetch(`${base()}/healthz`, { headers: { origin: 'https://evil.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('clusters statelessly with POST /v1/cluster, storing nothing', async () => {
    const { status, body } = await api.post('/v1/cluster', {
      accounts: [
        { Id: 'a', Name: 'Acme', Website: 'acme.com', Phone: '4085366000' },
        { Id: 'b', Name: 'Acme Inc', Website: 'acme.com', Phone: '(408) 536-6000' },
        { Id: 'c', Name: 'Globex' },
        { Id: '', Name: 'no id' },
      ],
      preset: 'salesforce',
    });
    expect(status).toBe(200);
    expect(body.accounts.map((a: { id: string }) => a.id)).toEqual(['a', 'b', 'c']);
    expect(body.accounts[0].groups.same).toBe(body.accounts[1].groups.same);
    expect(body.accounts[0].related[0]).toMatchObject({ id: 'b', tier: 'same' });
    expect(body.rejected).toMatchObject([{ index: 3, field: 'id' }]);
    expect(body.metrics.totalAccounts).toBe(3);
    expect((await api.get('/v1/accounts')).body.total).toBe(0);
    expect((await api.get('/v1/runs')).body.total).toBe(0);
  });
});

describe('graceful shutdown', () => {
  it('lets an active run finish before it stops', async () => {
    const service = await startTestService({ KINDRED_SHUTDOWN_GRACE_MS: '60000' });
    const api = await service.organisation('Finishing');
    await api.post('/v1/accounts', accounts(1_500, 3));
    const started = await api.post('/v1/runs', { mode: 'full' });
    expect(started.status).toBe(202);
    await service.close();
    await expect(fetch(`http://127.0.0.1:${service.port}/healthz`)).rejects.toThrow();

    const store = await openStore(service.dbPath);
    try {
      const run = await store.getRun(api.orgId, started.body.id);
      expect(run?.status).toBe('succeeded');
      expect((await store.currentResultsRun(api.orgId))?.id).toBe(started.body.id);
    } finally {
      await store.close();
      await service.stop();
    }
  }, 90_000);

  it('fails a run that cannot finish in the grace period and keeps the previous results', async () => {
    const service = await startTestService({ KINDRED_SHUTDOWN_GRACE_MS: '0' });
    const api = await service.organisation('Interrupted');
    await api.post('/v1/accounts', accounts(1_500, 5));
    const first = await api.run('full');
    expect(first.status).toBe('succeeded');
    await api.post('/v1/accounts', [{ id: 'new-1', name: 'Initech' }]);
    const second = await api.post('/v1/runs', { mode: 'full' });
    expect(second.status).toBe(202);
    await service.close();

    const store = await openStore(service.dbPath);
    try {
      const run = await store.getRun(api.orgId, second.body.id);
      expect(run?.status).toBe('failed');
      expect(run?.message).toContain('the service stopped before the run finished');
      expect((await store.currentResultsRun(api.orgId))?.id).toBe(first.id);
      expect(await store.getAccountGroups(api.orgId, 'new-1')).toBeUndefined();
    } finally {
      await store.close();
      await service.stop();
    }
  });
});

describe('stateless clustering of a large request', () => {
  it('clusters it in a worker thread while the service keeps answering', async () => {
    const service = await startTestService();
    try {
      const api = await service.organisation('Large');
      const input = accounts(5_100, 9);
      let clusteredAt = 0;
      const pending = api.post('/v1/cluster', { accounts: input }).then((answer) => {
        clusteredAt = performance.now();
        return answer;
      });
      await new Promise((r) => setTimeout(r, 300));
      // Answered while the large request is being clustered, not after it.
      const health = await fetch(`http://127.0.0.1:${service.port}/healthz`);
      const healthAt = performance.now();
      const { status, body } = await pending;
      expect(health.status).toBe(200);
      expect(status).toBe(200);
      expect(body.accounts).toHaveLength(5_100);
      expect(healthAt).toBeLessThan(clusteredAt);
    } finally {
      await service.stop();
    }
  });
});
