import type { ClusterRequest, ClusterResponse, IngestRejectionView } from '@kindred/contract';
import { ingestRecords } from '@kindred/core';
import { HttpProblem } from '../http/problem.js';
import type { Engine } from './engine.js';

/** Up to this many accounts are clustered in the request's thread (fast to start); more go to
 * a worker thread so that a large request does not hold up every other one. */
export const IN_THREAD_ACCOUNTS = 5_000;

/** Stateless clustering: accounts (and optional config, overrides, previous assignment) in,
 * related lists out; nothing is stored. */
export class ClusterService {
  constructor(
    private readonly engine: Engine,
    private readonly workerEngine: Engine,
  ) {}

  async cluster(request: ClusterRequest): Promise<ClusterResponse> {
    const { accepted, rejected } = ingestRecords(request.accounts, { preset: request.preset, map: request.map });
    if (accepted.length === 0) {
      const first = rejected[0];
      throw new HttpProblem(422, 'no-valid-accounts', `no account could be read${first ? `; first: ${first.message}` : ''}`, {
        errors: rejected.map((r) => ({ path: `body.accounts.${r.index}.${r.field}`, message: r.message })),
      });
    }
    const engine = accepted.length <= IN_THREAD_ACCOUNTS ? this.engine : this.workerEngine;
    const result = await engine.cluster(accepted, {
      ...(request.config ? { config: request.config } : {}),
      ...(request.overrides ? { overrides: request.overrides } : {}),
      ...(request.previous ? { previous: request.previous } : {}),
    });
    return {
      accounts: result.accounts,
      metrics: result.metrics,
      warnings: result.warnings,
      changes: result.changes,
      rejected: rejected as IngestRejectionView[],
    };
  }
}
