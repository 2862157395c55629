import { execFile } from 'node:child_process';
import { access, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { AccountResultSchema, type AccountResult } from '@kindred/contract';
import { evaluateClusters, sizeCapCeiling } from '@kindred/core';
import { CSV_COLUMNS, generateAccounts, toCsvRow } from '@kindred/datagen';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/main.js';

const bin = join(import.meta.dirname, '..', 'bin', 'kindred.js');
const data = join(import.meta.dirname, '..', '..', '..', 'tools', 'datagen', 'data');
let dir: string;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `kindred` as a real child process. */
function kindred(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { cwd: dir, maxBuffer: 64 << 20, env: { ...process.env, NO_COLOR: '1' } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** Runs `kindred` in this process (faster than a child process), paths taken from the temp dir. */
async function kindredInProcess(...args: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const sink = (append: (s: string) => void) =>
    new Writable({
      write(chunk, _encoding, done) {
        append(String(chunk));
        done();
      },
    });
  const io = { stdout: sink((s) => (stdout += s)), stderr: sink((s) => (stderr += s)) };
  const absolute = args.map((a, i) => (/\.(csv|json|ndjson)$/.test(a) && !a.startsWith('/') && args[i - 1] !== '--map' ? join(dir, a) : a));
  const code = await main(absolute, io);
  return { code, stdout, stderr };
}

const readNdjson = async (path: string): Promise<AccountResult[]> =>
  (await readFile(path, 'utf8'))
    .trimEnd()
    .split('\n')
    .map((line) => AccountResultSchema.parse(JSON.parse(line)));

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kindred-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('kindred', () => {
  it('prints help with every command', async () => {
    const run = await kindred('--help');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/cluster \[options\] <accounts>/);
    expect(run.stdout).toMatch(/eval \[options\] <labelled>/);
    expect(run.stdout).toMatch(/keys\s+create, list and revoke API keys/);
  });

  it('clusters the Acme example: 1, 2, 3 the same business, 4 its family, 5 related, with reasons', async () => {
    const run = await kindred('cluster', join(data, 'acme.csv'), '--out', 'acme.ndjson');
    expect(run.stderr).toMatch(/5 accounts from .*acme\.csv → acme\.ndjson/);
    expect(run.stderr).toMatch(/same\s+\d+\s+\d+\s+\d+/);
    expect(run.code).toBe(0);
    const results = await readNdjson(join(dir, 'acme.ndjson'));
    const byId = new Map(results.map((r) => [r.id, r]));
    expect([...byId.keys()].sort()).toEqual(['1', '2', '3', '4', '5']);
    const [a1, a2, a3, a4, a5] = ['1', '2', '3', '4', '5'].map((id) => byId.get(id)!);
    expect(a2.groups.same).toBe(a1.groups.same);
    expect(a3.groups.same).toBe(a1.groups.same);
    expect(a4.groups.same).not.toBe(a1.groups.same);
    expect(a4.groups.family).toBe(a1.groups.family);
    expect(a5.groups.family).not.toBe(a1.groups.family);
    expect(a5.groups.related).toBe(a1.groups.related);
    const tierOf = new Map(a1.related.map((r) => [r.id, r.tier]));
    expect(Object.fromEntries(tierOf)).toEqual({ '2': 'same', '3': 'same', '4': 'family', '5': 'related' });
    for (const r of a1.related) expect(r.reasons.length).toBeGreaterThan(0);
  });

  it('writes CSV and JSON outputs that agree with NDJSON, and keeps group ids with --previous', async () => {
    const input = join(data, 'acme.csv');
    expect((await kindredInProcess('cluster', input, '--out', 'formats.ndjson', '--quiet')).code).toBe(0);
    expect((await kindredInProcess('cluster', input, '--out', 'acme.csv', '--quiet')).code).toBe(0);
    expect((await kindredInProcess('cluster', input, '--out', 'acme.json', '-q')).code).toBe(0);
    expect((await kindredInProcess('cluster', input, '--out', 'again.ndjson', '--previous', 'acme.json', '-q')).code).toBe(0);
    const ndjson = await readNdjson(join(dir, 'formats.ndjson'));
    const json = JSON.parse(await readFile(join(dir, 'acme.json'), 'utf8')) as AccountResult[];
    expect(json).toEqual(ndjson);
    const rows = parse(await readFile(join(dir, 'acme.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    expect(rows).toEqual(
      ndjson.map((r) => ({
        id: r.id,
        same_group: r.groups.same,
        family_group: r.groups.family,
        related_group: r.groups.related,
        related_ids: r.related.map((x) => x.id).join(';'),
      })),
    );
    expect((await readNdjson(join(dir, 'again.ndjson'))).map((r) => r.groups)).toEqual(ndjson.map((r) => r.groups));
  });

  it('skips and reports bad rows, or refuses them all with --strict', async () => {
    await writeFile(join(dir, 'bad.csv'), 'id,name,website\n1,Acme,acme.com\n2,Acme Inc\n,No id,x.com\n1,Dup,dup.com\n3,Beta,beta.io\n');
    const lenient = await kindredInProcess('cluster', 'bad.csv', '--out', 'bad.ndjson', '--rejects', 'rejects.ndjson');
    expect(lenient.code).toBe(0);
    expect(lenient.stderr).toMatch(/skipped: .*bad\.csv, line 3, field record \(id "2"\): malformed row/);
    expect(lenient.stderr).toMatch(/skipped: .*bad\.csv, line 4, field id: missing id/);
    expect(lenient.stderr).toMatch(/skipped: .*bad\.csv, line 5, field id \(id "1"\): duplicate id "1"/);
    expect((await readNdjson(join(dir, 'bad.ndjson'))).map((r) => r.id)).toEqual(['1', '3']);
    const rejects = (await readFile(join(dir, 'rejects.ndjson'), 'utf8')).trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(rejects.map((r) => r.line)).toEqual([3, 4, 5]);

    const strict = await kindred('cluster', 'bad.csv', '--out', 'strict.ndjson', '--strict');
    expect(strict.code).toBe(3);
    expect(strict.stderr).toMatch(/3 of 5 records rejected; nothing written \(--strict\)/);
    await expect(access(join(dir, 'strict.ndjson'))).rejects.toThrow();
  });

  it('refuses unusable input with a message naming file, column or option', async () => {
    await writeFile(join(dir, 'empty.csv'), '');
    const empty = await kindredInProcess('cluster', 'empty.csv', '--out', 'x.ndjson');
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/kindred: .*empty\.csv is empty/);

    const map = await kindredInProcess('cluster', join(data, 'acme.csv'), '--out', 'x.ndjson', '--map', 'name="Account Name"');
    expect(map.code).toBe(2);
    expect(map.stderr).toMatch(/acme\.csv: column "Account Name" \(for field name\) is not in the header/);

    const missing = await kindredInProcess('cluster', 'nope.csv', '--out', 'x.ndjson');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read .*nope\.csv: no such file/);

    const preset = await kindredInProcess('cluster', join(data, 'acme.csv'), '--out', 'x.ndjson', '--preset', 'dynamics');
    expect(preset.code).toBe(2);
    expect(preset.stderr).toMatch(/option '--preset <name>' argument 'dynamics' is invalid/);
  });

  it('prints evaluation scores as a table', async () => {
    const acme = await readFile(join(data, 'acme.csv'), 'utf8');
    const labels = ['true_entity', 'a', 'a', 'a', 'b', 'c'];
    const labelled = acme
      .trimEnd()
      .split('\n')
      .map((line, i) => `${line},${labels[i]}`)
      .join('\n');
    await writeFile(join(dir, 'acme-labelled.csv'), labelled);
    const text = await kindredInProcess('eval', 'acme-labelled.csv', '--truth', 'true_entity', '--tier', 'same');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/acme-labelled\.csv: 5 accounts \(5 labelled\), tier same against true_entity/);
    expect(text.stdout).toMatch(/pairwise\s+1\.0000\s+1\.0000\s+1\.0000/);
    expect(text.stdout).toMatch(/B-cubed\s+1\.0000\s+1\.0000\s+1\.0000/);
  });

  it('evaluates chicago-ece: pairwise and B-cubed scores that match its own clustering', async () => {
    const file = join(data, 'chicago-ece.csv');
    const json = await kindredInProcess('eval', file, '--truth', 'true_entity', '--tier', 'same', '--json');
    const report = JSON.parse(json.stdout);
    expect(report).toMatchObject({ tier: 'same', truth: 'true_entity', accounts: 3337, labelled: 3337, skipped: 0 });

    // The scores are those of the cluster command's groups against the truth column.
    expect((await kindredInProcess('cluster', file, '--out', 'chicago.ndjson', '-q')).code).toBe(0);
    const results = await readNdjson(join(dir, 'chicago.ndjson'));
    const rows = parse(await readFile(file, 'utf8'), { columns: true }) as Record<string, string>[];
    const expected = evaluateClusters(
      new Map(results.map((r) => [r.id, r.groups.same])),
      new Map(rows.map((r) => [r.id, r.true_entity])),
    );
    expect(report.pairwise).toEqual(expected.pairwise);
    expect(report.bcubed).toEqual(expected.bcubed);
    expect(report.ceiling).toEqual({ maxGroupSize: 30, pairwiseF1: 1, bcubedF1: 1 });
  });

  it('reports the best score the size cap allows when true groups are larger than it', async () => {
    const file = join(data, 'sec-ex21-subsidiaries.csv');
    const config = join(dir, 'cap-50.json');
    await writeFile(config, JSON.stringify({ maxGroupSize: 50 }));
    const json = await kindredInProcess('eval', file, '--truth', 'true_family', '--tier', 'family', '--json', '--config', config);
    const report = JSON.parse(json.stdout);
    const rows = parse(await readFile(file, 'utf8'), { columns: true }) as Record<string, string>[];
    const ceiling = sizeCapCeiling(new Map(rows.map((r) => [r.id, r.true_family])), 50);
    expect(report.ceiling).toEqual({ maxGroupSize: 50, pairwiseF1: ceiling.pairwise.f1, bcubedF1: ceiling.bcubed.f1 });
    expect(report.ceiling.pairwiseF1).toBeLessThan(0.7);
    expect(report.pairwise.f1).toBeLessThanOrEqual(report.ceiling.pairwiseF1);
  });

  it('refuses a truth column the file does not have', async () => {
    const run = await kindredInProcess('eval', join(data, 'acme.csv'), '--truth', 'true_entity');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--truth: column "true_entity" is not in .*acme\.csv/);
  });

  it('clusters generated accounts in a Salesforce layout: every account in the output, each once', async () => {
    const accounts = generateAccounts({ accounts: 2000, seed: 11 });
    const header = ['Id', 'Name', 'Website', 'Email', 'ParentId', 'Phone', 'BillingStreet', 'BillingState', 'BillingCountry', 'Industry', 'Source', 'true_entity', 'true_family'];
    expect(header).toHaveLength(CSV_COLUMNS.length);
    await writeFile(join(dir, 'sf.csv'), stringify([header, ...accounts.map(toCsvRow)]));
    const run = await kindredInProcess('cluster', 'sf.csv', '--preset', 'salesforce', '--map', 'email=Email', '--out', 'sf.ndjson');
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/2,000 accounts from .*sf\.csv/);
    const ids = (await readNdjson(join(dir, 'sf.ndjson'))).map((r) => r.id);
    expect(ids).toHaveLength(2000);
    expect(new Set(ids)).toEqual(new Set(accounts.map((a) => a.id)));
  });
});
