import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import { InvalidInputError, NotFoundError, RunActiveError, RunStateError } from '@kindred/store';
import { ColumnMapError } from '@kindred/core';
import { HttpProblem } from './problem.js';

export type Logger = Pick<Console, 'info' | 'warn' | 'error'>;

interface BodyParserError extends Error {
  type?: string;
  status?: number;
  limit?: number;
}

const ENTITIES: Record<NotFoundError['entity'], string> = {
  organisation: 'organisation',
  account: 'account',
  run: 'run',
  segment: 'segment',
  override: 'override',
};

/** Maps an error to the problem the client gets; undefined for unexpected errors. */
function problemOf(err: unknown): HttpProblem | undefined {
  if (err instanceof HttpProblem) return err;
  if (err instanceof NotFoundError) return new HttpProblem(404, 'not-found', `${ENTITIES[err.entity]} ${JSON.stringify(err.id)} does not exist`);
  if (err instanceof RunActiveError) {
    return new HttpProblem(409, 'run-active', `a run is already queued or running for this organisation: ${err.activeRunId}`);
  }
  if (err instanceof RunStateError) return new HttpProblem(409, 'run-state', err.message);
  if (err instanceof InvalidInputError) {
    const where = [err.details.index !== undefined ? `record ${err.details.index + 1}` : '', err.details.field ?? '']
      .filter(Boolean)
      .join(', ');
    return new HttpProblem(400, 'invalid-input', where ? `${where}: ${err.message}` : err.message);
  }
  if (err instanceof ColumnMapError) return new HttpProblem(400, 'invalid-column-map', err.message);
  const bodyError = err as BodyParserError;
  switch (bodyError?.type) {
    case 'entity.too.large':
      return new HttpProblem(413, 'body-too-large', `the request body is larger than the limit of ${bodyError.limit} bytes`);
    case 'entity.parse.failed':
      return new HttpProblem(400, 'malformed-body', `the request body is not valid JSON: ${bodyError.message}`);
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new HttpProblem(415, 'unsupported-encoding', bodyError.message);
    case 'request.aborted':
      return new HttpProblem(400, 'request-aborted', 'the client aborted the request');
  }
  return undefined;
}

export function sendProblem(req: Request, res: Response, problem: HttpProblem): void {
  for (const [name, value] of Object.entries(problem.headers ?? {})) res.setHeader(name, value);
  res.status(problem.status).type('application/problem+json').send(JSON.stringify(problem.toProblem(req.originalUrl)));
}

/** The one error middleware: every failure answers `application/problem+json`. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, next) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    const problem = problemOf(err);
    if (problem) {
      sendProblem(req, res, problem);
      return;
    }
    logger.error(`${req.method} ${req.originalUrl} failed:`, err);
    sendProblem(req, res, new HttpProblem(500, 'internal', 'the service failed to answer this request; the failure is logged'));
  };
}

/** Unknown routes under the API answer a problem too. */
export const routeNotFound: RequestHandler = (req, _res, next) => {
  next(new HttpProblem(404, 'no-route', `no route ${req.method} ${req.path}`));
};
