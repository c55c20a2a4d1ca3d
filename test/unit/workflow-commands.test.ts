import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { commandSafe, inertCommands } from '../../cli/workflow-commands';

/** What the runner takes for a command: a line that starts with "::" once .NET trims its start, or "##[" anywhere. */
const commandLines = (text: string) =>
  text
    .split(/\r\n|\r|\n/)
    .filter(
      (line) =>
        line.replace(/^[\s\u0085\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+/u, '').startsWith('::') ||
        line.includes('##['),
    );

describe('no line the CLI prints can run as a GitHub Actions workflow command', () => {
  it.each([
    ['a line start', '::error title=x::forged'],
    ['spaces and tabs first', ' \t::add-mask::secret'],
    ['a no-break space first', '\u00a0::error::x'],
    ['an ideographic space first', '\u3000::add-mask::x'],
    ['an em space first', '\u2003::warning::x'],
    ['after a carriage return', 'report\r::error::x'],
    ['after CRLF', 'report\r\n::stop-commands::token'],
    ['the older ##[ syntax, mid-line', 'src/##[add-mask]secret.ts:1:1: Legacy'],
  ])('guards %s', (_, text) => {
    const guarded = inertCommands(`${text}\nnext line\n`);
    expect(commandLines(guarded)).toEqual([]);
    expect(guarded.replace(/\u200b/g, '')).toBe(`${text}\nnext line\n`);
  });

  it('guards a command split across writes, and leaves a line that merely holds "::" later alone', async () => {
    const sink = new PassThrough();
    let written = '';
    sink.on('data', (chunk: Buffer) => {
      written += chunk.toString();
    });
    const out = commandSafe(sink);
    for (const part of ['done\n', '  ', '::error::split\n', 'a::b\n', 'x', '::not-a-command\n'])
      out.write(part);
    await new Promise<void>((resolve) => out.end(resolve));
    expect(commandLines(written)).toEqual([]);
    expect(written).toContain('a::b\n');
    expect(written).toContain('x::not-a-command\n');
  });
});
