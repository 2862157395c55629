import type { OverrideCreate, OverrideView } from '@kindred/contract';
import type { Override, Store } from '@kindred/store';
import { HttpProblem, notFound } from '../http/problem.js';

const view = ({ id, a, b, kind, createdAt }: Override): OverrideView => ({ id, a, b, kind, createdAt });

/** People's corrections of the clustering, applied in every later run. */
export class OverrideService {
  constructor(private readonly store: Store) {}

  /** Both accounts must exist in the organisation (an unknown id answers 404, like any other
   * organisation's id). */
  async put(orgId: string, input: OverrideCreate): Promise<OverrideView> {
    const found = await this.store.getAccounts(orgId, [input.a, input.b]);
    for (const id of [input.a, input.b]) {
      if (!found.some((s) => s.account.id === id)) {
        throw new HttpProblem(404, 'not-found', `account ${JSON.stringify(id)} does not exist`);
      }
    }
    return view(await this.store.putOverride(orgId, input));
  }

  async list(orgId: string): Promise<OverrideView[]> {
    return (await this.store.listOverrides(orgId)).map(view);
  }

  async delete(orgId: string, id: string): Promise<void> {
    if (!(await this.store.deleteOverride(orgId, id))) throw notFound('override', id);
  }
}
