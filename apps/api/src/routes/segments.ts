import { Router } from 'express';
import {
  IdParamsSchema,
  SegmentCreateSchema,
  SegmentDefinitionSchema,
  SegmentReachQuerySchema,
  SegmentUpdateSchema,
} from '@kindred/contract';
import { orgOf } from '../http/auth.js';
import { endpoint } from '../http/validate.js';
import type { Services } from '../services/index.js';

export function segmentRoutes(services: Services): Router {
  const router = Router();
  const { segments } = services;

  router.post('/preview', ...endpoint({ body: SegmentDefinitionSchema, query: SegmentReachQuerySchema }, async ({ body, query }, _req, res) => {
    res.json(await segments.preview(orgOf(res).id, body, query));
  }));

  router.get('/', ...endpoint({}, async (_input, _req, res) => {
    res.json({ items: await segments.list(orgOf(res).id) });
  }));

  router.post('/', ...endpoint({ body: SegmentCreateSchema }, async ({ body }, _req, res) => {
    const segment = await segments.create(orgOf(res).id, body);
    res.status(201).location(`/v1/segments/${segment.id}`).json(segment);
  }));

  router.get('/:id', ...endpoint({ params: IdParamsSchema }, async ({ params }, _req, res) => {
    res.json(await segments.get(orgOf(res).id, params.id));
  }));

  router.patch('/:id', ...endpoint({ params: IdParamsSchema, body: SegmentUpdateSchema }, async ({ params, body }, _req, res) => {
    res.json(await segments.update(orgOf(res).id, params.id, body));
  }));

  router.put('/:id', ...endpoint({ params: IdParamsSchema, body: SegmentCreateSchema }, async ({ params, body }, _req, res) => {
    res.json(await segments.update(orgOf(res).id, params.id, body));
  }));

  router.delete('/:id', ...endpoint({ params: IdParamsSchema }, async ({ params }, _req, res) => {
    await segments.delete(orgOf(res).id, params.id);
    res.status(204).end();
  }));

  router.get('/:id/members', ...endpoint({ params: IdParamsSchema, query: SegmentReachQuerySchema }, async ({ params, query }, _req, res) => {
    res.json(await segments.reach(orgOf(res).id, params.id, query));
  }));

  return router;
}
