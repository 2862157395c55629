import express, { type Express } from 'express';
import helmet from 'helmet';
import cors from 'cors';
import { requireApiKey, orgOf } from './http/auth.js';
import { errorHandler, routeNotFound } from './http/errors.js';
import { accountRoutes } from './routes/accounts.js';
import { clusterRoutes } from './routes/cluster.js';
import { overrideRoutes } from './routes/overrides.js';
import { runRoutes } from './routes/runs.js';
import { segmentRoutes } from './routes/segments.js';
import { buildOpenApiDocument } from './openapi.js';
import { viewerRoutes } from './viewer.js';
import type { Services } from './services/index.js';

export interface AppOptions {
  /** Origins allowed by CORS: `*`, or a list; none by default (the viewer is served same-origin). */
  corsOrigins?: string[] | '*';
  /** Body limit of JSON requests; default `1mb`. */
  jsonLimit?: string;
  /** Body limit of ingest and stateless clustering requests; default `100mb`. */
  ingestLimit?: string;
  /** The built viewer's folder; served with SPA fallback when it holds an `index.html`. */
  viewerDir?: string;
  version?: string;
}

export interface AppDeps extends AppOptions {
  services: Services;
}

/** Builds the Express app: health, the authenticated `/v1` API, the OpenAPI document, the viewer. */
export function createApp(deps: AppDeps): Express {
  const { services } = deps;
  const jsonLimit = deps.jsonLimit ?? '1mb';
  const ingestLimit = deps.ingestLimit ?? '100mb';
  const openapi = buildOpenApiDocument(deps.version ?? '0.1.0');

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(
    helmet({
      contentSecurityPolicy: {
        // The viewer runs the kernel's WebAssembly and a Web Worker from its own origin.
        directives: { 'script-src': ["'self'", "'wasm-unsafe-eval'"], 'worker-src': ["'self'", 'blob:'] },
      },
    }),
  );
  if (deps.corsOrigins && deps.corsOrigins.length > 0) {
    app.use(cors({ origin: deps.corsOrigins === '*' ? '*' : deps.corsOrigins, exposedHeaders: ['Location'] }));
  }

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const checks: Record<string, { ok: boolean; detail?: string }> = {};
    try {
      checks.store = { ok: true, detail: `${services.store.dialect} schema ${await services.store.schemaVersion()}` };
    } catch (err) {
      checks.store = { ok: false, detail: (err as Error).message };
    }
    try {
      const kernel = await services.engine.ready();
      checks.kernel = { ok: true, detail: kernel.simd ? 'wasm simd' : 'wasm' };
    } catch (err) {
      checks.kernel = { ok: false, detail: (err as Error).message };
    }
    const ready = Object.values(checks).every((c) => c.ok);
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not-ready', checks });
  });

  const v1 = express.Router();
  v1.get('/openapi.json', (_req, res) => {
    res.json(openapi);
  });
  v1.use(requireApiKey(services.store));
  v1.get('/me', (_req, res) => {
    const { id, name } = orgOf(res);
    res.json({ id, name });
  });
  v1.use('/accounts', accountRoutes(services, { ingestLimit }));
  v1.use('/cluster', clusterRoutes(services, { limit: ingestLimit }));
  v1.use(express.json({ limit: jsonLimit }));
  v1.use('/runs', runRoutes(services));
  v1.use('/overrides', overrideRoutes(services));
  v1.use('/segments', segmentRoutes(services));
  v1.use(routeNotFound);
  app.use('/v1', v1);

  const viewer = deps.viewerDir ? viewerRoutes(deps.viewerDir) : undefined;
  if (viewer) app.use(viewer);
  app.use(routeNotFound);
  app.use(errorHandler(services.logger));
  return app;
}
