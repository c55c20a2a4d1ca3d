import { Writable } from 'node:stream';

/**
 * GitHub Actions runs a line of a step's output as a workflow command when it starts with "::"
 * once leading whitespace is trimmed (`::error …`, `::add-mask::…`, `::stop-commands::…`). Data the
 * CLI prints (a file name at the start of a report line, a model name in a table) must never start
 * one: a zero-width space goes before such a line. The runner does not trim it, a reader does not
 * see it, and the text stays what it was.
 */
const GUARD = '\u200b';
const COMMAND_START = /(^|\n)([ \t]*)(?=::)/g;

/** The text with a guard before every line that would start a workflow command. */
export function inertCommands(text: string, atLineStart = true): string {
  return text.replace(COMMAND_START, (whole, newline: string, space: string, offset: number) =>
    offset === 0 && newline === '' && !atLineStart ? whole : `${newline}${GUARD}${space}`,
  );
}

/**
 * A stream that writes to `stream` with every would-be workflow command made inert. The CLI writes
 * whole lines (or a progress label), so a line start is the start of a write or what follows a
 * line break in it.
 */
export function commandSafe(
  stream: NodeJS.WritableStream & { isTTY?: boolean },
): Writable & { isTTY?: boolean } {
  let atLineStart = true;
  const safe = new Writable({
    decodeStrings: false,
    write(chunk: string | Buffer, _encoding, done) {
      const text = typeof chunk === 'string' ? chunk : chunk.toString('utf8');
      const guarded = inertCommands(text, atLineStart);
      if (text.length > 0) atLineStart = text.endsWith('\n');
      stream.write(guarded, (error?: Error | null) => done(error ?? null));
    },
  });
  return Object.assign(safe, { isTTY: stream.isTTY });
}
