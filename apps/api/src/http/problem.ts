import type { Problem } from '@kindred/contract';

const STATUS_TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** Problem type URIs; relative references resolved against the API's base (RFC 9457 §3.1.1). */
const TYPE_BASE = '/v1/problems/';

/** An error that answers the request with a problem document of its status. */
export class HttpProblem extends Error {
  readonly status: number;
  readonly type: string;
  readonly title: string;
  readonly errors?: Problem['errors'];
  readonly headers?: Record<string, string>;

  constructor(
    status: number,
    kind: string,
    detail: string,
    extra: { errors?: Problem['errors']; headers?: Record<string, string> } = {},
  ) {
    super(detail);
    this.name = 'HttpProblem';
    this.status = status;
    this.type = TYPE_BASE + kind;
    this.title = STATUS_TITLES[status] ?? 'Error';
    this.errors = extra.errors;
    this.headers = extra.headers;
  }

  toProblem(instance?: string): Problem {
    return {
      type: this.type,
      title: this.title,
      status: this.status,
      detail: this.message,
      ...(instance ? { instance } : {}),
      ...(this.errors ? { errors: this.errors } : {}),
    };
  }
}

export const notFound = (what: string, id: string) =>
  new HttpProblem(404, 'not-found', `${what} ${JSON.stringify(id)} does not exist`);

export const badRequest = (detail: string, errors?: Problem['errors']) =>
  new HttpProblem(400, 'invalid-request', detail, { errors });
