import { main } from './main';
import { commandSafe } from './workflow-commands';

/** The executable's body: real streams, the real clock, the exit code for the shell. */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
main(process.argv.slice(2), {
  // Whatever the CLI prints, no line of it can run as a GitHub Actions workflow command.
  out: commandSafe(process.stdout),
  err: commandSafe(process.stderr),
  now: new Date(),
  stdoutIsTty: process.stdout.isTTY === true,
}).then((code) => {
  process.exitCode = code;
});
