import type { Store } from '@kindred/store';
import type { Logger } from '../http/errors.js';
import { AccountService } from './accounts.js';
import { ClusterService } from './cluster.js';
import type { Engine } from './engine.js';
import { OverrideService } from './overrides.js';
import { RunService, type RunServiceOptions } from './runs.js';
import { SegmentService } from './segments.js';

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
  options: { logger: Logger; runs?: Omit<RunServiceOptions, 'logger'> },
): Services {
  return {
    store,
    engine,
    logger: options.logger,
    accounts: new AccountService(store),
    runs: new RunService(store, engine, { ...options.runs, logger: options.logger }),
    segments: new SegmentService(store),
    overrides: new OverrideService(store),
    cluster: new ClusterService(engine),
  };
}

export { createEngine, type Engine } from './engine.js';
export { RunScheduler, DEFAULT_SCHEDULE } from './scheduler.js';
