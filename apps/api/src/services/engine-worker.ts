/** The engine in a worker thread: one clustering job per worker, progress posted as it goes. */
import { parentPort, workerData } from 'node:worker_threads';
import { clusterAccounts, clusterIncremental } from '@kindred/core';
import { loadKernel } from '@kindred/kernel';
import type { WorkerJob, WorkerMessage } from './worker-engine.js';

const post = (message: WorkerMessage) => parentPort!.postMessage(message);

const job = workerData as WorkerJob;
try {
  const kernel = await loadKernel();
  const onProgress = (progress: { stage: string; percent: number }) => post({ type: 'progress', progress });
  const result =
    job.kind === 'full'
      ? clusterAccounts(kernel, job.accounts, { ...job.options, onProgress })
      : clusterIncremental(kernel, job.accounts, { ...job.job, onProgress });
  post({ type: 'result', result });
} catch (err) {
  post({ type: 'error', message: err instanceof Error ? err.message : String(err), stack: err instanceof Error ? err.stack : undefined });
}
