import { Router } from 'express';
import { IdParamsSchema, OverrideCreateSchema } from '@kindred/contract';
import { orgOf } from '../http/auth.js';
import { endpoint } from '../http/validate.js';
import type { Services } from '../services/index.js';

export function overrideRoutes(services: Services): Router {
  const router = Router();
  router.post('/', ...endpoint({ body: OverrideCreateSchema }, async ({ body }, _req, res) => {
    res.status(201).json(await services.overrides.put(orgOf(res).id, body));
  }));
  router.get('/', ...endpoint({}, async (_input, _req, res) => {
    res.json({ items: await services.overrides.list(orgOf(res).id) });
  }));
  router.delete('/:id', ...endpoint({ params: IdParamsSchema }, async ({ params }, _req, res) => {
    await services.overrides.delete(orgOf(res).id, params.id);
    res.status(204).end();
  }));
  return router;
}
