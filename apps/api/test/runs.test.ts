import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateAccounts } from '@kindred/datagen';
import type { AccountResult } from '@kindred/contract';
import { startTestService, type Client, type TestService } from './helpers.js';

let service: TestService;

beforeAll(async () => {
  service = await startTestService();
});
afterAll(async () => {
  await service?.stop();
});

const withoutTruth = ({ true_entity: _e, true_family: _f, ...account }: ReturnType<typeof generateAccounts>[number]) => account;

async function currentResults(orgId: string): Promise<AccountResult[]> {
  const out: AccountResult[] = [];
  for await (const chunk of service.services.store.iterateResults(orgId)) out.push(...chunk);
  return out;
}

describe('incremental runs', () => {
  let api: Client;
  const generated = generateAccounts({ accounts: 3_001, seed: 11 }).map(withoutTruth);
  const initial = generated.slice(0, 3_000);
  const added = generated[3_000];

  beforeAll(async () => {
    api = await service.organisation('Incremental');
    expect((await api.post('/v1/accounts', initial)).body.accepted).toBe(3_000);
    expect((await api.run('full')).status).toBe('succeeded');
  });

  it('reclusters only the accounts the changes touch and keeps every other result', async () => {
    const before = new Map((await currentResults(api.orgId)).map((r) => [r.id, r]));
    const changed = { ...initial[0], name: 'Zyxwvut Quasar Holdings', website: 'zyxwvut-quasar.io' };
    const deleted = initial[7].id;
    expect((await api.post('/v1/accounts', [added, changed])).body).toMatchObject({ accepted: 2, inserted: 1, updated: 1 });
    expect((await api.call('DELETE', `/v1/accounts/${deleted}`)).status).toBe(204);

    const incremental = await api.run('incremental');
    expect(incremental).toMatchObject({ status: 'succeeded', mode: 'incremental' });
    const match = /^incremental: 3 changed accounts \(1 deleted\) touch (\d+) of 3000 \(.*\), reclustered/.exec(incremental.message ?? '');
    expect(match, incremental.message ?? '').not.toBeNull();
    const reclustered = Number(match![1]);
    expect(reclustered).toBeLessThanOrEqual(3_000 / 4);

    const after = await currentResults(api.orgId);
    expect(after).toHaveLength(3_000);
    expect(after.some((r) => r.id === deleted)).toBe(false);
    expect(after.find((r) => r.id === added.id)).toBeDefined();
    // The changed account no longer shares anything with its old family.
    const changedResult = after.find((r) => r.id === changed.id)!;
    expect(changedResult.related.filter((r) => r.tier !== 'related')).toEqual([]);
    // Accounts outside the reclustered region keep their results as they were.
    const kept = after.filter((r) => JSON.stringify(r) === JSON.stringify(before.get(r.id)));
    expect(kept.length).toBeGreaterThanOrEqual(3_000 - reclustered);
    // The metrics describe every account, not only the reclustered ones.
    expect(incremental.metrics!.totalAccounts).toBe(3_000);
    const groups = new Set(after.map((r) => r.groups.same));
    expect(incremental.metrics!.groups).toBe(groups.size);
    expect(incremental.lastSuccessfulRun?.id).toBe(incremental.id);
  });

  it('is recorded as skipped when nothing changed', async () => {
    const skipped = await api.run('incremental');
    expect(skipped.status).toBe('skipped');
    expect(skipped.message).toMatch(/^no account changed since run /);
  });

  it('runs in full when there are no results to build on', async () => {
    const fresh = await service.organisation('Fresh');
    await fresh.post('/v1/accounts', [{ id: '1', name: 'Acme' }]);
    const run = await fresh.run('incremental');
    expect(run).toMatchObject({ status: 'succeeded', mode: 'incremental' });
    expect(run.message).toContain('no earlier results: a full run');
  });
});

