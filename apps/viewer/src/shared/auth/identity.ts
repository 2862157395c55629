import type { OrganisationView } from '@kindred/contract';
import type { ApiClient } from '../api/client.js';

/** Asks the API which organisation the key belongs to; fails on a wrong key. */
export async function fetchOrganisation(client: ApiClient): Promise<string> {
  const me = await client.get<OrganisationView>('/v1/me');
  return me.name;
}
