import type { LifecycleEvent } from '../domain/events';
import { leadsWithBaseline, type MessageContent, totalModels } from './content';
import { plural, predicate } from './wording';

/**
 * The one-line forms of a message: what a change is in a sentence, what a whole message is about
 * (email subject, chat title, Block Kit header), and the summary line that opens it.
 */

/** Who the line is about: the model's name, marked when it is only a baseline entry. */
export const headlineSubject = (event: LifecycleEvent): string =>
  event.kind === 'BASELINE'
    ? `Baseline: ${event.modelName}`
    : event.modelId === ''
      ? 'Amazon Bedrock' // an AWS Health notice that names no model the monitor can identify
      : event.modelName;

/** One line that says what happened, e.g. "Claude 3.7 Sonnet reaches end of life in 7 days". */
export const headline = (event: LifecycleEvent): string => `${headlineSubject(event)} ${predicate(event)}`;

/** The mark of a change to a model the account calls. */
export const IN_USE = 'IN USE';

/** "12,304 calls / 14 d" for a model in use that was called, else null. */
export function callsNote(event: LifecycleEvent, invocations: number | null): string | null {
  const days = event.usageLookbackDays;
  if (!event.inUse || invocations === null || invocations <= 0 || days === null) return null;
  return `${invocations.toLocaleString('en-US')} ${invocations === 1 ? 'call' : 'calls'} / ${days} d`;
}

/** The one-line summary that opens a message. */
export function summaryLine(content: MessageContent): string {
  const { severity, groups, baselines, observedAt } = content;
  const when = `observed ${observedAt.slice(0, 16).replace('T', ' ')} UTC`;
  if (leadsWithBaseline(content)) {
    const attention =
      groups.length === 0
        ? 'no model is Legacy, in extended access or retired'
        : `${plural(groups.length, 'model')} already Legacy, in extended access, retired or dated`;
    return (
      `Bedrock model lifecycle: monitoring started in ${plural(baselines.length, 'region')} ` +
      `(${plural(totalModels(baselines), 'model')}); ${attention}, ${when}`
    );
  }
  const regions = plural(new Set(groups.flatMap((g) => g.regions)).size, 'region');
  return `Bedrock model lifecycle: ${plural(groups.length, `${severity} change`)} in ${regions}, ${when}`;
}

/**
 * What a message is about, in one line: the most important change (or the baseline) and where,
 * e.g. "IN USE — Claude 3.7 Sonnet (us-east-1) reaches EOL in 7 days (12,304 calls / 14 d)".
 */
export interface MessageHeadline {
  /** "IN USE — " when the change is to a model the account calls, or empty. */
  readonly mark: string;
  /** The model (or the baseline's summary). */
  readonly subject: string;
  /** " (us-east-1 +1)", or empty. */
  readonly where: string;
  /** " reaches EOL in 7 days", or empty. */
  readonly predicate: string;
  /** " (12,304 calls / 14 d)" for a model in use, or empty: the first to go when space is short. */
  readonly note: string;
  /** " and 2 more", the part number if split, or empty. */
  readonly more: string;
}

const whereOf = (regions: readonly string[]): string =>
  regions.length > 1
    ? ` (${regions[0]} +${regions.length - 1})`
    : regions.length === 1
      ? ` (${regions[0]})`
      : '';

export function messageHeadline(content: MessageContent): MessageHeadline {
  const { groups, baselines, part, parts } = content;
  const more = (others: number) =>
    `${others > 0 ? ` and ${others} more` : ''}${parts > 1 ? ` [${part}/${parts}]` : ''}`;
  const top = groups[0];
  if (leadsWithBaseline(content) || top === undefined) {
    return {
      mark: '',
      subject:
        baselines.length > 0
          ? `Monitoring started: ${totalModels(baselines)} models, ` +
            (groups.length === 0 ? 'all Active' : `${groups.length} not plainly Active`)
          : 'Bedrock model lifecycle',
      where: whereOf(baselines.map((b) => b.region)),
      predicate: '',
      note: '',
      more: more(0),
    };
  }
  const { event } = top;
  const calls = callsNote(event, top.invocations);
  return {
    mark: event.inUse ? `${IN_USE} — ` : '',
    subject: headlineSubject(event),
    where: whereOf(top.regions),
    predicate: ` ${predicate(event, true)}`,
    note: calls === null ? '' : ` (${calls})`,
    more: more(groups.length - 1),
  };
}

/** Names shorter than this are never cut: below it they stop saying which model. */
const SUBJECT_FLOOR = 20;

/**
 * `prefix + mark + subject + where + predicate + note + more` in at most `max` characters. The
 * severity, the mark, the regions and the count always show; when space is short the call count
 * goes first, then the model's name gives way (ending in an ellipsis), then what happened.
 */
export function fitHeadline(prefix: string, line: MessageHeadline, max: number, ellipsis = '...'): string {
  const cut = (text: string, room: number) =>
    text.length <= room ? text : `${text.slice(0, Math.max(0, room - ellipsis.length))}${ellipsis}`;
  const fixed = prefix.length + line.mark.length + line.where.length + line.more.length;
  const note = fixed + line.subject.length + line.predicate.length + line.note.length <= max ? line.note : '';
  const room = max - fixed - note.length;
  const subject = cut(
    line.subject,
    Math.max(Math.min(line.subject.length, SUBJECT_FLOOR), room - line.predicate.length),
  );
  const said = cut(line.predicate, room - subject.length);
  return `${prefix}${line.mark}${subject}${line.where}${said}${note}${line.more}`.slice(0, max);
}
