import { describe, expect, it } from 'vitest';
import { apiErrorFrom } from './api-error.js';
import { buildUrl } from './client.js';

describe('buildUrl', () => {
  it('leaves out empty values and repeats list values', () => {
    expect(buildUrl('/v1/x', { q: 'acme', empty: '', none: undefined, tier: ['same', 'family'], limit: 50 })).toBe(
      '/v1/x?q=acme&tier=same&tier=family&limit=50',
    );
    expect(buildUrl('/v1/x', {})).toBe('/v1/x');
  });
});

describe('apiErrorFrom', () => {
  it('reads title and detail of problem+json', async () => {
    const res = new Response(JSON.stringify({ type: 'about:blank', title: 'not-found', status: 404, detail: 'account "9" not found' }), {
      status: 404,
      headers: { 'Content-Type': 'application/problem+json' },
    });
    const err = await apiErrorFrom(res);
    expect(err.status).toBe(404);
    expect(err.detail).toBe('account "9" not found');
    expect(err.message).toBe('not-found: account "9" not found');
  });
  it('keeps a plain-text body as the detail', async () => {
    const err = await apiErrorFrom(new Response('upstream down', { status: 502, statusText: 'Bad Gateway' }));
    expect(err.title).toBe('Bad Gateway');
    expect(err.detail).toBe('upstream down');
  });
});
