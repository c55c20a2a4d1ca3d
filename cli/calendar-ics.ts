import { createHash } from 'node:crypto';
import { DEADLINE_DATES } from '../lambda/domain/deadlines';
import type { Deadline } from '../lambda/domain/events';
import { type CatalogModel, DAY_MS, type Phase } from '../lambda/domain/model';
import { baseModelFirst, variantBase } from '../lambda/domain/model-reference';
import { replacementFinder } from '../lambda/domain/replacements';
import { visible } from '../lambda/domain/text';
import { watched } from '../lambda/domain/usage';
import { unique } from '../lambda/domain/values';
import { meaningOfPhase } from '../lambda/messages/wording';

/** How a calendar names each deadline, and the phase it starts. */
const DEADLINE_WORDS: Readonly<Record<Deadline, { readonly label: string; readonly phase: Phase }>> = {
  LEGACY: { label: 'Legacy (deprecated)', phase: 'LEGACY' },
  EXTENDED_ACCESS: { label: 'public extended access', phase: 'EXTENDED_ACCESS' },
  END_OF_LIFE: { label: 'end of life', phase: 'EOL' },
};

/** One day in the calendar: a model's deadline on a date, in every region that has it that day. */
export interface CalendarEntry {
  readonly uid: string;
  /** The base model's id first, then its context-length variants. */
  readonly modelIds: readonly string[];
  readonly modelName: string;
  readonly provider: string;
  readonly deadline: Deadline;
  /** YYYY-MM-DD, in UTC. */
  readonly date: string;
  readonly regions: readonly string[];
  /** What to test instead: Active models of the same family (or provider) listed in those regions. */
  readonly replacements: readonly string[];
  /**
   * With usage read: what the model costs, and what extended access adds, in the region with the
   * most at stake (the alerts' cost sentence); null when its tokens are unknown or unused.
   */
  readonly cost?: string | null;
}

/** A model's cost in a region, for the calendar: the sentence, and the money at stake to rank it. */
export interface CalendarCost {
  readonly text: string | null;
  readonly stake: number | null;
}

export interface CalendarOptions {
  readonly now: Date;
  /** Only deadlines up to this many days ahead (past ones stay). @default every date */
  readonly withinDays?: number;
  /** Only these models: ids, prefixes, inference-profile ids or ARNs. @default every model */
  readonly models?: readonly string[];
  /** What a model costs in a region, with usage read. @default no cost in the entries */
  readonly costOf?: (region: string, model: CatalogModel) => CalendarCost;
}

/**
 * The lifecycle deadlines of the catalogs as calendar entries: one per model (a base model with its
 * context variants), deadline and date, naming the regions where it falls on that date. Its UID
 * depends on the model, the deadline and the date alone, so a calendar imported again updates its
 * events instead of adding copies.
 */
export function calendarEntries(
  catalogs: readonly { region: string; models: readonly CatalogModel[] }[],
  options: CalendarOptions,
): CalendarEntry[] {
  const horizon =
    options.withinDays === undefined
      ? Number.POSITIVE_INFINITY
      : options.now.getTime() + options.withinDays * DAY_MS;
  const entries = new Map<
    string,
    { first: CatalogModel; deadline: Deadline; date: string; found: Found[] }
  >();
  for (const { region, models } of catalogs) {
    const replacementsOf = replacementFinder(models, options.now);
    for (const model of models) {
      if (options.models && !watched(options.models, model.modelId)) continue;
      for (const [deadline, field] of DEADLINE_DATES) {
        const time = model[field];
        if (time === null || Date.parse(time) > horizon) continue;
        const date = time.slice(0, 10);
        const id = `${variantBase(model.modelId)}|${deadline}|${date}`;
        const entry = entries.get(id) ?? { first: model, deadline, date, found: [] };
        entry.found.push({
          region,
          modelId: model.modelId,
          replacements: replacementsOf(model).candidates,
          cost: options.costOf?.(region, model),
        });
        entries.set(id, entry);
      }
    }
  }
  return [...entries.entries()]
    .map(([id, { first, deadline, date, found }]) => ({
      uid: `${createHash('sha256').update(id).digest('hex').slice(0, 32)}@bedrock-lifecycle-monitor`,
      modelIds: unique(found.map((f) => f.modelId)).sort(baseModelFirst),
      modelName: first.modelName,
      provider: first.provider,
      deadline,
      date,
      regions: unique(found.map((f) => f.region)).sort(),
      replacements: unique(found.flatMap((f) => f.replacements)),
      ...(options.costOf ? { cost: mostAtStake(found)?.text ?? null } : {}),
    }))
    .sort((a, b) => a.date.localeCompare(b.date) || a.modelIds[0]?.localeCompare(b.modelIds[0] ?? '') || 0);
}

