import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, startTestService, type TestService } from './helpers.js';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../../..');
// What `npx kindred` runs (the root package's bin), without npx's own start-up.
const kindred = path.join(root, 'apps/cli/bin/kindred.js');

let service: TestService;

beforeAll(async () => {
  service = await startTestService();
});
afterAll(async () => {
  await service?.stop();
});

describe('kindred keys create', () => {
  it('prints a key alone on its last line that opens the organisation’s API', async () => {
    const { stdout } = await run(process.execPath, [kindred, 'keys', 'create', '--org', 'Keyed Org'], {
      cwd: root,
      env: { ...process.env, KINDRED_DB: service.dbPath },
    });
    const lines = stdout.trimEnd().split('\n');
    const key = lines[lines.length - 1];
    expect(key).toMatch(/^kdr_[A-Za-z0-9_-]{20,}$/);

    const organisation = await service.services.store.findOrganisationByName('Keyed Org');
    expect(organisation).toBeDefined();
    const api = client(`http://127.0.0.1:${service.port}`, organisation!.id, key);
    expect((await api.get('/v1/me')).body).toEqual({ id: organisation!.id, name: 'Keyed Org' });

    // Only the hash is stored: the key appears nowhere in the key listing.
    const listed = await run(process.execPath, [kindred, 'keys', 'list', '--org', 'Keyed Org'], { cwd: root, env: { ...process.env, KINDRED_DB: service.dbPath } });
    expect(listed.stdout).not.toContain(key);
    expect(listed.stdout).toContain(key.slice(0, 8));
  });
});
