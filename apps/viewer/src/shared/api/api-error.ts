/** An answer from the API that was not a success, carrying the problem+json title and detail. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string | undefined,
  ) {
    super(detail ? `${title}: ${detail}` : title);
    this.name = 'ApiError';
  }
}

/** Builds an ApiError from a failed response, reading `application/problem+json` when present. */
export async function apiErrorFrom(res: Response): Promise<ApiError> {
  let title = res.statusText || `HTTP ${res.status}`;
  let detail: string | undefined;
  try {
    const text = await res.text();
    if (text) {
      try {
        const body = JSON.parse(text) as { title?: unknown; detail?: unknown; message?: unknown };
        if (typeof body.title === 'string') title = body.title;
        if (typeof body.detail === 'string') detail = body.detail;
        else if (typeof body.message === 'string') detail = body.message;
      } catch {
        detail = text.slice(0, 300);
      }
    }
  } catch {
    // The body could not be read; the status line is all there is.
  }
  return new ApiError(res.status, title, detail);
}

/** A message for people, whatever was thrown. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.detail ?? error.title;
  if (error instanceof Error) return error.message;
  return String(error);
}
