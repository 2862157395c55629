import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACME_CSV, startTestService, type Client, type TestService } from './helpers.js';

let service: TestService;
let acme: Client;

beforeAll(async () => {
  service = await startTestService();
  acme = await service.organisation('Acme Corp');
});
afterAll(async () => {
  await service?.stop();
});

const segment = {
  filter: {
    and: [
      { field: 'industry', op: 'eq', value: 'Software' },
      { field: 'open_opportunity_over_1m', op: 'eq', value: true },
    ],
  },
};

describe('the Acme example through HTTP', () => {
  it('ingests acme.csv', async () => {
    const answer = await acme.call('POST', '/v1/accounts', { raw: readFileSync(ACME_CSV, 'utf8'), type: 'text/csv' });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ accepted: 5, inserted: 5, updated: 0, unchanged: 0, rejected: [] });
  });

  it('runs the clustering to success with metrics', async () => {
    const run = await acme.run('full');
    expect(run.status).toBe('succeeded');
    expect(run.metrics?.totalAccounts).toBe(5);
    expect(run.progress.percent).toBe(100);
    expect(run.lastSuccessfulRun?.id).toBe(run.id);
    expect(run.metrics?.stageMs).toHaveProperty('load');
    expect(run.metrics?.stageMs).toHaveProperty('write');
  });

  it('lists 2–5 as related accounts of account 1, with reasons', async () => {
    const { status, body } = await acme.get('/v1/accounts/1/related');
    expect(status).toBe(200);
    expect(body.items.map((r: { id: string }) => r.id).sort()).toEqual(['2', '3', '4', '5']);
    const byId = Object.fromEntries(body.items.map((r: { id: string }) => [r.id, r]));
    expect(byId['2'].tier).toBe('same');
    expect(byId['3'].tier).toBe('same');
    expect(byId['4'].tier).toBe('family');
    expect(byId['5'].tier).toBe('related');
    for (const row of body.items) {
      expect(row.reasons.length).toBeGreaterThan(0);
      expect(row.score).toBeGreaterThan(0);
      expect(row.name).toMatch(/^Acme/);
    }
    expect(byId['4'].website).toBe('http://www.acme.com/consulting');
    expect(body.total).toBe(4);
  });

  it('filters related accounts by tier', async () => {
    const { body } = await acme.get('/v1/accounts/1/related?tier=same');
    expect(body.items.map((r: { id: string }) => r.id).sort()).toEqual(['2', '3']);
    const family = await acme.get('/v1/accounts/1/related?tier=family,related');
    expect(family.body.items.map((r: { id: string }) => r.id).sort()).toEqual(['4', '5']);
  });

  it('reaches account 2 directly with the segment', async () => {
    const { status, body } = await acme.post('/v1/segments/preview', segment);
    expect(status).toBe(200);
    expect(body.counts).toEqual({ direct: 1, related: 0, total: 1 });
    expect(body.items[0]).toMatchObject({ id: '2', inclusion: 'direct' });
    expect(body.items[0].reason).toContain('industry = "Software"');
  });

  it('reaches 1, 3, 4 and 5 through related accounts when they are included', async () => {
    const { body } = await acme.post('/v1/segments/preview', { ...segment, includeRelated: { tiers: ['same', 'family', 'related'] } });
    expect(body.counts).toEqual({ direct: 1, related: 4, total: 5 });
    const related = body.items.filter((m: { inclusion: string }) => m.inclusion === 'related');
    expect(related.map((m: { id: string }) => m.id)).toEqual(['1', '3', '4', '5']);
    for (const member of related) {
      expect(member.via[0].id).toBe('2');
      expect(member.reason).toMatch(/ 2 \(/);
      expect(member.account.name).toMatch(/^Acme/);
    }
  });

  it('finds accounts by name or domain and by the size of their group', async () => {
    const byDomain = await acme.get('/v1/accounts?q=acm.com');
    expect(byDomain.body.items.map((a: { id: string }) => a.id)).toEqual(['2']);
    const sameGroupOfThree = await acme.get('/v1/accounts?groupTier=same&minGroupSize=3');
    expect(sameGroupOfThree.body.items.map((a: { id: string }) => a.id)).toEqual(['1', '2', '3']);
    expect(sameGroupOfThree.body.items[0].groupSizes).toMatchObject({ same: 3 });
    const account = await acme.get('/v1/accounts/4');
    expect(account.body.groups.family).toBe((await acme.get('/v1/accounts/1')).body.groups.family);
  });

  it('pages segment members and lists the direct or the added ones', async () => {
    const definition = { ...segment, includeRelated: { tiers: ['same', 'family', 'related'] } };
    const page = await acme.post('/v1/segments/preview?limit=2&offset=1', definition);
    expect(page.body).toMatchObject({ total: 5, limit: 2, offset: 1 });
    expect(page.body.items.map((m: { id: string }) => m.id)).toEqual(['1', '3']);
    const added = await acme.post('/v1/segments/preview?inclusion=related', definition);
    expect(added.body.items.map((m: { id: string }) => m.id)).toEqual(['1', '3', '4', '5']);
    expect(added.body.counts.total).toBe(5);
  });

  it('saves the segment and evaluates it on demand', async () => {
    const created = await acme.post('/v1/segments', {
      name: 'Software with an open opportunity',
      definition: { ...segment, includeRelated: { tiers: ['same'] } },
    });
    expect(created.status).toBe(201);
    const members = await acme.get(`/v1/segments/${created.body.id}/members`);
    expect(members.body.counts).toEqual({ direct: 1, related: 2, total: 3 });
    const list = await acme.get('/v1/segments');
    expect(list.body.items.map((s: { id: string }) => s.id)).toEqual([created.body.id]);
  });
});