interface Found {
  readonly region: string;
  readonly modelId: string;
  readonly replacements: readonly string[];
  readonly cost: CalendarCost | undefined;
}

/** The cost of the region with the most money at stake, as alerts tell it. */
const mostAtStake = (found: readonly Found[]): CalendarCost | undefined =>
  found.flatMap((f) => (f.cost ? [f.cost] : [])).sort((a, b) => (b.stake ?? -1) - (a.stake ?? -1))[0];

const LINE_OCTETS = 75;

/**
 * Folds a content line at 75 octets (RFC 5545 §3.1): each continuation starts with one space, and
 * no UTF-8 sequence is split.
 */
export function fold(line: string): string {
  const lines: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char);
    if (octets + size > LINE_OCTETS) {
      lines.push(current);
      current = ' ';
      octets = 1;
    }
    current += char;
    octets += size;
  }
  lines.push(current);
  return lines.join('\r\n');
}

/** A TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and newline escaped; data's control characters shown as escapes. */
export const text = (value: string): string => visible(value).replace(/[\\;,]/g, (c) => `\\${c}`);

const dateValue = (date: string): string => date.replaceAll('-', '');
const nextDay = (date: string): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
const stamp = (t: Date): string => `${t.toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`;

/** The event's description, one escaped TEXT value whose lines are joined by \n. */
function description(entry: CalendarEntry, label: string, phase: Phase): string {
  return [
    `${entry.modelName} (${entry.modelIds.join(', ')}), ${entry.provider}: ${label} on ${entry.date} in ${entry.regions.join(', ')}.`,
    meaningOfPhase(phase),
    entry.replacements.length > 0
      ? `Test as its replacement: ${entry.replacements.join(', ')}.`
      : 'No Active replacement of the same family or job is listed in these regions.',
    ...(entry.cost ? [entry.cost] : []),
  ]
    .map(text)
    .join('\\n');
}

/**
 * An RFC 5545 calendar of the entries: CRLF line endings, lines folded at 75 octets, one all-day
 * event per entry with a reminder (VALARM) at each of `reminderDays` before it.
 */
export function calendarIcs(
  entries: readonly CalendarEntry[],
  options: { readonly now: Date; readonly name: string; readonly reminderDays: readonly number[] },
): string {
  const events = entries.flatMap((entry) => {
    const { label, phase } = DEADLINE_WORDS[entry.deadline];
    const summary = `${entry.modelName}: ${label} (${entry.regions.join(', ')})`;
    return [
      'BEGIN:VEVENT',
      `UID:${entry.uid}`,
      `DTSTAMP:${stamp(options.now)}`,
      `DTSTART;VALUE=DATE:${dateValue(entry.date)}`,
      `DTEND;VALUE=DATE:${dateValue(nextDay(entry.date))}`,
      `SUMMARY:${text(summary)}`,
      `DESCRIPTION:${description(entry, label, phase)}`,
      `CATEGORIES:${text('Bedrock model lifecycle')}`,
      'TRANSP:TRANSPARENT',
      ...options.reminderDays.flatMap((days) => [
        'BEGIN:VALARM',
        'ACTION:DISPLAY',
        `DESCRIPTION:${text(`${summary} in ${days} ${days === 1 ? 'day' : 'days'}`)}`,
        `TRIGGER:-P${days}D`,
        'END:VALARM',
      ]),
      'END:VEVENT',
    ];
  });
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//bedrock-lifecycle-monitor//calendar//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${text(options.name)}`,
    ...events,
    'END:VCALENDAR',
  ];
  return `${lines.map(fold).join('\r\n')}\r\n`;
}
