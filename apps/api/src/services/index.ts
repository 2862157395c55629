import type { Store } from '@kindred/store';
import type { Logger } from '../http/errors.js';
import { AccountService } from './accounts.js';
import { ClusterService } from './cluster.js';
import type { Engine } from './engine.js';
import { OverrideService } from './overrides.js';
import { RunService, type RunServiceOptions } from './runs.js';
import { SegmentService } from './segments.js';
import { createWorkerEngine } from './worker-engine.js';

/** What the routes use: the store, the engine and the services built on them. */
export interface Services {
  store: Store;
  engine: Engine;
  accounts: AccountService;
  runs: RunService;
  segments: SegmentService;
  overrides: OverrideService;
  cluster: ClusterService;
  logger: Logger;
}

export function createServices(
  store: Store,
  engine: Engine,
  options: { logger: Logger; runs?: Omit<RunServiceOptions, 'logger'>; runEngine?: Engine },
): Services {
  const runEngine = options.runEngine ?? createWorkerEngine(engine);
  return {
    store,
    engine,
    logger: options.logger,
    accounts: new AccountService(store),
    // Runs cluster in worker threads unless told otherwise; stateless requests in this thread.
    runs: new RunService(store, runEngine, { ...options.runs, logger: options.logger }),
    segments: new SegmentService(store),
    overrides: new OverrideService(store),
    cluster: new ClusterService(engine, runEngine),
  };
}

export { createEngine, type Engine } from './engine.js';
export { createWorkerEngine } from './worker-engine.js';
export { RunScheduler, DEFAULT_SCHEDULE } from './scheduler.js';
