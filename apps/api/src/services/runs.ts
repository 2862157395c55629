import type { Account, AccountResult, ClusterConfig, RunMetrics, RunView } from '@kindred/contract';
import type { ReclusteredCounts } from '@kindred/core';
import { RunStateError, type Run, type RunMode, type RunTrigger, type StoredResult, type Store } from '@kindred/store';
import { notFound } from '../http/problem.js';
import type { Logger } from '../http/errors.js';
import type { Engine, EngineProgress, EngineResult } from './engine.js';
import { incrementalMessage, planIncremental, resultBasis, type IncrementalPlan } from './incremental.js';

export interface RunRequest {
  mode: RunMode;
  config?: ClusterConfig | null;
  trigger: RunTrigger;
}

export interface RunServiceOptions {
  logger: Logger;
  /** Least time between two progress writes of a run; default 250 ms. */
  progressIntervalMs?: number;
  /** Account results written per batch; default 5 000. */
  writeBatch?: number;
}

interface Execution {
  orgId: string;
  runId: string;
  done: Promise<void>;
  /** Stops the run's clustering (shutdown). */
  abort: AbortController;
}

function elapsedMs(run: Run): number | null {
  if (!run.startedAt) return null;
  const end = run.finishedAt ? Date.parse(run.finishedAt) : Date.now();
  return Math.max(0, end - Date.parse(run.startedAt));
}

function withComponents(results: AccountResult[], components: readonly string[]): StoredResult[] {
  return results.map((r, i) => ({ ...r, component: components[i] }));
}

function countsOf(c: ReclusteredCounts): NonNullable<RunMetrics['reclustered']> {
  return { accounts: c.accounts, components: c.components, totalAccounts: c.totalAccounts, totalComponents: c.totalComponents };
}

function warningSummary(result: Pick<EngineResult, 'warnings'>): string | null {
  const count = result.warnings.length;
  if (count === 0) return null;
  const kinds = new Map<string, number>();
  for (const w of result.warnings) kinds.set(w.kind, (kinds.get(w.kind) ?? 0) + 1);
  const parts = [...kinds].map(([kind, n]) => `${n} ${kind}`).join(', ');
  return `${count} warning${count === 1 ? '' : 's'}: ${parts}; first: ${result.warnings[0].message}`;
}

/**
 * Executes clustering runs in this process, off the request path: a request creates the run
 * (queued, one active run per organisation, enforced by the store) and answers at once; the run
 * then goes running (with progress) and ends succeeded, failed or skipped.
 */
export class RunService {
  private readonly executions = new Map<string, Execution>();
  /** Runs failed by shutdown while executing: they stop at their next step and write nothing. */
  private readonly cancelled = new Set<string>();
  private stopping = false;
  private readonly progressIntervalMs: number;
  private readonly writeBatch: number;

  constructor(
    private readonly store: Store,
    private readonly engine: Engine,
    private readonly options: RunServiceOptions,
  ) {
    this.progressIntervalMs = options.progressIntervalMs ?? 250;
    this.writeBatch = options.writeBatch ?? 5_000;
  }

  /** Creates a queued run and starts executing it; throws RunActiveError if one is active. */
  async request(orgId: string, request: RunRequest): Promise<Run> {
    if (this.stopping) throw new Error('the service is shutting down');
    const run = await this.store.createRun(orgId, { mode: request.mode, config: request.config ?? null, trigger: request.trigger });
    this.start(orgId, run.id);
    return run;
  }

  /** Executes queued runs left by an earlier process (after the store failed its stale runs).
   * Call it at startup, before this process queues runs of its own. */
  async resumeQueued(): Promise<number> {
    let resumed = 0;
    for (let run = await this.store.claimNextRun(); run; run = await this.store.claimNextRun()) {
      if (this.executions.has(run.id)) continue;
      this.start(run.orgId, run.id, run);
      resumed += 1;
    }
    return resumed;
  }

  /** Resolves when the organisation's run in this process (if any) has finished. */
  async settled(orgId?: string): Promise<void> {
    const pending = [...this.executions.values()].filter((e) => orgId === undefined || e.orgId === orgId);
    await Promise.all(pending.map((e) => e.done));
  }

  get activeCount(): number {
    return this.executions.size;
  }

