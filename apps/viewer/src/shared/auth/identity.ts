import type { ApiClient } from '../api/client.js';

interface MeResponse {
  organisation: { id?: string; name: string };
}

/** Asks the API which organisation the key belongs to; fails on a wrong key. */
export async function fetchOrganisation(client: ApiClient): Promise<string> {
  const me = await client.get<MeResponse>('/v1/me');
  return me.organisation.name;
}
