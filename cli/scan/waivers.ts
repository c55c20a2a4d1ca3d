import { lstatSync, readFileSync, type Stats } from 'node:fs';
import { resolve } from 'node:path';
import { baseModelId } from '../../lambda/domain/model-reference';
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
  } catch {
    // The parser's message quotes the text: never echoed, whatever the file holds.
    return fail('not valid JSON');
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

/**
 * The waivers that cover a finding, in file order: those whose model is a prefix of the reference as
 * written, or whose model (a profile id or ARN counts as its model) is a prefix of the finding's
 * model. Indexed by those prefixes, so each finding costs its own length, not the number of
 * waivers: 10,000 waivers against 10,000 findings took 33 s when every pair was tried.
 */
function coveringWaivers(waivers: readonly Waiver[]): (finding: Finding) => Waiver[] {
  const index = (key: (w: Waiver) => string) => {
    const map = new Map<string, number[]>();
    waivers.forEach((w, i) => {
      const k = key(w);
      const same = map.get(k);
      if (same) same.push(i);
      else map.set(k, [i]);
    });
    return map;
  };
  const byReference = index((w) => w.model);
  const byModel = index((w) => baseModelId(w.model));
  const prefixed = (map: ReadonlyMap<string, number[]>, text: string) =>
    Array.from({ length: text.length }, (_, i) => map.get(text.slice(0, i + 1)) ?? []).flat();
  return (finding) =>
    [
      ...new Set([
        ...prefixed(byReference, finding.reference),
        ...(finding.modelId === null ? [] : prefixed(byModel, finding.modelId)),
      ]),
    ]
      .sort((a, b) => a - b)
      .flatMap((i) => waivers[i] ?? []);
}

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
  const holding = coveringWaivers(waivers.filter((w) => w.until >= today));
  const expiredWaivers = waivers.filter((w) => w.until < today);
  const expiredOf = coveringWaivers(expiredWaivers);
  const counts = new Map<Waiver, number>();
  for (const finding of findings) {
    if (finding.class === null) continue;
    for (const w of expiredOf(finding)) counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  return {
    findings: findings.map((finding) => ({
      ...finding,
      waiver: finding.class === null ? null : (holding(finding)[0] ?? null),
    })),
    expired: expiredWaivers.map((w) => ({ ...w, findings: counts.get(w) ?? 0 })),
  };
}

/** The waiver file a scan root holds unless another is named. */
export const WAIVER_FILE = '.bedrock-lifecycle.json';

/** Larger waiver files are no list anyone keeps: refused. */
export const MAX_WAIVER_FILE_BYTES = 1024 * 1024;

/**
 * The waivers of a named file, or of the root's default one when it exists (none otherwise). The
 * file must be a regular file, not a link (in a pull request, a link could name any file on the
 * runner, and a FIFO would block), of at most 1 MiB; errors never quote what it holds.
 */
export function readWaivers(
  file: string | undefined,
  root: string,
): { waivers: Waiver[]; file: string | null } {
  const path = file === undefined ? resolve(root, WAIVER_FILE) : resolve(file);
  const name = file ?? WAIVER_FILE;
  let stat: Stats;
  try {
    stat = lstatSync(path);
  } catch {
    if (file !== undefined) throw new UsageError(`--waivers ${file}: no such file`);
    return { waivers: [], file: null };
  }
  if (!stat.isFile()) throw new UsageError(`${name}: not a regular file (a waiver file is never a link)`);
  if (stat.size > MAX_WAIVER_FILE_BYTES) throw new UsageError(`${name}: over ${MAX_WAIVER_FILE_BYTES} bytes`);
  return { waivers: parseWaivers(readFileSync(path, 'utf8'), name), file: path };
}
