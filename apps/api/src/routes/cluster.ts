import express, { Router } from 'express';
import { ClusterRequestSchema } from '@kindred/contract';
import { endpoint } from '../http/validate.js';
import type { Services } from '../services/index.js';

export function clusterRoutes(services: Services, options: { limit: string }): Router {
  const router = Router();
  router.post('/', express.json({ limit: options.limit }), ...endpoint({ body: ClusterRequestSchema }, async ({ body }, _req, res) => {
    res.json(await services.cluster.cluster(body));
  }));
  return router;
}
