import { Command, CommanderError } from 'commander';
import { registerClusterCommand } from './commands/cluster.js';
import { registerEvalCommand } from './commands/eval.js';
import { registerKeysCommand } from './commands/keys.js';
import type { CliIo } from './commands/shared.js';
import { CliError, EXIT } from './errors.js';

/** The `kindred` program: one register function per command under ./commands. */
export function buildProgram(io: CliIo): Command {
  const program = new Command('kindred')
    .description('Kindred finds related accounts in B2B customer data.')
    .version('0.1.0')
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    })
    .addHelpText(
      'after',
      `
Exit codes: 0 done (skipped records are listed), 2 bad options or unusable input,
3 records rejected under --strict (or none valid), 1 unexpected failure.`,
    )
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  registerClusterCommand(program, io);
  registerEvalCommand(program, io);
  registerKeysCommand(program, io);
  const inherit = (command: Command): void => {
    for (const sub of command.commands) {
      sub.exitOverride().configureOutput(program.configureOutput());
      inherit(sub);
    }
  };
  inherit(program);
  return program;
}

/** Runs `kindred` with these arguments; resolves to the exit code. */
export async function main(argv: readonly string[], io: CliIo = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync(argv as string[], { from: 'user' });
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit 0; usage errors were already printed by commander.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof CliError) {
      io.stderr.write(`kindred: ${error.message}\n`);
      return error.exitCode;
    }
    io.stderr.write(`kindred: unexpected failure: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return EXIT.failure;
  }
}
