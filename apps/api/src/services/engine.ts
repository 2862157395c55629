import type { Account, ClusterConfigInput, GroupIds, Override } from '@kindred/contract';
import { clusterAccounts, clusterIncremental, type IncrementalOptions, type IncrementalResult } from '@kindred/core';
import { loadKernel, type Kernel } from '@kindred/kernel';

export interface EngineProgress {
  stage: string;
  percent: number;
}

export interface EngineOptions {
  config?: ClusterConfigInput;
  previous?: Iterable<{ id: string; groups: GroupIds }>;
  overrides?: Override[];
  onProgress?: (progress: EngineProgress) => void;
}

export type EngineResult = Awaited<ReturnType<typeof clusterAccounts>>;

/** An incremental run's input (see `clusterIncremental`), with the progress callback apart. */
export type IncrementalJob = Omit<IncrementalOptions, 'onProgress' | 'previous'> & { previous: IncrementalOptions['previous'] };

/** The clustering engine with its kernel, loaded once on first use. */
export interface Engine {
  /** Loads the kernel; resolves when clustering can start. */
  ready(): Promise<Kernel>;
  /** Clusters the accounts; `signal` stops the work where the engine can be stopped. */
  cluster(accounts: Account[], options?: EngineOptions, signal?: AbortSignal): Promise<EngineResult>;
  /** Reclusters the components the changes since the previous results touch (or all, saying why). */
  clusterIncremental(
    accounts: Account[],
    job: IncrementalJob,
    onProgress?: (progress: EngineProgress) => void,
    signal?: AbortSignal,
  ): Promise<IncrementalResult>;
}

export function createEngine(): Engine {
  let kernel: Promise<Kernel> | undefined;
  const ready = () => {
    kernel ??= loadKernel().catch((err: unknown) => {
      kernel = undefined;
      throw err;
    });
    return kernel;
  };
  return {
    ready,
    async cluster(accounts, options = {}, signal) {
      const kernel = await ready();
      signal?.throwIfAborted();
      return clusterAccounts(kernel, accounts, options);
    },
    async clusterIncremental(accounts, job, onProgress, signal) {
      const kernel = await ready();
      signal?.throwIfAborted();
      return clusterIncremental(kernel, accounts, { ...job, onProgress });
    },
  };
}