describe('the daily schedule', () => {
  it('records a run with no changes as skipped, and runs organisations with changes', async () => {
    const quiet = await service.organisation('Quiet');
    const busy = await service.organisation('Busy');
    for (const c of [quiet, busy]) await c.post('/v1/accounts', [{ id: 'a', name: 'Acme' }, { id: 'b', name: 'Acme Inc', website: 'acme.com' }]);
    await quiet.run('full');
    await busy.run('full');
    await busy.post('/v1/accounts', [{ id: 'c', name: 'Acme Corporation', website: 'acme.com' }]);

    const created = await service.scheduler.tick();
    expect(created.length).toBeGreaterThanOrEqual(2);
    const byOrg = async (c: Client) => {
      const { body } = await c.get('/v1/runs?limit=1');
      return c.waitForRun(body.items[0].id);
    };
    const quietRun = await byOrg(quiet);
    expect(quietRun).toMatchObject({ status: 'skipped', trigger: 'schedule', mode: 'incremental' });
    const busyRun = await byOrg(busy);
    expect(busyRun).toMatchObject({ status: 'succeeded', trigger: 'schedule' });
    expect((await busy.get('/v1/accounts/c/related')).body.items.map((r: { id: string }) => r.id).sort()).toEqual(['a', 'b']);

    const history = await quiet.get('/v1/runs');
    expect(history.body.items.map((r: { status: string }) => r.status)).toEqual(['skipped', 'succeeded']);
    expect((await quiet.get('/v1/runs?status=skipped')).body.total).toBe(1);
  });

  it('runs on its cron pattern', async () => {
    const timed = await startTestService({ KINDRED_SCHEDULE: '* * * * * *' });
    try {
      const c = await timed.organisation('Timed');
      await c.post('/v1/accounts', [{ id: '1', name: 'Acme' }]);
      let runs: { trigger: string; status: string }[] = [];
      for (let i = 0; i < 250 && !runs.some((r) => r.trigger === 'schedule' && r.status !== 'queued' && r.status !== 'running'); i++) {
        await new Promise((r) => setTimeout(r, 100));
        runs = (await c.get('/v1/runs')).body.items;
      }
      expect(runs.some((r) => r.trigger === 'schedule' && r.status === 'succeeded')).toBe(true);
      expect(timed.scheduler.nextRunAt()).toBeInstanceOf(Date);
    } finally {
      await timed.stop();
    }
  }, 60_000);
});

describe('runs and overrides', () => {
  let api: Client;
  beforeAll(async () => {
    api = await service.organisation('Overrides');
    await api.post('/v1/accounts', [
      { id: '1', name: 'Acme', website: 'acme.com', phone: '4085366000', state: 'CA' },
      { id: '2', name: 'Acme', website: 'acm.com', phone: '(408)536-6000', state: 'CA' },
      { id: '3', name: 'Globex', website: 'globex.com', state: 'NY' },
    ]);
  });

  it('reports progress, metrics and the change log', async () => {
    const run = await api.run('full');
    expect(run).toMatchObject({ status: 'succeeded', trigger: 'api', progress: { percent: 100 } });
    expect(run.metrics).toMatchObject({ totalAccounts: 3 });
    expect(run.metrics!.groupSizeHistogram.length).toBeGreaterThan(0);
    expect(run.elapsedMs).toBeGreaterThanOrEqual(0);
    const changes = await api.get(`/v1/runs/${run.id}/changes`);
    expect(changes.status).toBe(200);
    expect(changes.body.runId).toBe(run.id);
    expect(changes.body.created.length).toBeGreaterThan(0);
  });

  it('applies overrides in the next run', async () => {
    const sameOf = async (id: string) => (await api.get(`/v1/accounts/${id}`)).body.groups.same;
    expect(await sameOf('1')).toBe(await sameOf('2'));
    expect(await sameOf('1')).not.toBe(await sameOf('3'));

    const apart = await api.post('/v1/overrides', { a: '1', b: '2', kind: 'cannot-link' });
    expect(apart.status).toBe(201);
    const together = await api.post('/v1/overrides', { a: 3, b: '1', kind: 'must-link' });
    expect(together.body).toMatchObject({ a: '1', b: '3', kind: 'must-link' });
    expect((await api.run('full')).status).toBe('succeeded');
    expect(await sameOf('1')).not.toBe(await sameOf('2'));
    expect(await sameOf('1')).toBe(await sameOf('3'));

    expect((await api.call('DELETE', `/v1/overrides/${apart.body.id}`)).status).toBe(204);
    expect((await api.get('/v1/overrides')).body.items).toHaveLength(1);
    const self = await api.post('/v1/overrides', { a: '1', b: '1', kind: 'must-link' });
    expect(self.status).toBe(400);
  });

  it('answers 409 while a run of the organisation is active', async () => {
    const queued = await service.services.store.createRun(api.orgId, { mode: 'full', trigger: 'cli' });
    const refused = await api.post('/v1/runs', { mode: 'full' });
    expect(refused.status).toBe(409);
    expect(refused.type).toContain('application/problem+json');
    expect(refused.body.detail).toContain(queued.id);
    const claimed = await service.services.store.claimRun(api.orgId, queued.id);
    await service.services.store.updateRun(api.orgId, claimed!.id, { status: 'failed', message: 'test: given up' });
    const failed = await api.get('/v1/runs?status=failed');
    expect(failed.body.items.map((r: { id: string }) => r.id)).toEqual([queued.id]);
    expect(failed.body.items[0].message).toBe('test: given up');
  });

  it('validates run requests', async () => {
    const bad = await api.post('/v1/runs', { mode: 'partial' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('body.mode');
    const badConfig = await api.post('/v1/runs', { mode: 'full', config: { thresholds: { sameDistance: 0.9, familyDistance: 0.1 } } });
    expect(badConfig.status).toBe(400);
    expect(badConfig.body.detail).toContain('sameDistance');
  });
});
