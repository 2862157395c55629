import type { Account, ClusterConfigInput, GroupIds, Override } from '@kindred/contract';
import { clusterAccounts } from '@kindred/core';
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

/** The clustering engine with its kernel, loaded once on first use. */
export interface Engine {
  /** Loads the kernel; resolves when clustering can start. */
  ready(): Promise<Kernel>;
  /** Clusters the accounts; `signal` stops the work where the engine can be stopped. */
  cluster(accounts: Account[], options?: EngineOptions, signal?: AbortSignal): Promise<EngineResult>;
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
  };
}
