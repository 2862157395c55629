import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { Option, type Command } from 'commander';
import { ClusterConfigSchema, type Account, type AccountResult, type ClusterConfig } from '@kindred/contract';
import { clusterAccounts, ColumnMapError, parseColumnMap, PRESET_NAMES, type ColumnMap } from '@kindred/core';
import { loadKernel } from '@kindred/kernel';
import { CliError, EXIT } from '../errors.js';
import { describeRejection, readAccounts, type ReadAccountsResult } from '../io/read-accounts.js';
import { createProgress, type Progress } from '../progress.js';

/** Where a command writes: results to `stdout`, messages and progress to `stderr`. */
export interface CliIo {
  stdout: Writable;
  stderr: Writable & { isTTY?: boolean };
}

/** How many rejected records are listed on the terminal; the rest are counted (all go to --rejects). */
const LISTED_REJECTIONS = 20;

export interface InputOptions {
  preset?: string;
  map: string[];
  strict?: boolean;
  rejects?: string;
  inputFormat?: string;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

/** The options every command that reads an accounts file shares. */
export function addInputOptions(command: Command): Command {
  return command
    .addOption(new Option('--preset <name>', 'read the columns of a CRM export').choices(PRESET_NAMES))
    .option(
      '--map <field=Column,...>',
      'source column per account field, e.g. name="Account Name",website=Website (repeatable; wins over --preset)',
      collect,
      [],
    )
    .addOption(new Option('--input-format <format>', 'input format when the extension does not say').choices(['csv', 'tsv', 'json', 'ndjson']))
    .option('--strict', 'refuse to run when any record is rejected (default: report and skip it)')
    .option('--rejects <file>', 'write every rejected record as NDJSON: line, id, field, message');
}

function parseMaps(specs: readonly string[]): ColumnMap | undefined {
  if (specs.length === 0) return undefined;
  try {
    return parseColumnMap(specs.join(','));
  } catch (error) {
    if (error instanceof ColumnMapError) throw new CliError(`--map: ${error.message}`);
    throw error;
  }
}

async function writeRejects(path: string, file: string, loaded: ReadAccountsResult): Promise<void> {
  const out = createWriteStream(path);
  for (const r of loaded.rejected) {
    if (!out.write(`${JSON.stringify({ file, ...r })}\n`)) await once(out, 'drain');
  }
  out.end();
  try {
    await once(out, 'finish');
  } catch (error) {
    throw new CliError(`cannot write --rejects ${path}: ${(error as Error).message}`);
  }
}

/**
 * Reads the accounts file, reports rejected records on stderr (all of them to --rejects), and
 * refuses to go on under --strict when any was rejected or when nothing valid is left.
 */
export async function loadInput(file: string, options: InputOptions, io: CliIo, progress: Progress): Promise<ReadAccountsResult> {
  const map = parseMaps(options.map);
  const loaded = await readAccounts(file, {
    ...(options.preset !== undefined ? { preset: options.preset } : {}),
    ...(map !== undefined ? { map } : {}),
    ...(options.inputFormat !== undefined ? { format: options.inputFormat } : {}),
    onBytes: (read, total) => progress.update('reading', read, total),
  });
  if (options.rejects) await writeRejects(options.rejects, file, loaded);
  if (loaded.rejected.length > 0) {
    progress.stop();
    const verb = options.strict ? 'rejected' : 'skipped';
    for (const r of loaded.rejected.slice(0, LISTED_REJECTIONS)) io.stderr.write(`${verb}: ${describeRejection(file, r)}\n`);
    const more = loaded.rejected.length - LISTED_REJECTIONS;
    if (more > 0) io.stderr.write(`… and ${more} more ${verb} record${more === 1 ? '' : 's'}${options.rejects ? ` (all in ${options.rejects})` : ' (list them all with --rejects FILE)'}\n`);
    if (options.strict) {
      throw new CliError(
        `${file}: ${loaded.rejected.length} of ${loaded.records} records rejected; nothing written (--strict)`,
        EXIT.rejected,
      );
    }
  }
  if (loaded.accounts.length === 0) throw new CliError(`${file}: no valid account records (${loaded.records} rejected)`, EXIT.rejected);
  return loaded;
}

/** Reads and validates a cluster configuration JSON file. */
export async function loadConfig(path: string | undefined): Promise<ClusterConfig | undefined> {
  if (path === undefined) return undefined;
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(`cannot read --config ${path}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new CliError(`--config ${path}: not valid JSON: ${(error as Error).message}`);
  }
  const parsed = ClusterConfigSchema.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(top level)'}: ${i.message}`);
    throw new CliError(`--config ${path}: ${issues.join('; ')}`);
  }
  return parsed.data;
}

/** Runs the engine with a progress bar on a terminal. */
export async function runEngine(
  accounts: Account[],
  options: { config?: ClusterConfig; previous?: AccountResult[] },
  progress: Progress,
) {
  const kernel = await loadKernel();
  return clusterAccounts(kernel, accounts, {
    ...options,
    onProgress: ({ stage, percent }) => progress.update(stage, Math.round(percent), 100),
  });
}

export { createProgress };
