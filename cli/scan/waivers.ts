import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { watched } from '../../lambda/domain/usage';
import { UsageError } from '../args';
import type { Finding } from './findings';

/** A decision to live with a model for a while: it does not fail the gate up to and including `until`. */
export interface Waiver {
  /** A model id or id prefix, an inference-profile id or an ARN. */
  readonly model: string;
  /** The last day (UTC) the waiver holds, YYYY-MM-DD. */
  readonly until: string;
  readonly reason: string;
}

export type WaivedFinding = Finding & { readonly waiver: Waiver | null };

/** A waiver past its `until`, and how many findings it would still cover. */
export interface ExpiredWaiver extends Waiver {
  readonly findings: number;
}

const KEYS = ['model', 'until', 'reason'];

/** A real calendar date in YYYY-MM-DD (2026-02-30 is not one). */
const isDate = (value: string): boolean =>
  /^\d{4}-\d{2}-\d{2}$/.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);

/**
 * The waivers of a waiver file's text. A file that is not what it should be is a usage error that
 * names the file, the entry and the problem: a waiver read wrongly would pass or fail builds it
 * should not.
 */
export function parseWaivers(text: string, file: string): Waiver[] {
  const fail = (problem: string): never => {
    throw new UsageError(`${file}: ${problem}`);
  };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return fail(`not JSON (${(error as Error).message})`);
  }
  const list =
    typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as { waivers?: unknown }).waivers
      : undefined;
  if (!Array.isArray(list)) return fail('must be an object with a "waivers" array');
  const extra = Object.keys(parsed as object).filter((key) => key !== 'waivers');
  if (extra.length > 0) fail(`unknown key "${extra[0]}" (only "waivers")`);
  return list.map((entry: unknown, i) => {
    const at = `waivers[${i}]`;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry))
      return fail(`${at} must be an object with "model", "until" and "reason"`);
    const record = entry as Record<string, unknown>;
    const unknownKey = Object.keys(record).find((key) => !KEYS.includes(key));
    if (unknownKey !== undefined) fail(`${at} has an unknown key "${unknownKey}"`);
    for (const key of KEYS) {
      const value = record[key];
      if (typeof value !== 'string' || value.trim() === '') fail(`${at}.${key} must be a non-empty string`);
    }
    const waiver = record as unknown as Waiver;
    if (!isDate(waiver.until))
      fail(`${at}.until must be a date YYYY-MM-DD, not ${JSON.stringify(waiver.until)}`);
    return { model: waiver.model.trim(), until: waiver.until, reason: waiver.reason.trim() };
  });
}

const covers = (waiver: Waiver, finding: Finding): boolean =>
  finding.reference.startsWith(waiver.model) ||
  (finding.modelId !== null && watched([waiver.model], finding.modelId));

/**
 * Findings with the waiver that covers them on `now`'s UTC day, and the waivers past their day. An
 * expired waiver covers nothing: the finding counts again, and the waiver is reported so that
 * someone renews it or moves off the model.
 */
export function applyWaivers(
  findings: readonly Finding[],
  waivers: readonly Waiver[],
  now: Date,
): { findings: WaivedFinding[]; expired: ExpiredWaiver[] } {
  const today = now.toISOString().slice(0, 10);
  const holding = waivers.filter((w) => w.until >= today);
  return {
    findings: findings.map((finding) => ({
      ...finding,
      waiver: finding.class === null ? null : (holding.find((w) => covers(w, finding)) ?? null),
    })),
    expired: waivers
      .filter((w) => w.until < today)
      .map((w) => ({ ...w, findings: findings.filter((f) => f.class !== null && covers(w, f)).length })),
  };
}

/** The waiver file a scan root holds unless another is named. */
export const WAIVER_FILE = '.bedrock-lifecycle.json';

/** The waivers of a named file, or of the root's default one when it exists (none otherwise). */
export function readWaivers(
  file: string | undefined,
  root: string,
): { waivers: Waiver[]; file: string | null } {
  const path = file === undefined ? resolve(root, WAIVER_FILE) : resolve(file);
  if (!existsSync(path)) {
    if (file !== undefined) throw new UsageError(`--waivers ${file}: no such file`);
    return { waivers: [], file: null };
  }
  return { waivers: parseWaivers(readFileSync(path, 'utf8'), file ?? WAIVER_FILE), file: path };
}
