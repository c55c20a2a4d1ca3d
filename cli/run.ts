import { main } from './main';

/** The executable's body: real streams, the real clock, the exit code for the shell. */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
main(process.argv.slice(2), {
  out: process.stdout,
  err: process.stderr,
  now: new Date(),
  stdoutIsTty: process.stdout.isTTY === true,
}).then((code) => {
  process.exitCode = code;
});
