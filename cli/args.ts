import { type ParseArgsConfig, parseArgs } from 'node:util';

/** A mistake in how the command was called: exit code 2 and a pointer to --help. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Options every command takes. */
export const COMMON_OPTIONS = {
  json: { type: 'boolean' },
  now: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  debug: { type: 'boolean' },
  'no-color': { type: 'boolean' },
} as const satisfies NonNullable<ParseArgsConfig['options']>;

export function parseOptions<T extends NonNullable<ParseArgsConfig['options']>>(
  argv: readonly string[],
  options: T,
) {
  return parseCommand(argv, options, { positionals: false }).values;
}

/** Options and, where the command takes them, positional arguments (paths). */
export function parseCommand<T extends NonNullable<ParseArgsConfig['options']>>(
  argv: readonly string[],
  options: T,
  { positionals }: { readonly positionals: boolean },
) {
  try {
    return parseArgs({
      args: [...argv],
      options: { ...COMMON_OPTIONS, ...options },
      strict: true,
      allowPositionals: positionals,
    });
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/\. To specify.*$/s, ''));
  }
}

/** Days before a deadline that the CI gates (`check`, `scan --fail-on`) treat as reached. */
export const DEFAULT_GATE_DAYS = 30;

export const listOption = (value: string | undefined): string[] | undefined =>
  value === undefined
    ? undefined
    : value
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean);

export function daysOption(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`--${name} takes a whole number of days, not "${value}"`);
  return Number(value);
}

/**
 * A date or time option as ISO. A bare date means the start of that day for a lower bound and its
 * end for an upper bound, so `--until 2026-04-30` includes all of 30 April.
 */
export function timeOption(
  value: string | undefined,
  name: string,
  bound: 'start' | 'end',
): string | undefined {
  if (value === undefined) return undefined;
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const time = Date.parse(
    dateOnly ? `${value}T${bound === 'start' ? '00:00:00.000' : '23:59:59.999'}Z` : value,
  );
  if (Number.isNaN(time))
    throw new UsageError(`--${name} takes a date (2026-04-28) or an ISO time, not "${value}"`);
  return new Date(time).toISOString();
}

export function required<T>(value: T | undefined, name: string): T {
  if (value === undefined) throw new UsageError(`--${name} is required`);
  return value;
}

/**
 * The arguments before `--`: after it everything is an operand (a path), never an option, so a file
 * named `--help` or `--now=2000-01-01` is scanned, not obeyed.
 */
export const optionArgs = (argv: readonly string[]): readonly string[] => {
  const end = argv.indexOf('--');
  return end < 0 ? argv : argv.slice(0, end);
};

/** `--now ISO`: evaluate phases and days as of that time instead of the clock. */
export function nowOption(args: readonly string[], clock: Date): Date {
  const argv = optionArgs(args);
  const i = argv.findIndex((a) => a === '--now' || a.startsWith('--now='));
  if (i < 0) return clock;
  const value = argv[i]?.includes('=') ? argv[i]?.slice('--now='.length) : argv[i + 1];
  return new Date(timeOption(value, 'now', 'start') ?? clock.toISOString());
}
