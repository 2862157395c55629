import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { z } from 'zod';
import { HttpProblem } from './problem.js';

export interface RequestSchemas {
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
}

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

/** A request's parts as the schemas parsed them. */
export interface Parsed<S extends RequestSchemas> {
  params: Out<S['params']>;
  query: Out<S['query']>;
  body: Out<S['body']>;
}

const PARTS = ['params', 'query', 'body'] as const;

function issuesOf(part: string, error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((issue) => ({
    path: [part, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
}

/** The one validation middleware: parses params, query and body with the contract's schemas and
 * answers 400 with every failure (path and message) when one of them does not fit. */
export function validate<S extends RequestSchemas>(schemas: S): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const parsed: Record<string, unknown> = {};
    const errors: { path: string; message: string }[] = [];
    for (const part of PARTS) {
      const schema = schemas[part];
      if (!schema) continue;
      const raw = part === 'body' ? req.body : part === 'query' ? req.query : req.params;
      const result = schema.safeParse(raw ?? (part === 'body' ? undefined : {}));
      if (result.success) parsed[part] = result.data;
      else errors.push(...issuesOf(part, result.error));
    }
    if (errors.length > 0) {
      const first = errors[0];
      const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
      next(new HttpProblem(400, 'invalid-request', `${first.path}: ${first.message}${more}`, { errors }));
      return;
    }
    res.locals.parsed = parsed;
    next();
  };
}

/** Builds a route's handlers: validation, then the handler with the parsed request parts. */
export function endpoint<S extends RequestSchemas>(
  schemas: S,
  handler: (input: Parsed<S>, req: Request, res: Response) => Promise<void> | void,
): RequestHandler[] {
  return [
    validate(schemas),
    async (req, res) => {
      await handler(res.locals.parsed as Parsed<S>, req, res);
    },
  ];
}
