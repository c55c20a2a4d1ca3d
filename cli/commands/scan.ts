import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { DEFAULT_GATE_DAYS, daysOption, listOption, parseCommand, UsageError } from '../args';
import { regionsOrDefault } from '../aws';
import { type Io, writeJson, writeLine } from '../output';
import { GATE_CLASSES, isGateClass } from '../scan/findings';
import { runScan } from '../scan/run-scan';
import { sarifLog } from '../scan/sarif';
import { summary, textReport } from '../scan/text-report';
import { readWaivers, WAIVER_FILE } from '../scan/waivers';
import type { Command } from './command';

const FORMATS = ['text', 'json', 'sarif'] as const;

const HELP = `Usage: bedrock-lifecycle scan [PATH...] [--regions r1,r2] [--format text|json|sarif]
                              [--output FILE] [--fail-on eol,extended-access,legacy,unknown]
                              [--within DAYS] [--waivers FILE] [--exclude PATTERN]...

Finds the Bedrock models your code and infrastructure name (model ids, inference-profile ids such
as us.… or global.…, and ARNs) in every text file under the PATHs, and checks each against the
live lifecycle in the regions: one ListFoundationModels call per region. It skips .git,
node_modules, cdk.out, build outputs, binary files and what .gitignore ignores.

Paths in the report are relative to the scan root: the current directory, or, when the one PATH
named lies outside it, that directory (or the file's).

Levels: error for a model past its end of life or within DAYS of it; warning for a Legacy model, one
in extended access, or one no scanned region lists (unknown); note for an announced date.

Options:
  PATH...              Files and directories to scan (default .)
  --regions r1,r2      Regions to check against (default: your configured region)
  --format FORMAT      text (default), json, or sarif (SARIF 2.1.0, for code scanning)
  --output FILE        Write the report there; the text report still goes to stdout
  --fail-on CLASSES    Exit 1 when an unwaived finding is one of: ${GATE_CLASSES.join(', ')}
                       (legacy also matches later phases; a date within DAYS also matches)
  --within DAYS        How close a date counts as now (default ${DEFAULT_GATE_DAYS})
  --exclude PATTERN    Leave out what this .gitignore-style pattern matches, from the scan root
                       (docs/, CHANGELOG.md, *.test.ts); repeat for more
  --waivers FILE       Waivers (default ${WAIVER_FILE} at the scan root, if present):
                       {"waivers": [{"model": "<id or prefix>", "until": "YYYY-MM-DD", "reason": "…"}]}
  --omit-waived        SARIF only: leave waived findings out of the results (a notification counts
                       them), for GitHub code scanning, which ignores SARIF suppressions and would
                       show them as open alerts; they stay in the text report
  --json               Same as --format json

Exit codes: 0 reported (and, with --fail-on, nothing failed), 1 a finding failed the gate or the
scan failed, 2 a usage error (a bad option, path or waiver file).`;

/**
 * The scan root: the current directory when every path lies in it; otherwise the one path named
 * (a directory, or a file's directory).
 */
function rootOf(paths: readonly string[], cwd: string): string {
  const inside = (path: string) =>
    !relative(cwd, path).startsWith(`..${sep}`) && relative(cwd, path) !== '..';
  if (paths.every(inside)) return cwd;
  const [only] = paths;
  if (paths.length === 1 && only !== undefined) return statSync(only).isDirectory() ? only : dirname(only);
  throw new UsageError(
    'paths outside the current directory: run the scan from a directory that holds them all',
  );
}

export const scan: Command = {
  name: 'scan',
  summary: 'Find model ids in code and infrastructure; report (text, JSON, SARIF) and gate CI',
  help: HELP,
  async run(argv: readonly string[], io: Io): Promise<number> {
    const { values: options, positionals } = parseCommand(
      argv,
      {
        regions: { type: 'string' },
        format: { type: 'string' },
        output: { type: 'string' },
        'fail-on': { type: 'string' },
        within: { type: 'string' },
        waivers: { type: 'string' },
        exclude: { type: 'string', multiple: true },
        'omit-waived': { type: 'boolean' },
      },
      { positionals: true },
    );
    const format = options.format ?? (options.json ? 'json' : 'text');
    if (!(FORMATS as readonly string[]).includes(format))
      throw new UsageError(`--format takes ${FORMATS.join(', ')}, not "${format}"`);
    const failOn = (listOption(options['fail-on']) ?? []).map((c) => {
      if (!isGateClass(c)) throw new UsageError(`--fail-on takes ${GATE_CLASSES.join(', ')}, not "${c}"`);
      return c;
    });
    const withinDays = daysOption(options.within, 'within') ?? DEFAULT_GATE_DAYS;
    const cwd = process.cwd();
    const paths = (positionals.length > 0 ? positionals : ['.']).map((p) => resolve(cwd, p));
    const missing = paths.find((p) => !existsSync(p));
    if (missing !== undefined)
      throw new UsageError(`${relative(cwd, missing) || missing}: no such file or directory`);
    const root = rootOf(paths, cwd);
    const { waivers, file: waiverFile } = readWaivers(options.waivers, root);
    const regions = await regionsOrDefault(listOption(options.regions));

    const output = options.output === undefined ? null : resolve(cwd, options.output);
    const exclude = {
      files: new Set([waiverFile, output].filter((p): p is string => p !== null)),
      patterns: options.exclude ?? [],
    };
    const report = await runScan(
      { root, paths, regions, withinDays, failOn, waivers, exclude, now: io.now },
      io.err,
    );
    const document =
      format === 'sarif' ? sarifLog(report, { omitWaived: options['omit-waived'] === true }) : report;
    if (output !== null) {
      mkdirSync(dirname(output), { recursive: true });
      const text =
        format === 'text' ? textReport({ ...io, colour: false }, report) : JSON.stringify(document, null, 2);
      writeFileSync(output, `${text}\n`);
      writeLine(io.out, textReport(io, report));
    } else if (format === 'text') writeLine(io.out, textReport(io, report));
    else writeJson(io, document);

    for (const line of summary(report)) writeLine(io.err, line);
    return report.gate.failed ? 1 : 0;
  },
};
