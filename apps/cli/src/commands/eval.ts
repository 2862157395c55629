import { Option, type Command } from 'commander';
import { TIERS, type Tier } from '@kindred/contract';
import { evaluateClusters, sizeCapCeiling } from '@kindred/core';
import { CliError } from '../errors.js';
import { addInputOptions, createProgress, loadConfig, loadInput, runEngine, type CliIo, type InputOptions } from './shared.js';

interface EvalOptions extends InputOptions {
  truth: string;
  tier: Tier;
  json?: boolean;
  config?: string;
}

const fixed = (n: number): string => n.toFixed(4);

export function registerEvalCommand(program: Command, io: CliIo): void {
  const command = program
    .command('eval')
    .summary('cluster a labelled file and score the groups against its ground truth')
    .description(
      'Clusters a labelled accounts file and prints pairwise and B-cubed precision, recall and F1 of one tier ' +
        'against a ground-truth column. Records without a label are clustered but not scored.',
    )
    .argument('<labelled>', 'accounts file with a ground-truth column: .csv, .tsv, .json or .ndjson')
    .requiredOption('--truth <column>', 'the ground-truth column (e.g. true_entity, true_family)')
    .addOption(new Option('--tier <tier>', 'the tier to score').choices(TIERS).default('same'))
    .option('--json', 'print one JSON object')
    .option('-c, --config <file>', 'cluster configuration JSON');
  addInputOptions(command).action(async (file: string, options: EvalOptions) => {
    const started = performance.now();
    const config = await loadConfig(options.config);
    const progress = createProgress(io.stderr);
    try {
      const loaded = await loadInput(file, options, io, progress);
      const { mapping } = loaded;
      const mappedField = (Object.entries(mapping.fields) as [string, readonly string[]][]).find(
        ([, columns]) => columns.length === 1 && columns[0] === options.truth,
      )?.[0];
      const key = mapping.extras.includes(options.truth) ? options.truth : mappedField;
      if (key === undefined) {
        throw new CliError(
          `--truth: column "${options.truth}" is not in ${file}; columns are: ${[...Object.values(mapping.fields).flat(), ...mapping.extras]
            .map((c) => `"${c}"`)
            .join(', ')}`,
        );
      }
      const truth = new Map<string, string>();
      for (const a of loaded.accounts) {
        const label = a[key];
        if (label !== undefined && label !== null && String(label).trim() !== '') truth.set(a.id, String(label).trim());
      }
      if (truth.size === 0) throw new CliError(`--truth: column "${options.truth}" of ${file} has no labels`);

      const result = await runEngine(loaded.accounts, config ? { config } : {}, progress);
      progress.stop();
      const predicted = new Map<string, string>();
      for (const r of result.accounts) predicted.set(r.id, r.groups[options.tier]);
      const scores = evaluateClusters(predicted, truth);
      // The best any clustering could score with groups no larger than the configured cap.
      const maxGroupSize = result.config.maxGroupSize;
      const ceiling = sizeCapCeiling(truth, maxGroupSize);
      const elapsedMs = performance.now() - started;
      const report = {
        file,
        truth: options.truth,
        tier: options.tier,
        accounts: loaded.accounts.length,
        labelled: truth.size,
        skipped: loaded.rejected.length,
        pairwise: scores.pairwise,
        bcubed: scores.bcubed,
        ceiling: { maxGroupSize, pairwiseF1: ceiling.pairwise.f1, bcubedF1: ceiling.bcubed.f1 },
        elapsedMs: Math.round(elapsedMs),
      };
      if (options.json) {
        io.stdout.write(`${JSON.stringify(report)}\n`);
        return;
      }
      io.stdout.write(
        [
          `${file}: ${report.accounts} accounts (${report.labelled} labelled), tier ${report.tier} against ${report.truth}`,
          `            precision  recall      F1`,
          `  pairwise  ${fixed(scores.pairwise.precision)}     ${fixed(scores.pairwise.recall)}  ${fixed(scores.pairwise.f1)}`,
          `  B-cubed   ${fixed(scores.bcubed.precision)}     ${fixed(scores.bcubed.recall)}  ${fixed(scores.bcubed.f1)}`,
          `  best reachable with groups of at most ${maxGroupSize} (maxGroupSize): pairwise F1 ${fixed(ceiling.pairwise.f1)}, B-cubed F1 ${fixed(ceiling.bcubed.f1)}`,
          `  ${(elapsedMs / 1000).toFixed(1)} s`,
          '',
        ].join('\n'),
      );
    } finally {
      progress.stop();
    }
  });
}
