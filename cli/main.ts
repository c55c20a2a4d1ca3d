import { nowOption, optionArgs, UsageError } from './args';
import { calendar } from './commands/calendar';
import { check } from './commands/check';
import type { Command } from './commands/command';
import { doctor } from './commands/doctor';
import { history } from './commands/history';
import { mcp } from './commands/mcp';
import { scan } from './commands/scan';
import { snapshot } from './commands/snapshot';
import { status } from './commands/status';
import { testAlert } from './commands/test-alert';
import { timeline } from './commands/timeline';
import { type Io, terminalText } from './output';

const COMMANDS: readonly Command[] = [
  status,
  check,
  scan,
  history,
  snapshot,
  timeline,
  calendar,
  doctor,
  testAlert,
  mcp,
];
const NAME = 'bedrock-lifecycle';

const USAGE = `Usage: ${NAME} <command> [options]

Amazon Bedrock model lifecycles: what is Legacy, in extended access or retiring, and when.

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(12)}${c.summary}`).join('\n')}

Every command takes --json, --help, --no-color, --debug, and --now TIME to evaluate phases
and days as of another time (to plan ahead, or for reproducible output). AWS credentials, region
and endpoints come from the standard AWS configuration (AWS_PROFILE, AWS_REGION, AWS_ENDPOINT_URL, …).
Run '${NAME} <command> --help' for a command's options.`;

const COMMON_OPTIONS_HELP: readonly [string, string][] = [
  ['--now TIME', 'Evaluate phases and days as of this date or ISO time (default: now)'],
  ['--no-color', 'No colour, even on a terminal (also NO_COLOR=1)'],
  ['--debug', 'Print stack traces of errors'],
  ['-h, --help', 'Show this help'],
];

/** A command's help followed by the options every command takes, in the command's own column. */
function helpOf(command: Command): string {
  const column = /^ {2}--json +/m.exec(command.help)?.[0].length ?? 20;
  return [command.help, ...COMMON_OPTIONS_HELP.map(([flag, text]) => `  ${flag}`.padEnd(column) + text)].join(
    '\n',
  );
}

/**
 * Runs the CLI and returns its exit code: 0 done, 1 failed (or, for `check`, a model failed),
 * 2 called wrongly. Errors are one line; --debug adds the stack trace.
 */
export async function main(
  argv: readonly string[],
  io: Omit<Io, 'colour'> & { stdoutIsTty: boolean },
): Promise<number> {
  const [name, ...rest] = argv;
  const options = optionArgs(rest);
  const debug = options.includes('--debug');
  const colour = io.stdoutIsTty && !options.includes('--no-color') && !process.env.NO_COLOR;
  if (name === undefined || name === '--help' || name === '-h') {
    (name === undefined ? io.err : io.out).write(`${USAGE}\n`);
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  try {
    if (!command) throw new UsageError(`unknown command "${name}"`);
    const context: Io = { out: io.out, err: io.err, now: nowOption(rest, io.now), colour };
    if (options.includes('--help') || options.includes('-h')) {
      io.out.write(`${helpOf(command)}\n`);
      return 0;
    }
    return await command.run(rest, context);
  } catch (error) {
    const where = command ? `${NAME} ${command.name}` : NAME;
    if (error instanceof UsageError) {
      io.err.write(
        `${where}: ${terminalText(error.message)} (see '${command ? `${NAME} ${command.name}` : NAME} --help')\n`,
      );
      return 2;
    }
    const e = error instanceof Error ? error : new Error(String(error));
    // An error may quote data (a model id, a name): it reaches the terminal escaped.
    io.err.write(
      `${where}: ${terminalText(`${e.name === 'Error' ? '' : `${e.name}: `}${e.message.split('\n')[0]}`)}\n`,
    );
    if (debug && e.stack) io.err.write(`${e.stack}\n`);
    return 1;
  }
}
