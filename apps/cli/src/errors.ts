/** Exit codes of the `kindred` command. */
export const EXIT = {
  ok: 0,
  /** An unexpected failure. */
  failure: 1,
  /** The command cannot start: bad options, unreadable or empty input, a column map that does not fit. */
  usage: 2,
  /** `--strict` and some records were rejected: nothing was written. */
  rejected: 3,
} as const;

/** A failure the user can act on: printed as its message alone, no stack. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.usage,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
