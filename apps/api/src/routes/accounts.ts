import express, { Router } from 'express';
import {
  AccountListQuerySchema,
  IdParamsSchema,
  IngestQuerySchema,
  RelatedQuerySchema,
} from '@kindred/contract';
import { orgOf } from '../http/auth.js';
import { HttpProblem } from '../http/problem.js';
import { endpoint } from '../http/validate.js';
import { bodyFormatOf } from '../services/ingest-body.js';
import type { Services } from '../services/index.js';

export interface AccountRoutesOptions {
  /** Largest ingest body, e.g. `100mb`. */
  ingestLimit: string;
}

export function accountRoutes(services: Services, options: AccountRoutesOptions): Router {
  const router = Router();
  const ingestBody = [
    express.json({ limit: options.ingestLimit, type: ['application/json'] }),
    express.text({ limit: options.ingestLimit, type: ['text/csv', 'application/csv', 'application/x-ndjson', 'application/ndjson', 'application/jsonl'] }),
  ];

  router.post('/', ...ingestBody, ...endpoint({ query: IngestQuerySchema }, async ({ query }, req, res) => {
    const format = bodyFormatOf(req.get('content-type'));
    if (!format) {
      throw new HttpProblem(
        415,
        'unsupported-media-type',
        `send accounts as application/json (an array), application/x-ndjson or text/csv, not ${req.get('content-type') ?? 'a body without Content-Type'}`,
      );
    }
    const result = await services.accounts.ingest(orgOf(res).id, format, req.body, query);
    res.status(result.accepted > 0 || result.rejected.length === 0 ? 200 : 422).json(result);
  }));

  router.get('/', ...endpoint({ query: AccountListQuerySchema }, async ({ query }, _req, res) => {
    res.json(await services.accounts.list(orgOf(res).id, query));
  }));

  router.get('/:id', ...endpoint({ params: IdParamsSchema }, async ({ params }, _req, res) => {
    res.json(await services.accounts.get(orgOf(res).id, params.id));
  }));

  router.delete('/:id', ...endpoint({ params: IdParamsSchema }, async ({ params }, _req, res) => {
    await services.accounts.delete(orgOf(res).id, params.id);
    res.status(204).end();
  }));

  router.get('/:id/related', ...endpoint({ params: IdParamsSchema, query: RelatedQuerySchema }, async ({ params, query }, req, res) => {
    // The body and headers `res.json` would send, the body serialised and tagged once per cached
    // page: with an ETag set, `send` neither converts nor hashes the body again.
    const body = await services.accounts.relatedBody(orgOf(res).id, params.id, query);
    const etagOf = req.app.get('etag fn') as ((body: Buffer) => string) | undefined;
    if (etagOf) res.set('ETag', (body.etag ??= etagOf(body.json)));
    res.set('Content-Type', 'application/json; charset=utf-8').send(body.json);
  }));

  return router;
}
