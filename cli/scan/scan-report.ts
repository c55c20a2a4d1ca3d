import type { GateClass } from './findings';
import type { Skipped } from './source-files';
import type { ExpiredWaiver, WaivedFinding } from './waivers';

/** What `scan` found, as `--format json` prints it and the other formats render it. */
export interface ScanReport {
  /** The directory paths are relative to. */
  readonly root: string;
  readonly regions: readonly string[];
  /** The time phases and days are measured at (ISO). */
  readonly evaluatedAt: string;
  readonly withinDays: number;
  readonly files: number;
  readonly skipped: Skipped;
  /** Every reference found, Active ones with no date included (`class` null). */
  readonly findings: readonly WaivedFinding[];
  readonly expiredWaivers: readonly ExpiredWaiver[];
  readonly gate: Gate;
}

export interface Gate {
  readonly failOn: readonly GateClass[];
  /** Whether a finding that no waiver covers meets a `failOn` class. */
  readonly failed: boolean;
  /** How many such findings. */
  readonly failing: number;
}

/** The gate over the findings: any unwaived finding that meets a `--fail-on` class fails it. */
export function gateOf(findings: readonly WaivedFinding[], failOn: readonly GateClass[]): Gate {
  const failing = findings.filter((f) => f.waiver === null && f.matches.some((c) => failOn.includes(c)));
  return { failOn, failed: failing.length > 0, failing: failing.length };
}

/** The findings worth reporting: those with a class, waived or not. */
export const reported = (report: ScanReport): WaivedFinding[] =>
  report.findings.filter((f) => f.class !== null);
