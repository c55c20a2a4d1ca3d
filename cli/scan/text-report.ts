import { day, PHASE_LABEL, plural } from '../../lambda/messages/wording';
import { type Io, PHASE_STYLE, type Style, table, terminalText } from '../output';
import { DEADLINE_WORDS, type Level } from './findings';
import { reported, type ScanReport } from './scan-report';
import { MAX_FILE_BYTES } from './source-files';
import type { WaivedFinding } from './waivers';

const LEVEL_STYLE: Readonly<Record<Level, Style>> = { error: 'red', warning: 'yellow', note: 'dim' };

/** A finding's table row; days left within the gate's window are red. */
const row =
  (withinDays: number) =>
  (f: WaivedFinding): [string, Style?][] => {
    const next = f.nextDeadline;
    return [
      f.waiver ? ['waived', 'dim'] : [f.level ?? '', f.level ? LEVEL_STYLE[f.level] : undefined],
      [`${f.path}:${f.line}:${f.column}`],
      [f.reference],
      f.phase === null
        ? [f.regions.length > 0 ? 'Not listed' : 'Not checked', 'dim']
        : [PHASE_LABEL[f.phase], PHASE_STYLE[f.phase]],
      [next ? `${DEADLINE_WORDS[next.deadline]} ${day(next.date)}` : '-'],
      [next ? String(next.days) : '-', next && next.days <= withinDays ? 'red' : undefined],
      [f.replacement ?? '-'],
    ];
  };

/**
 * The report for a terminal or a CI log: a table of the findings in file order (file:line:column,
 * the reference, phase, next deadline, days left, a replacement), then why each one was raised or
 * waived, then expired waivers. Data from files and from AWS is escaped for the terminal.
 */
export function textReport(io: Io, report: ScanReport): string {
  const findings = reported(report);
  const lines =
    findings.length === 0
      ? ['No Bedrock model reference needs attention.']
      : [
          table(
            io,
            ['LEVEL', 'LOCATION', 'MODEL', 'PHASE', 'NEXT DEADLINE', 'DAYS LEFT', 'REPLACEMENT'],
            findings.map(row(report.withinDays)),
          ),
          '',
        ];
  lines.push(
    ...findings.map(
      (f) =>
        `${terminalText(`${f.path}:${f.line}:${f.column}`)}: ${terminalText(f.message)}${
          f.waiver ? ` Waived until ${f.waiver.until}: ${terminalText(f.waiver.reason)}` : ''
        }`,
    ),
  );
  for (const w of report.expiredWaivers)
    lines.push(
      `Expired waiver: ${terminalText(w.model)} (until ${w.until}, ${terminalText(w.reason)}) no longer applies; ${plural(w.findings, 'finding')} count again.`,
    );
  return lines.join('\n');
}

/** Unreadable paths named in the summary; all are in the JSON report. */
const UNREADABLE_SHOWN = 5;

/**
 * The lines for stderr: what was scanned and found, by level, what was skipped, and, with
 * `--fail-on`, how the gate went.
 */
export function summary(report: ScanReport): string[] {
  const shown = reported(report);
  const open = shown.filter((f) => f.waiver === null);
  const count = (level: Level) => plural(open.filter((f) => f.level === level).length, level);
  const { failOn, failed, failing } = report.gate;
  const classes = failOn.join(' or ');
  const days = plural(report.withinDays, 'day');
  return [
    [
      `Scanned ${plural(report.files, 'file')} in ${report.regions.join(', ')}: ${plural(report.findings.length, 'model reference')}`,
      `${count('error')}, ${count('warning')}, ${count('note')}, ${shown.length - open.length} waived`,
      ...(report.skipped.binary > 0 ? [`skipped ${plural(report.skipped.binary, 'binary file')}`] : []),
      ...(report.skipped.tooLarge > 0
        ? [`skipped ${plural(report.skipped.tooLarge, 'file')} over ${MAX_FILE_BYTES / 1024 / 1024} MB`]
        : []),
      ...(report.skipped.unreadable.length > 0
        ? [
            `skipped ${plural(report.skipped.unreadable.length, 'unreadable path')} (${report.skipped.unreadable
              .slice(0, UNREADABLE_SHOWN)
              .map((u) => terminalText(`${u.path}: ${u.reason}`))
              .join(', ')}${report.skipped.unreadable.length > UNREADABLE_SHOWN ? ', …' : ''})`,
          ]
        : []),
    ].join('; '),
    ...(failOn.length === 0
      ? []
      : [
          failed
            ? `Gate failed: ${plural(failing, 'finding')} ${failing === 1 ? 'is' : 'are'} ${classes}, within ${days}, and not waived`
            : `Gate passed: no unwaived finding is ${classes} within ${days}`,
        ]),
  ];
}
