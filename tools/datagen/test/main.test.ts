import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSV_COLUMNS, generateAccounts } from '../src/index.js';
import { main, resolveOutPath } from '../src/main.js';

const run = promisify(execFile);
const datagenDir = join(import.meta.dirname, '..');
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kindred-datagen-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('datagen command', () => {
  it('writes a CSV file with the header and one line per account, as a real process', async () => {
    const out = join(dir, 'accounts.csv');
    const { stderr } = await run(process.execPath, ['--import', 'tsx', 'src/main.ts', '--accounts', '300', '--seed', '5', '--out', out], {
      cwd: datagenDir,
    });
    expect(stderr).toMatch(/wrote 300 accounts \(seed 5\)/);
    const lines = (await readFile(out, 'utf8')).trimEnd().split('\n');
    expect(lines[0]).toBe(CSV_COLUMNS.join(','));
    expect(lines).toHaveLength(301);
    const first = generateAccounts({ accounts: 300, seed: 5 })[0];
    expect(lines[1].startsWith(`${first.id},`)).toBe(true);
  });

  it('writes NDJSON when the file says so, the same records as the library', async () => {
    const out = join(dir, 'accounts.ndjson');
    await main(['--accounts', '50', '--seed', '2', '--out', out]);
    const records = (await readFile(out, 'utf8')).trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(records).toEqual(generateAccounts({ accounts: 50, seed: 2 }));
  });

  it('refuses a count that is not a number', async () => {
    await expect(
      run(process.execPath, ['--import', 'tsx', 'src/main.ts', '--accounts', 'many'], { cwd: datagenDir }),
    ).rejects.toMatchObject({ stderr: expect.stringMatching(/"many" is not a whole number/) });
  });
});

describe('resolveOutPath', () => {
  it('takes relative paths from the directory the user ran the command in', () => {
    expect(resolveOutPath('a.csv', { INIT_CWD: '/home/me' }, '/repo/tools/datagen')).toBe('/home/me/a.csv');
    expect(resolveOutPath('a.csv', {}, '/repo/tools/datagen')).toBe('/repo/tools/datagen/a.csv');
    expect(resolveOutPath('/tmp/a.csv', { INIT_CWD: '/home/me' })).toBe('/tmp/a.csv');
  });
});
