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

/** Every account's group ids and related list, as the HTTP API serves them. */
async function servedResults(c: Client): Promise<Map<string, { groups: unknown; related: unknown[] }>> {
  const out = new Map<string, { groups: unknown; related: unknown[] }>();
  let route: string | null = '/v1/accounts?limit=1000';
  for (let page = 0; route !== null && page < 100; page++) {
    const { body }: { body: { items: { id: string; groups: unknown }[]; nextCursor?: string } } = await c.get(route);
    for (const item of body.items) out.set(item.id, { groups: item.groups, related: [] });
    route = body.nextCursor ? `/v1/accounts?limit=1000&cursor=${encodeURIComponent(body.nextCursor)}` : null;
  }
  const ids = [...out.keys()];
  for (let start = 0; start < ids.length; start += 16) {
    await Promise.all(
      ids.slice(start, start + 16).map(async (id) => {
        const { status, body } = await c.get(`/v1/accounts/${encodeURIComponent(id)}/related?limit=1000`);
        expect(status).toBe(200);
        expect(body.total).toBe(body.items.length);
        out.get(id)!.related = body.items;
      }),
    );
  }
  return out;
}

describe('incremental runs', () => {
  let api: Client;
  let reference: Client;
  const generated = generateAccounts({ accounts: 3_003, seed: 11 }).map(withoutTruth);
  const initial = generated.slice(0, 3_000);
  const added = generated.slice(3_000);

  beforeAll(async () => {
    api = await service.organisation('Incremental');
    reference = await service.organisation('Reference');
    for (const c of [api, reference]) {
      expect((await c.post('/v1/accounts', initial)).body.accepted).toBe(3_000);
      expect((await c.run('full')).status).toBe('succeeded');
    }
  });

  /** The same changes in both organisations; then an incremental run here and a full run there. */
  async function changeAndRun(upserts: typeof initial, deletes: string[]) {
    for (const c of [api, reference]) {
      const { body } = await c.post('/v1/accounts', upserts);
      expect(body.accepted).toBe(upserts.length);
      for (const id of deletes) expect((await c.call('DELETE', `/v1/accounts/${id}`)).status).toBe(204);
    }
    const incremental = await api.run('incremental');
    expect(incremental).toMatchObject({ status: 'succeeded', mode: 'incremental' });
    const full = await reference.run('full');
    expect(full.status).toBe('succeeded');
    return { incremental, full };
  }

  /** Exactly the full run's groups and related lists, account by account, through the API. */
  async function expectSameAsFull(total: number) {
    const got = await servedResults(api);
    const want = await servedResults(reference);
    expect(got.size).toBe(total);
    expect([...got.keys()].sort()).toEqual([...want.keys()].sort());
    for (const [id, result] of want) expect(got.get(id), id).toEqual(result);
  }

  /** The message of an incremental run: what it reclustered (null when it ran in full, with its reason). */
  function parseMessage(message: string | null | undefined, head: string, total: number) {
    // The warnings summary, if any, follows what the run did.
    const match = new RegExp(`^incremental: ${head} since run \\S+; (.*?)(; \\d+ warnings?: .*)?$`).exec(message ?? '');
    expect(match, message ?? '').not.toBeNull();
    const rest = match![1];
    const region = /^([\d,]+) of ([\d,]+) accounts and ([\d,]+) of ([\d,]+) linkage components reclustered \(([\d,]+) affected by the changes\), ([\d,]+) results carried over$/.exec(rest);
    if (!region) {
      expect(rest).toMatch(/: a full run$/);
      return null;
    }
    const [accounts, all, components, allComponents, affected, carried] = region.slice(1).map((x) => Number(x.replace(/,/g, '')));
    expect(all).toBe(total);
    expect(accounts + carried).toBe(total);
    return { accounts, components, allComponents, affected, carried };
  }

  /** Accounts of the current results by linkage component. */
  async function componentsOf(c: Client): Promise<Map<string, string[]>> {
    const byComponent = new Map<string, string[]>();
    for (const a of await service.services.store.currentAssignment(c.orgId)) {
      expect(a.component).not.toBeNull();
      const list = byComponent.get(a.component!) ?? [];
      list.push(a.id);
      byComponent.set(a.component!, list);
    }
    return byComponent;
  }

  it('gives exactly what a full run gives after a small change, reclustering only the components it touches', async () => {
    const before = new Map((await currentResults(api.orgId)).map((r) => [r.id, r]));
    const components = await componentsOf(api);
    const small = [...components.values()].filter((ids) => ids.length >= 2 && ids.length <= 4);
    const single = [...components.values()].filter((ids) => ids.length === 1);
    expect(small.length).toBeGreaterThan(1);
    expect(single.length).toBeGreaterThan(0);
    const target = initial.find((a) => a.id === small[0][0])!;
    const changed = { ...target, phone: '+1 415 555 0142' };
    const lone = { id: 'zz-incremental-lone', name: 'Zyxwvut Quasarix', website: 'zyxwvut-quasarix.io', source: 'test' };
    // A lone account whose name words no other account uses: deleting it moves no other word's weight.
    const words = (name: string | undefined) => (name ?? '').toLowerCase().split(/[^a-z0-9]+/).filter((w) => w.length > 1).map((w) => w.replace(/s$/, ''));
    const uses = new Map<string, number>();
    for (const a of initial) for (const w of new Set(words(a.name))) uses.set(w, (uses.get(w) ?? 0) + 1);
    const deleted = single.map((ids) => ids[0]).find((id) => {
      const ws = words(initial.find((a) => a.id === id)?.name);
      return ws.length > 0 && ws.every((w) => uses.get(w) === 1);
    })!;
    expect(deleted).toBeDefined();
    const { incremental, full } = await changeAndRun([lone, changed], [deleted]);
    const counts = parseMessage(incremental.message, '3 changed accounts \\(1 deleted\\)', 3_000);
    expect(counts, incremental.message ?? '').not.toBeNull();
    expect(counts!.accounts).toBeLessThanOrEqual(20);
    expect(counts!.carried).toBeGreaterThan(2_900);
    await expectSameAsFull(3_000);

    const after = await currentResults(api.orgId);
    expect(after).toHaveLength(3_000);
    expect(after.some((r) => r.id === deleted)).toBe(false);
    expect(after.find((r) => r.id === lone.id)).toMatchObject({ related: [] });
    // The results carried over are the stored ones, unchanged.
    const kept = after.filter((r) => JSON.stringify(r) === JSON.stringify(before.get(r.id)));
    expect(kept.length).toBeGreaterThanOrEqual(counts!.carried);
    // The metrics describe every account, as a full run's do, and what was reclustered.
    expect(incremental.metrics!.totalAccounts).toBe(3_000);
    expect(incremental.metrics!.groups).toBe(full.metrics!.groups);
    expect(incremental.metrics!.groupsPerTier).toEqual(full.metrics!.groupsPerTier);
    expect(incremental.metrics!.groupSizeHistogram).toEqual(full.metrics!.groupSizeHistogram);
    expect(incremental.metrics!.reclustered).toEqual({
      accounts: counts!.accounts,
      components: counts!.components,
      totalAccounts: 3_000,
      totalComponents: full.metrics!.reclustered!.totalComponents,
    });
    expect(full.metrics!.reclustered).toMatchObject({ accounts: 3_000, totalAccounts: 3_000 });
    expect(incremental.lastSuccessfulRun?.id).toBe(incremental.id);
    // The next incremental run builds on this one's components.
    expect((await componentsOf(api)).size).toBe(full.metrics!.reclustered!.totalComponents);
  });

  it('stays exact over a second incremental run with renames, domain and parent changes', async () => {
    const upserts = [
      added[1],
      added[2],
      { ...initial[20], name: `${initial[21].name} Europe` },
      { ...initial[40], website: initial[41].website ?? 'moved-40.example.org' },
      { ...initial[60], parentId: initial[61].id },
    ];
    const { incremental } = await changeAndRun(upserts, [initial[80].id]);
    parseMessage(incremental.message, '6 changed accounts \\(1 deleted\\)', 3_001);
    await expectSameAsFull(3_001);
  });

  it('runs in full when the overrides changed since the current results, and says so', async () => {
    for (const c of [api, reference]) expect((await c.post('/v1/overrides', { a: initial[100].id, b: initial[101].id, kind: 'must-link' })).status).toBe(201);
    const { incremental } = await changeAndRun([{ ...initial[102], phone: '+1 415 555 0143' }], []);
    expect(incremental.message).toMatch(/^the overrides changed since run \S+: a full run/);
    await expectSameAsFull(3_001);
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
