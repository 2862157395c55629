import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { openStore } from '@kindred/store';
import { createApp } from './app.js';
import type { ServiceConfig } from './config.js';
import { ensureDemo, type DemoState } from './demo.js';
import type { Logger } from './http/errors.js';
import { createEngine, createServices, RunScheduler, type Services } from './services/index.js';

const DEFAULT_VIEWER_DIR = fileURLToPath(new URL('../../viewer/dist', import.meta.url));

export interface RunningService {
  url: string;
  port: number;
  services: Services;
  scheduler: RunScheduler;
  server: Server;
  demo?: DemoState;
  /** Stops taking requests and runs, lets active ones finish (or fails the runs after the grace
   * period, leaving the previous results current), then closes the store. */
  close(): Promise<void>;
}

/** Opens the store, loads the engine, builds the app and listens. */
export async function startService(config: ServiceConfig, options: { logger?: Logger } = {}): Promise<RunningService> {
  const logger = options.logger ?? console;
  const store = await openStore(config.db, config.pgSchema ? { pgSchema: config.pgSchema } : {});
  const engine = createEngine();
  const services = createServices(store, engine, { logger });
  const scheduler = new RunScheduler(store, services.runs, { pattern: config.schedule, logger, timezone: config.timezone });
  let server: Server | undefined;
  try {
    await engine.ready();
    await services.runs.resumeQueued();
    const demo = config.demo ? await ensureDemo(services, { keyFile: config.demoKeyFile }) : undefined;
    const app = createApp({
      services,
      corsOrigins: config.corsOrigins,
      ingestLimit: config.ingestLimit,
      jsonLimit: config.jsonLimit,
      viewerDir: config.viewerDir ?? DEFAULT_VIEWER_DIR,
    });
    const http = createServer(app);
    server = http;
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(config.port, config.host, () => {
        http.off('error', reject);
        resolve();
      });
    });
    scheduler.start();
    const { port } = server.address() as AddressInfo;
    const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
    const listening = server;
    let closing: Promise<void> | undefined;
    return {
      url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
      port,
      services,
      scheduler,
      server: listening,
      ...(demo ? { demo } : {}),
      close: () => (closing ??= shutdown(listening, services, scheduler, config.shutdownGraceMs)),
    };
  } catch (err) {
    scheduler.stop();
    server?.close();
    await services.runs.shutdown(0);
    await store.close();
    throw err;
  }
}

async function shutdown(server: Server, services: Services, scheduler: RunScheduler, graceMs: number): Promise<void> {
  scheduler.stop();
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const timer = setTimeout(() => server.closeAllConnections(), Math.min(graceMs, 10_000));
  await Promise.all([closed, services.runs.shutdown(graceMs)]);
  clearTimeout(timer);
  await services.store.close();
}
