import { Router } from 'express';
import { IdParamsSchema, RunCreateSchema, RunListQuerySchema } from '@kindred/contract';
import { orgOf } from '../http/auth.js';
import { notFound } from '../http/problem.js';
import { endpoint } from '../http/validate.js';
import type { Services } from '../services/index.js';

export function runRoutes(services: Services): Router {
  const router = Router();
  const { runs, store } = services;

  router.post('/', ...endpoint({ body: RunCreateSchema }, async ({ body }, _req, res) => {
    const orgId = orgOf(res).id;
    const run = await runs.request(orgId, { mode: body.mode, config: body.config ?? null, trigger: 'api' });
    res.status(202).location(`/v1/runs/${run.id}`).json(await runs.view(orgId, run));
  }));

  router.get('/', ...endpoint({ query: RunListQuerySchema }, async ({ query }, _req, res) => {
    const orgId = orgOf(res).id;
    const page = await store.listRuns(orgId, {
      limit: query.limit,
      offset: query.offset,
      ...(query.cursor ? { cursor: query.cursor } : {}),
      ...(query.status ? { status: query.status } : {}),
    });
    res.json({ ...page, items: await Promise.all(page.items.map((run) => runs.view(orgId, run))) });
  }));

  router.get('/:id', ...endpoint({ params: IdParamsSchema }, async ({ params }, _req, res) => {
    const orgId = orgOf(res).id;
    res.json(await runs.view(orgId, await runs.get(orgId, params.id)));
  }));

  router.get('/:id/changes', ...endpoint({ params: IdParamsSchema }, async ({ params }, _req, res) => {
    const orgId = orgOf(res).id;
    await runs.get(orgId, params.id);
    const changes = await store.getRunChanges(orgId, params.id);
    if (!changes) throw notFound('change log of run', params.id);
    res.json({ runId: params.id, ...changes });
  }));

  return router;
}
