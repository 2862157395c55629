import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { ACME_CSV, startTestService, type Client, type TestService } from './helpers.js';

let service: TestService;
let api: Client;
let document: any;

beforeAll(async () => {
  service = await startTestService();
  api = await service.organisation('OpenAPI');
  const response = await fetch(`http://127.0.0.1:${service.port}/v1/openapi.json`);
  expect(response.status).toBe(200);
  document = await response.json();
});
afterAll(async () => {
  await service?.stop();
});

describe('/v1/openapi.json', () => {
  it('is a valid OpenAPI 3.1 document, served without a key', async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(document));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
    // Every reference resolves.
    expect(() => validator.resolveRefs()).not.toThrow();
  });

  it('describes every route of the API', () => {
    const routes = Object.entries(document.paths).flatMap(([path, item]) => Object.keys(item as object).map((m) => `${m.toUpperCase()} ${path}`));
    for (const route of [
      'POST /v1/accounts',
      'GET /v1/accounts',
      'GET /v1/accounts/{id}',
      'DELETE /v1/accounts/{id}',
      'GET /v1/accounts/{id}/related',
      'POST /v1/runs',
      'GET /v1/runs',
      'GET /v1/runs/{id}',
      'GET /v1/runs/{id}/changes',
      'POST /v1/overrides',
      'GET /v1/overrides',
      'DELETE /v1/overrides/{id}',
      'POST /v1/segments/preview',
      'GET /v1/segments',
      'POST /v1/segments',
      'GET /v1/segments/{id}',
      'PATCH /v1/segments/{id}',
      'DELETE /v1/segments/{id}',
      'GET /v1/segments/{id}/members',
      'POST /v1/cluster',
    ]) {
      expect(routes).toContain(route);
    }
    expect(document.components.securitySchemes.apiKey).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('matches what the API answers', async () => {
    const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true, inlineRefs: false });
    ajv.addSchema({ $id: 'https://kindred.invalid/openapi.json', components: document.components });
    const check = (component: string, value: unknown) => {
      const validate = ajv.getSchema(`https://kindred.invalid/openapi.json#/components/schemas/${component}`);
      if (!validate) throw new Error(`no component ${component}`);
      expect(validate(value), `${component}: ${JSON.stringify(validate.errors)}`).toBe(true);
    };

    await api.call('POST', '/v1/accounts', { raw: readFileSync(ACME_CSV, 'utf8') });
    const run = await api.run('full');
    check('Run', run);
    check('AccountView', (await api.get('/v1/accounts/1')).body);
    for (const row of (await api.get('/v1/accounts/1/related')).body.items) check('RelatedRow', row);
    const reach = await api.post('/v1/segments/preview', {
      filter: { field: 'industry', op: 'eq', value: 'Software' },
      includeRelated: { tiers: ['same', 'family'] },
    });
    check('SegmentReach', reach.body);
    check('Problem', (await api.get('/v1/runs/nope')).body);
    const cluster = await api.post('/v1/cluster', { accounts: [{ id: 'a', name: 'Acme' }, { id: 'b', name: 'Acme Inc' }] });
    for (const result of cluster.body.accounts) check('AccountResult', result);
  });
});
