import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Organisation, Store } from '@kindred/store';
import { HttpProblem } from './problem.js';

const BEARER = /^Bearer\s+(\S+)\s*$/i;

function unauthorized(detail: string): HttpProblem {
  return new HttpProblem(401, 'unauthorized', detail, {
    headers: { 'WWW-Authenticate': 'Bearer realm="kindred"' },
  });
}

/** Requires `Authorization: Bearer <api key>`; the key's organisation scopes everything after. */
export function requireApiKey(store: Store): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    const header = req.get('authorization');
    if (!header) throw unauthorized('an API key is required: send "Authorization: Bearer <api key>"');
    const match = BEARER.exec(header);
    if (!match) throw unauthorized('the Authorization header must be "Bearer <api key>"');
    const found = await store.findOrganisationByApiKey(match[1]);
    if (!found) throw unauthorized('the API key is unknown or revoked');
    res.locals.organisation = found.organisation;
    next();
  };
}

/** The organisation of the request's API key (after `requireApiKey`). */
export function orgOf(res: Response): Organisation {
  const organisation = res.locals.organisation as Organisation | undefined;
  if (!organisation) throw new Error('orgOf() used on a route without requireApiKey');
  return organisation;
}