  /** Stops taking runs; waits up to `graceMs` for active runs to finish, then fails the ones still
   * active (their previous results stay current: nothing is switched without a commit). */
  async shutdown(graceMs: number): Promise<void> {
    this.stopping = true;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), graceMs);
    });
    const outcome = await Promise.race([this.settled().then(() => 'settled' as const), timeout]);
    clearTimeout(timer);
    if (outcome === 'settled') return;
    const active = [...this.executions.values()];
    for (const e of active) {
      this.cancelled.add(e.runId);
      e.abort.abort('the service stopped before the run finished; the previous results stay current');
    }
    await Promise.all(
      active.map((e) => this.fail(e.orgId, e.runId, 'the service stopped before the run finished; the previous results stay current')),
    );
    // A cancelled run stops at once in a worker, else at its next step.
    await this.settled();
  }

  async view(orgId: string, run: Run): Promise<RunView> {
    const last = run.status === 'succeeded' ? run : await this.store.lastSuccessfulRun(orgId);
    return {
      id: run.id,
      mode: run.mode,
      trigger: run.trigger,
      status: run.status,
      progress: run.progress,
      message: run.message,
      metrics: run.metrics,
      config: run.config,
      createdAt: run.createdAt,
      startedAt: run.startedAt,
      finishedAt: run.finishedAt,
      elapsedMs: elapsedMs(run),
      lastSuccessfulRun: last ? { id: last.id, finishedAt: last.finishedAt } : null,
    };
  }

  async get(orgId: string, runId: string): Promise<Run> {
    const run = await this.store.getRun(orgId, runId);
    if (!run) throw notFound('run', runId);
    return run;
  }

  private start(orgId: string, runId: string, claimed?: Run): void {
    if (this.executions.has(runId)) return;
    const execution: Execution = { orgId, runId, done: Promise.resolve(), abort: new AbortController() };
    execution.done = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.execute(orgId, runId, execution.abort.signal, claimed))
      .catch((err) => this.options.logger.error(`run ${runId} could not be recorded as failed:`, err))
      .finally(() => {
        this.executions.delete(runId);
        this.cancelled.delete(runId);
      });
    this.executions.set(runId, execution);
  }

  private async execute(orgId: string, runId: string, signal: AbortSignal, alreadyClaimed?: Run): Promise<void> {
    const run = alreadyClaimed ?? (await this.store.claimRun(orgId, runId));
    if (!run) return;
    try {
      if (this.stopping) throw new Error('the service stopped before the run started');
      await this.perform(run, signal);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.options.logger.warn(`run ${runId} failed: ${message}`);
      await this.fail(orgId, runId, message);
    }
  }

  private async fail(orgId: string, runId: string, message: string): Promise<void> {
    const current = await this.store.getRun(orgId, runId);
    if (!current || (current.status !== 'running' && current.status !== 'queued')) return;
    if (current.status === 'queued') {
      const claimed = await this.store.claimRun(orgId, runId);
      if (!claimed) return;
    }
    try {
      await this.store.updateRun(orgId, runId, { status: 'failed', message });
    } catch (err) {
      // Finished meanwhile (e.g. failed by shutdown while the run was failing on its own).
      if (!(err instanceof RunStateError)) throw err;
    }
  }

  private progressReporter(run: Run): (p: EngineProgress) => void {
    let lastAt = 0;
    let lastStage = '';
    return ({ stage, percent }) => {
      const now = Date.now();
      if (stage === lastStage && now - lastAt < this.progressIntervalMs && percent < 100) return;
      lastAt = now;
      lastStage = stage;
      const progress = { stage, percent: Math.max(0, Math.min(100, Math.round(percent * 10) / 10)) };
      this.store.updateRun(run.orgId, run.id, { progress }).catch((err) => {
        // A progress write that arrives after the run finished has nothing left to say.
        if (err instanceof RunStateError) return;
        this.options.logger.warn(`run ${run.id}: progress not recorded: ${(err as Error).message}`);
      });
    };
  }

  private checkCancelled(run: Run): void {
    if (this.cancelled.has(run.id)) throw new Error('the service stopped before the run finished; the previous results stay current');
  }

  private async perform(run: Run, signal: AbortSignal): Promise<void> {
    const { orgId } = run;
    const report = this.progressReporter(run);
    const stageMs: Record<string, number> = {};
    let t0 = performance.now();
    report({ stage: 'load', percent: 0 });

    const overrides = (await this.store.listOverrides(orgId)).map(({ a, b, kind }) => ({ a, b, kind }));
    const basis = resultBasis(overrides);
    const config = run.config ?? undefined;
    const { accounts, seq, settled } = await this.readAccounts(run);

    let plan: IncrementalPlan | undefined;
    if (run.mode === 'incremental') {
      plan = settled
        ? await planIncremental(this.store, run, seq, basis)
        : { kind: 'full', message: 'accounts kept changing while they were read: a full run' };
      if (plan.kind === 'skip') {
        await this.store.updateRun(orgId, run.id, { status: 'skipped', message: plan.message, progress: { stage: 'done', percent: 100 } });
        return;
      }
    }
    const previous = await this.store.currentAssignment(orgId);
    stageMs.load = performance.now() - t0;

    let results: StoredResult[];
    let replaced: Set<string> | undefined;
    let outcome: Pick<EngineResult, 'metrics' | 'changes' | 'warnings'>;
    let head: string | undefined;
    if (plan?.kind === 'incremental') {
      // Only the components the changes touch are reclustered; the other results are carried over.
      const result = await this.engine.clusterIncremental(accounts, { config, earlier: plan.earlier, previous, overrides, previousOverrides: overrides }, report, signal);
      results = withComponents(result.accounts, result.components);
      if (result.mode === 'incremental') replaced = result.replaced;
      outcome = { ...result, metrics: { ...result.metrics, reclustered: countsOf(result.reclustered) } };
      head = incrementalMessage(plan, result);
    } else {
      const result = await this.engine.cluster(accounts, { config, previous, overrides, onProgress: report }, signal);
      results = withComponents(result.accounts, result.components);
      const components = new Set(result.components).size;
      outcome = { ...result, metrics: { ...result.metrics, reclustered: { accounts: accounts.length, components, totalAccounts: result.accounts.length, totalComponents: components } } };
      head = plan?.message;
    }
    this.checkCancelled(run);
    t0 = performance.now();
    const writer = await this.store.beginResults(orgId, run.id);
    try {
      await this.writeResults(run, writer, results, report);
      if (replaced) await writer.copyCurrent({ exclude: replaced });
      const metrics = { ...outcome.metrics, basis, stageMs: { ...stageMs, ...outcome.metrics.stageMs, write: performance.now() - t0 } };
      const message = [head, warningSummary(outcome)].filter(Boolean).join('; ') || null;
      await writer.commit({ metrics, changes: outcome.changes, message });
    } catch (err) {
      await writer.abort(err instanceof Error ? err.message : String(err)).catch(() => undefined);
      throw err;
    }
  }

  /**
   * Every account as of one change sequence: read again (up to three times) while changes arrive
   * during the read, and the run's sequence set to the one read, so that the next incremental run
   * starts from exactly the accounts these results were computed from. When changes keep
   * arriving, the run's sequence is set to 0: the next incremental run then finds the change log
   * short and runs in full.
   */
  private async readAccounts(run: Run): Promise<{ accounts: Account[]; seq: number; settled: boolean }> {
    for (let attempt = 0; ; attempt++) {
      const seq = await this.store.accountSeq(run.orgId);
      const accounts: Account[] = [];
      for await (const chunk of this.store.iterateAccounts(run.orgId)) for (const a of chunk) accounts.push(a);
      const after = await this.store.accountSeq(run.orgId);
      if (after === seq || attempt === 2) {
        const settled = after === seq ? seq : 0;
        if (run.accountSeq !== settled) await this.store.updateRun(run.orgId, run.id, { accountSeq: settled });
        return { accounts, seq: after, settled: after === seq };
      }
    }
  }

  private async writeResults(
    run: Run,
    writer: { writeAccounts(results: StoredResult[]): Promise<void> },
    results: StoredResult[],
    report: (p: EngineProgress) => void,
  ): Promise<void> {
    const total = results.length;
    for (let start = 0; start < total; start += this.writeBatch) {
      this.checkCancelled(run);
      report({ stage: 'write', percent: (100 * start) / Math.max(1, total) });
      await writer.writeAccounts(results.slice(start, start + this.writeBatch));
    }
    report({ stage: 'write', percent: 100 });
  }
}
