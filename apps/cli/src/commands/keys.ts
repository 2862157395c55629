import type { Command } from 'commander';
import { openStore, type Store } from '@kindred/store';
import { CliError } from '../errors.js';
import type { CliIo } from './shared.js';

const DEFAULT_DB = './data/kindred.db';

interface DbOptions {
  db?: string;
}

function dbUrl(options: DbOptions): string {
  return options.db?.trim() || process.env.KINDRED_DB?.trim() || DEFAULT_DB;
}

async function withStore<T>(options: DbOptions, fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(dbUrl(options));
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

async function organisationNamed(store: Store, name: string) {
  const organisation = await store.findOrganisationByName(name);
  if (!organisation) throw new CliError(`no organisation named "${name}" in ${store.dialect} database`);
  return organisation;
}

/** `kindred keys create|list|revoke`: API keys of organisations, in the database of `KINDRED_DB`. */
export function registerKeysCommand(program: Command, io: CliIo = { stdout: process.stdout, stderr: process.stderr }): void {
  const keys = program
    .command('keys')
    .summary('create, list and revoke API keys')
    .description(
      `API keys of organisations. Each key sees only its organisation's data. The database is --db, else ` +
        `KINDRED_DB, else ${DEFAULT_DB} (the service's default).`,
    );

  keys
    .command('create')
    .description('Create an API key (and the organisation if it is new); the key is printed alone on the last line, once.')
    .requiredOption('--org <name>', 'organisation name')
    .option('--label <label>', 'a note to recognise the key by')
    .option('--db <url>', 'SQLite file, :memory: or postgres:// URL')
    .action(async (options: DbOptions & { org: string; label?: string }) => {
      const name = options.org.trim();
      if (name === '') throw new CliError('--org needs a name');
      await withStore(options, async (store) => {
        const existed = await store.findOrganisationByName(name);
        const organisation = existed ?? (await store.createOrganisation(name));
        const created = await store.createApiKey(organisation.id, options.label ? { label: options.label } : {});
        io.stdout.write(
          `${existed ? 'Organisation' : 'New organisation'} "${organisation.name}" (${organisation.id}): API key ${created.info.prefix}… ` +
            `(${created.info.id}). Keep it now; it is not shown again:\n${created.key}\n`,
        );
      });
    });

  keys
    .command('list')
    .description("List an organisation's keys (prefixes only; keys are stored hashed).")
    .requiredOption('--org <name>', 'organisation name')
    .option('--db <url>', 'SQLite file, :memory: or postgres:// URL')
    .action(async (options: DbOptions & { org: string }) => {
      await withStore(options, async (store) => {
        const organisation = await organisationNamed(store, options.org.trim());
        for (const key of await store.listApiKeys(organisation.id)) {
          const state = key.revokedAt ? `revoked ${key.revokedAt}` : 'active';
          io.stdout.write(`${key.id}\t${key.prefix}…\t${key.label ?? ''}\tcreated ${key.createdAt}\t${state}\n`);
        }
      });
    });

  keys
    .command('revoke')
    .description('Revoke a key by its id (from `keys list`).')
    .argument('<keyId>', 'the key id')
    .requiredOption('--org <name>', 'organisation name')
    .option('--db <url>', 'SQLite file, :memory: or postgres:// URL')
    .action(async (keyId: string, options: DbOptions & { org: string }) => {
      await withStore(options, async (store) => {
        const organisation = await organisationNamed(store, options.org.trim());
        if (!(await store.revokeApiKey(organisation.id, keyId))) {
          throw new CliError(`no active key ${keyId} in organisation "${organisation.name}"`);
        }
        io.stdout.write(`revoked ${keyId}\n`);
      });
    });
}
