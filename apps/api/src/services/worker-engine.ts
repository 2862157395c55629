import { Worker } from 'node:worker_threads';
import type { Account, GroupIds } from '@kindred/contract';
import type { IncrementalResult } from '@kindred/core';
import type { Engine, EngineOptions, EngineProgress, EngineResult, IncrementalJob } from './engine.js';

/** What a worker receives: the accounts and the options (without the progress callback), for a
 * full clustering or an incremental one. */
export type WorkerJob =
  | { kind: 'full'; accounts: Account[]; options: Omit<EngineOptions, 'onProgress' | 'previous'> & { previous?: { id: string; groups: GroupIds }[] } }
  | { kind: 'incremental'; accounts: Account[]; job: IncrementalJob };

export type WorkerMessage =
  | { type: 'progress'; progress: EngineProgress }
  | { type: 'result'; result: EngineResult | IncrementalResult }
  | { type: 'error'; message: string; stack?: string };

const WORKER_URL = new URL('./engine-worker.mjs', import.meta.url);

/**
 * Runs clustering jobs in worker threads, one fresh worker per job: a run's CPU work stays off
 * the event loop that serves requests, its progress arrives while it works, its memory is
 * returned when it ends, and a job can be stopped (`signal`) by terminating its worker.
 */
export function createWorkerEngine(inProcess: Engine): Engine {
  return {
    ready: inProcess.ready,
    cluster(accounts: Account[], options: EngineOptions = {}, signal?: AbortSignal): Promise<EngineResult> {
      const { onProgress, previous, ...rest } = options;
      const job: WorkerJob = { kind: 'full', accounts, options: { ...rest, ...(previous ? { previous: [...previous] } : {}) } };
      return runInWorker(job, onProgress, signal) as Promise<EngineResult>;
    },
    clusterIncremental(accounts, job, onProgress, signal): Promise<IncrementalResult> {
      const message: WorkerJob = { kind: 'incremental', accounts, job: { ...job, previous: [...job.previous] } };
      return runInWorker(message, onProgress, signal) as Promise<IncrementalResult>;
    },
  };
}

/** Runs one job in a fresh worker thread. */
function runInWorker(
  job: WorkerJob,
  onProgress: ((p: EngineProgress) => void) | undefined,
  signal: AbortSignal | undefined,
): Promise<EngineResult | IncrementalResult> {
  return new Promise<EngineResult | IncrementalResult>((resolve, reject) => {
    if (signal?.aborted) {
      reject(new Error(String(signal.reason ?? 'cancelled')));
      return;
    }
    const worker = new Worker(WORKER_URL, { workerData: job });
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      fn();
      void worker.terminate();
    };
    const onAbort = () => finish(() => reject(new Error(String(signal?.reason ?? 'cancelled'))));
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'progress') onProgress?.(message.progress);
      else if (message.type === 'result') finish(() => resolve(message.result));
      else {
        const error = new Error(message.message);
        if (message.stack) error.stack = message.stack;
        finish(() => reject(error));
      }
    });
    worker.on('error', (err) => finish(() => reject(err)));
    worker.on('exit', (code) => finish(() => reject(new Error(`the clustering worker stopped (exit code ${code}) before it answered`))));
  });
}
