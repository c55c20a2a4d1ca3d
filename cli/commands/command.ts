import type { Io } from '../output';

/** A subcommand of bedrock-lifecycle. `run` returns the exit code; usage mistakes throw UsageError. */
export interface Command {
  readonly name: string;
  readonly summary: string;
  readonly help: string;
  run(argv: readonly string[], io: Io): Promise<number>;
}
