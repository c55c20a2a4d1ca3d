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
 * The text with a guard before every line that would start a workflow command; `continues` is the
 * head of a line an earlier write left open, when it holds only whitespace (null when it holds
 * more, or none is open).
 */
export function inertCommands(text: string, continues: string | null = ''): string {
  return text
    .replace(COMMAND_START, (whole, lineBreak: string, space: string, offset: number) =>
      offset === 0 && lineBreak === '' && continues === null ? whole : `${lineBreak}${GUARD}${space}`,
    )
    .replace(LEGACY_COMMAND, `#${GUARD}#[`);
}

/** What a write leaves open for the next: the head of its last line if only whitespace, else null. */
function openHead(text: string, before: string | null): string | null {
  const lineBreak = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r'));
  const tail = text.slice(lineBreak + 1);
  const head = lineBreak < 0 ? (before === null ? null : before + tail) : tail;
  return head !== null && ONLY_SPACE.test(head) ? head : null;
}

/** A stream that writes to `stream` with every would-be workflow command made inert, across writes. */
export function commandSafe(
  stream: NodeJS.WritableStream & { isTTY?: boolean },
): Writable & { isTTY?: boolean } {
  let head: string | null = '';
  const safe = new Writable({
    decodeStrings: false,
    write(chunk: string | Buffer, _encoding, done) {
      const text = typeof chunk === 'string' ? chunk : chunk.toString('utf8');
      const guarded = inertCommands(text, head);
      head = openHead(text, head);
      stream.write(guarded, (error?: Error | null) => done(error ?? null));
    },
  });
  return Object.assign(safe, { isTTY: stream.isTTY });
}
