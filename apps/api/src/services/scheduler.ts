import { Cron } from 'croner';
import type { Store } from '@kindred/store';
import { RunActiveError } from '@kindred/store';
import type { Logger } from '../http/errors.js';
import type { RunService } from './runs.js';

/** Once a day at 02:00 (server time). */
export const DEFAULT_SCHEDULE = '0 2 * * *';

export interface SchedulerOptions {
  /** A cron pattern (croner syntax, seconds optional), or `off`. */
  pattern: string;
  logger: Logger;
  timezone?: string;
}

/**
 * The daily job: an incremental run for every organisation, and pruning of old runs. A run with no changed accounts since
 * the last results is recorded as skipped; an organisation with an active run is left alone.
 */
export class RunScheduler {
  private job: Cron | undefined;

  constructor(
    private readonly store: Store,
    private readonly runs: RunService,
    private readonly options: SchedulerOptions,
  ) {}

  /** Starts the schedule (no-op for `off`); throws on an invalid pattern. */
  start(): void {
    if (this.options.pattern.trim().toLowerCase() === 'off') return;
    this.job = new Cron(
      this.options.pattern,
      { protect: true, catch: (err) => this.options.logger.error('scheduled runs failed:', err), timezone: this.options.timezone },
      async () => {
        await this.tick();
      },
    );
  }

  /** When the next scheduled run starts, if scheduled. */
  nextRunAt(): Date | null {
    return this.job?.nextRun() ?? null;
  }

  /** Requests the scheduled run of every organisation and prunes the run history (finished runs
   * are kept 90 days at least); returns the ids of the runs created. */
  async tick(): Promise<string[]> {
    const created: string[] = [];
    for (const org of await this.store.listOrganisations()) {
      try {
        const run = await this.runs.request(org.id, { mode: 'incremental', trigger: 'schedule' });
        created.push(run.id);
      } catch (err) {
        if (err instanceof RunActiveError) {
          this.options.logger.info(`scheduled run of ${org.name} not started: run ${err.activeRunId} is active`);
        } else {
          this.options.logger.error(`scheduled run of ${org.name} not started:`, err);
        }
      }
    }
    const pruned = await this.store.pruneRuns();
    if (pruned > 0) this.options.logger.info(`pruned ${pruned} runs older than 90 days`);
    return created;
  }

  stop(): void {
    this.job?.stop();
    this.job = undefined;
  }
}
