/** Errors the store throws on purpose; anything else is a bug or an unavailable database. */
export class StoreError extends Error {
  constructor(
    readonly code: 'invalid-input' | 'not-found' | 'run-active' | 'run-state' | 'migration' | 'conflict',
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** A record or argument the store cannot keep; names the record and the field. */
export class InvalidInputError extends StoreError {
  constructor(
    message: string,
    readonly details: { index?: number; id?: string; field?: string } = {},
  ) {
    super('invalid-input', message);
  }
}

export class NotFoundError extends StoreError {
  constructor(
    readonly entity: 'organisation' | 'account' | 'run' | 'segment' | 'override',
    readonly id: string,
  ) {
    super('not-found', `${entity} ${JSON.stringify(id)} not found`);
  }
}

/** The organisation already has a queued or running run. */
export class RunActiveError extends StoreError {
  constructor(
    readonly orgId: string,
    readonly activeRunId: string,
  ) {
    super('run-active', `a run is already active for this organisation: ${activeRunId}`);
  }
}

/** The run is not in a state that allows the operation (e.g. writing results of a failed run). */
export class RunStateError extends StoreError {
  constructor(
    readonly runId: string,
    readonly status: string,
    action: string,
  ) {
    super('run-state', `run ${runId} is ${status}: cannot ${action}`);
  }
}

export class MigrationError extends StoreError {
  constructor(message: string) {
    super('migration', message);
  }
}

/** The data changed under a long read (e.g. the results being iterated were replaced). */
export class ConflictError extends StoreError {
  constructor(message: string) {
    super('conflict', message);
  }
}
