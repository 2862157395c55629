import type { Command } from 'commander';
import { formatOf } from '../io/formats.js';
import { readPrevious } from '../io/read-previous.js';
import { writeResults } from '../io/write-results.js';
import { formatSummary, formatWarning, tierStats } from '../summary.js';
import { addInputOptions, createProgress, loadConfig, loadInput, runEngine, type CliIo, type InputOptions } from './shared.js';

interface ClusterOptions extends InputOptions {
  out: string;
  config?: string;
  previous?: string;
  quiet?: boolean;
}

/** How many run warnings are listed on the terminal. */
const LISTED_WARNINGS = 10;

export function registerClusterCommand(program: Command, io: CliIo): void {
  const command = program
    .command('cluster')
    .summary('cluster accounts into tiered groups with related-account lists')
    .description(
      'Clusters account records into nested tiers (same ⊆ family ⊆ related) on parent links, web domains and names, ' +
        'and lists every account with its group per tier and its related accounts with scores and reasons.',
    )
    .argument('<accounts>', 'accounts file: .csv, .tsv, .json (array) or .ndjson')
    .requiredOption('-o, --out <file>', 'output: .ndjson (one account per line), .json (array) or .csv; "-" writes NDJSON to standard output')
    .option('-c, --config <file>', 'cluster configuration JSON: weights, thresholds, linkage, maxGroupSize …')
    .option('--previous <file>', 'an earlier output (.ndjson, .json or .csv) whose group ids this run keeps');
  addInputOptions(command)
    .option('-q, --quiet', 'no summary')
    .action(async (file: string, options: ClusterOptions) => {
      const started = performance.now();
      const outFormat = options.out === '-' ? 'ndjson' : formatOf(options.out, undefined, ['ndjson', 'json', 'csv'], '--out');
      const config = await loadConfig(options.config);
      const previous = options.previous ? await readPrevious(options.previous) : undefined;
      const progress = createProgress(io.stderr);
      try {
        const loaded = await loadInput(file, options, io, progress);
        const result = await runEngine(
          loaded.accounts,
          { ...(config ? { config } : {}), ...(previous ? { previous } : {}) },
          progress,
        );
        progress.stop();
        await writeResults(options.out, outFormat, result.accounts, io.stdout);
        if (!options.quiet) {
          for (const w of result.warnings.slice(0, LISTED_WARNINGS)) io.stderr.write(`${formatWarning(w)}\n`);
          if (result.warnings.length > LISTED_WARNINGS) io.stderr.write(`… and ${result.warnings.length - LISTED_WARNINGS} more warnings\n`);
          if (previous) {
            const c = result.changes;
            io.stderr.write(
              `groups against --previous: ${c.created.length} created, ${c.merged.length} merged, ${c.split.length} split, ${c.retired.length} retired\n`,
            );
          }
          io.stderr.write(
            `${formatSummary({
              input: file,
              out: options.out,
              accounts: result.accounts.length,
              rejected: loaded.rejected.length,
              stats: tierStats(result.accounts),
              warnings: result.warnings.length,
              elapsedMs: performance.now() - started,
            })}\n`,
          );
        }
      } finally {
        progress.stop();
      }
    });
}
