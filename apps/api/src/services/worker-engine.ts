import { Worker } from 'node:worker_threads';
import type { Account, GroupIds } from '@kindred/contract';
import type { Engine, EngineOptions, EngineProgress, EngineResult } from './engine.js';

/** What a worker receives: the accounts and the options (without the progress callback). */
export interface WorkerJob {
  accounts: Account[];
  options: Omit<EngineOptions, 'onProgress' | 'previous'> & { previous?: { id: string; groups: GroupIds }[] };
}

export type WorkerMessage =
  | { type: 'progress'; progress: EngineProgress }
  | { type: 'result'; result: EngineResult }
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
      const job: WorkerJob = { accounts, options: { ...rest, ...(previous ? { previous: [...previous] } : {}) } };
      return new Promise<EngineResult>((resolve, reject) => {
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
    },
  };
}
