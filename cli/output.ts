import type { Severity } from '../lambda/domain/events';
import type { Phase } from '../lambda/domain/model';
import { visible } from '../lambda/domain/text';

/** Where a command writes, and whether it may use colour (a terminal, and no NO_COLOR). */
export interface Io {
  readonly out: NodeJS.WritableStream;
  readonly err: NodeJS.WritableStream & { isTTY?: boolean };
  readonly colour: boolean;
  /** The moment commands measure days from. */
  readonly now: Date;
}

const ANSI = { red: 31, green: 32, yellow: 33, magenta: 35, dim: 2, bold: 1 } as const;
export type Style = keyof typeof ANSI;

export const paint = (io: Io, style: Style | undefined, text: string): string =>
  io.colour && style ? `\u001b[${ANSI[style]}m${text}\u001b[0m` : text;

export const PHASE_STYLE: Readonly<Record<Phase, Style>> = {
  ACTIVE: 'green',
  LEGACY: 'yellow',
  EXTENDED_ACCESS: 'magenta',
  EOL: 'red',
  UNKNOWN: 'dim',
};

export const SEVERITY_STYLE: Readonly<Record<Severity, Style>> = {
  critical: 'red',
  warning: 'yellow',
  info: 'dim',
};

/**
 * Text from data made safe for a terminal: a control character (ESC, BEL, a newline, an 8-bit
 * CSI, a bidirectional override) shows as its escape instead of moving the cursor, starting an
 * OSC 8 link or recolouring the screen. The CLI's own colours are added after, by `paint`.
 */
export const terminalText = visible;

/** A left-aligned text table; cells may be styled, and padding ignores the colour codes. */
export function table(
  io: Io,
  headers: readonly string[],
  rows: readonly (readonly [string, Style?][])[],
): string {
  const safe = rows.map((row) => row.map(([text, style]) => [terminalText(text), style] as [string, Style?]));
  const widths = headers.map((h, i) => Math.max(h.length, ...safe.map((row) => row[i]?.[0].length ?? 0)));
  const line = (cells: readonly [string, Style?][]) =>
    cells
      .map(([text, style], i) =>
        paint(io, style, i === cells.length - 1 ? text : text.padEnd(widths[i] ?? 0)),
      )
      .join('  ')
      .trimEnd();
  return [line(headers.map((h) => [h, 'bold'] as [string, Style])), ...safe.map(line)].join('\n');
}

export const writeLine = (stream: NodeJS.WritableStream, text: string): void => {
  stream.write(`${text}\n`);
};

/**
 * JSON as the CLI prints it. JSON.stringify escapes C0 controls but writes DEL, C1 and the
 * bidirectional controls as they are; those are escaped too, line by line (the line breaks are
 * JSON's own), which keeps the JSON the same value.
 */
export const writeJson = (io: Io, value: unknown): void =>
  writeLine(io.out, JSON.stringify(value, null, 2).split('\n').map(terminalText).join('\n'));
