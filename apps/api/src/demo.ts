import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateAccounts } from '@kindred/datagen';
import type { Organisation, Store } from '@kindred/store';
import type { Services } from './services/index.js';

export const DEMO_ORGANISATION = 'Demo';
/** Generated accounts loaded beside the Acme example. */
export const DEMO_GENERATED_ACCOUNTS = 3_000;

const ACME_CSV = fileURLToPath(new URL('../../../tools/datagen/data/acme.csv', import.meta.url));

export interface DemoState {
  organisation: Organisation;
  /** The demo API key, when it is known (created now, or kept in the key file). */
  key?: string;
  /** The demo data was loaded now (the database was empty). */
  loaded: boolean;
  /** The first run, when the data was loaded now. */
  runId?: string;
}

async function isEmpty(store: Store): Promise<boolean> {
  return (await store.listOrganisations()).length === 0;
}

/** Loads the demo data into an empty database: the Acme example and a few thousand generated
 * accounts in the organisation `Demo`, a key, and the first run. With a key file, the key is kept
 * there (readable by the owner only) so that the next start can show it again. */
export async function ensureDemo(services: Services, options: { keyFile?: string; generated?: number } = {}): Promise<DemoState> {
  const { store } = services;
  if (!(await isEmpty(store))) {
    const organisation = await store.findOrganisationByName(DEMO_ORGANISATION);
    if (!organisation) return { organisation: (await store.listOrganisations())[0], loaded: false };
    let key = options.keyFile && existsSync(options.keyFile) ? readFileSync(options.keyFile, 'utf8').trim() : undefined;
    if (key && !(await store.findOrganisationByApiKey(key))) key = undefined;
    if (!key) key = (await store.createApiKey(organisation.id, { label: 'demo' })).key;
    if (options.keyFile) saveKey(options.keyFile, key);
    return { organisation, key, loaded: false };
  }

  const organisation = await store.createOrganisation(DEMO_ORGANISATION);
  const acme = await services.accounts.ingest(organisation.id, 'csv', readFileSync(ACME_CSV, 'utf8'), {});
  const generated = generateAccounts({ accounts: options.generated ?? DEMO_GENERATED_ACCOUNTS, seed: 1 }).map(
    // Ground truth is for evaluation, not for the demo's accounts.
    ({ true_entity: _entity, true_family: _family, ...account }) => account,
  );
  const rest = await services.accounts.ingest(organisation.id, 'json', generated, {});
  const rejected = [...acme.rejected, ...rest.rejected];
  if (rejected.length > 0) throw new Error(`demo data rejected: ${rejected[0].message}`);
  const { key } = await store.createApiKey(organisation.id, { label: 'demo' });
  if (options.keyFile) saveKey(options.keyFile, key);
  const run = await services.runs.request(organisation.id, { mode: 'full', trigger: 'startup' });
  return { organisation, key, loaded: true, runId: run.id };
}

function saveKey(file: string, key: string): void {
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
}
