import { createWriteStream } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { pipeline } from 'node:stream/promises';
import { Command, InvalidArgumentError } from 'commander';
import { stringify } from 'csv-stringify';
import { CSV_COLUMNS, streamAccounts, toCsvRow } from './generate.js';

function wholeNumber(value: string): number {
  const n = Number(value.replace(/_/g, ''));
  if (!Number.isSafeInteger(n) || n < 0) throw new InvalidArgumentError(`"${value}" is not a whole number ≥ 0`);
  return n;
}

/** Where --out points: relative paths are taken from the directory the user ran the command in
 * (npm and Nx run this script inside tools/datagen; npm records the original one in INIT_CWD). */
export function resolveOutPath(out: string, env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string {
  if (isAbsolute(out)) return out;
  return resolve(env.INIT_CWD || cwd, out);
}

export async function main(argv: readonly string[]): Promise<void> {
  const program = new Command('datagen')
    .description('Writes synthetic B2B accounts with ground truth (true_entity, true_family) as CSV or NDJSON.')
    .requiredOption('--accounts <count>', 'number of account records', wholeNumber)
    .option('--seed <n>', 'random seed: the same seed gives the same records', wholeNumber, 1)
    .option('--out <file>', 'output file (.csv or .ndjson); "-" for standard output', '-')
    .option('--format <format>', 'csv or ndjson (default: from the --out extension, else csv)')
    .showHelpAfterError()
    .parse(argv as string[], { from: 'user' });
  const opts = program.opts<{ accounts: number; seed: number; out: string; format?: string }>();
  const format = opts.format ?? (/\.ndjson$|\.jsonl$/i.test(opts.out) ? 'ndjson' : 'csv');
  if (format !== 'csv' && format !== 'ndjson') program.error(`--format must be csv or ndjson, got "${format}"`);

  const started = performance.now();
  const path = opts.out === '-' ? undefined : resolveOutPath(opts.out);
  const sink: Writable = path ? createWriteStream(path) : process.stdout;
  const records = streamAccounts({ accounts: opts.accounts, seed: opts.seed });
  if (format === 'csv') {
    await pipeline(
      Readable.from((function* () {
        for (const r of records) yield toCsvRow(r);
      })()),
      stringify({ header: true, columns: [...CSV_COLUMNS] }),
      sink,
    );
  } else {
    await pipeline(
      Readable.from((function* () {
        for (const r of records) yield `${JSON.stringify(r)}\n`;
      })()),
      sink,
    );
  }
  const seconds = (performance.now() - started) / 1000;
  process.stderr.write(`wrote ${opts.accounts} accounts (seed ${opts.seed}) to ${path ?? 'standard output'} in ${seconds.toFixed(1)} s\n`);
}

const invokedDirectly = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === resolve(process.argv[1]);
if (invokedDirectly) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`datagen: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
