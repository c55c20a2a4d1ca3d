import { Writable } from 'node:stream';

/**
 * GitHub Actions runs a line of a step's output as a workflow command when, leading whitespace
 * trimmed (.NET `TrimStart`: spaces, tabs, no-break and other Unicode spaces), it starts with "::"
 * (`::error …`, `::add-mask::…`, `::stop-commands::…`); lines end at `\n`, `\r\n` or `\r`. Its
 * older syntax, `##[command]…`, is taken anywhere in a line. Data the CLI prints (a file name at the
 * start of a report line, a model name in a table) must never do either: a zero-width space goes
 * before such a line and inside every `##[`. The runner does not trim it, a reader does not see
 * it, and the text stays what it was.
 */
const GUARD = '\u200b';
const SPACE = '[\\t\\v\\f \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';
const COMMAND_START = new RegExp(`(^|\\r\\n|\\r|\\n)(${SPACE}*)(?=::)`, 'g');
const LEGACY_COMMAND = /##\[/g;
const ONLY_SPACE = new RegExp(`^${SPACE}*$`);

/**
 * The text with a guard before every line that would start a workflow command; `blankSoFar` says
 * whether the line an earlier write left open holds only whitespace (or none is open), so that its
 * first characters here still start a line for the runner.
 */
export function inertCommands(text: string, blankSoFar = true): string {
  return text
    .replace(COMMAND_START, (whole, lineBreak: string, space: string, offset: number) =>
      offset === 0 && lineBreak === '' && !blankSoFar ? whole : `${lineBreak}${GUARD}${space}`,
    )
    .replace(LEGACY_COMMAND, `#${GUARD}#[`);
}

/** Whether the line a write leaves open holds only whitespace, given whether it did before. */
function blankAfter(text: string, blankSoFar: boolean): boolean {
  const lineBreak = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r'));
  return (lineBreak >= 0 || blankSoFar) && ONLY_SPACE.test(text.slice(lineBreak + 1));
}

/** A stream that writes to `stream` with every would-be workflow command made inert, across writes. */
export function commandSafe(
  stream: NodeJS.WritableStream & { isTTY?: boolean },
): Writable & { isTTY?: boolean } {
  let blankSoFar = true;
  const safe = new Writable({
    decodeStrings: false,
    write(chunk: string | Buffer, _encoding, done) {
      const text = typeof chunk === 'string' ? chunk : chunk.toString('utf8');
      const guarded = inertCommands(text, blankSoFar);
      blankSoFar = blankAfter(text, blankSoFar);
      stream.write(guarded, (error?: Error | null) => done(error ?? null));
    },
  });
  return Object.assign(safe, { isTTY: stream.isTTY });
}
