import type { Severity } from '../domain/events';
import { DATE_FIELDS, type RegionBaseline } from '../domain/model';
import { singleLine, visible } from '../domain/text';
import type { AlertGroup } from './alert-groups';
import { costText } from './cost-text';
import { callsNote, headline, IN_USE } from './headline';
import {
  accountsList,
  DATE_LABEL,
  dateText,
  phaseChange,
  phaseCounts,
  plural,
  replacementNote,
} from './wording';

/**
 * The pieces of a change in Slack-style markdown (`*bold*`, `` `code` ``), shared by the AWS
 * Chatbot notification and the Slack Block Kit message so both say the same thing.
 */

export const SEVERITY_EMOJI: Readonly<Record<Severity, string>> = { critical: '🚨', warning: '⚠️', info: 'ℹ️' };

/**
 * Characters that would turn into formatting, a markdown link (Teams) or a mention (`@here`);
 * replaced by look-alikes that cannot.
 */
const FORMATTING: Readonly<Record<string, string>> = {
  '*': '∗',
  _: 'ˍ',
  '~': '∼',
  '`': 'ˋ',
  '@': '＠',
};

/**
 * Text from Bedrock (model names, providers) made inert for Slack-style markdown: `&`, `<` and `>`
 * become entities, as Slack requires, so `<!channel>` or `<url|text>` stay text, and formatting,
 * link and mention characters become look-alikes, so a model name cannot bold, strike, link,
 * mention or break the message around it. Control characters show as escapes.
 */
export const escapeMarkdown = (text: string): string =>
  visible(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[*_~`@]/g, (c) => FORMATTING[c] ?? c)
    // A link needs "](" : breaking that pair leaves ordinary brackets as they are.
    .replace(/\]\(/g, '］(');

/** A model id or other literal as inline code. */
export const code = (text: string): string => `\`${escapeMarkdown(text).replace(/ˋ/g, "'")}\``;

/** Text cut to `max` characters, with an ellipsis, before it is escaped. */
export const short = (text: string, max: number): string =>
  text.length > max ? `${text.slice(0, max - 1)}…` : text;

const NAME_MAX = 120;

/** "*IN USE — Claude 3.7 Sonnet reaches end of life in 7 days* (12,304 calls / 14 d)" */
export function changeTitle(group: AlertGroup): string {
  const { event, invocations } = group;
  const title = `*${event.inUse ? `${IN_USE} — ` : ''}${escapeMarkdown(short(headline(event), NAME_MAX + 60))}*`;
  const calls = callsNote(event, invocations);
  return calls === null ? title : `${title} (${calls})`;
}

/**
 * "`anthropic.claude-…` · us-east-1, us-west-2 · Legacy (deprecated) → Public extended access", with
 * the context variants that share the change after the base model's id.
 */
export const changeSubject = (group: AlertGroup): string =>
  [
    group.modelIds.map(code).join(' + '),
    group.regions.join(', '),
    escapeMarkdown(phaseChange(group.event)),
  ].join(' · ');

/** "Legacy 2025-10-28 (passed) · Extended access 2026-01-27 (passed) · End of life 2026-04-28 (7 days left)" */
export const changeDates = (group: AlertGroup): string =>
  DATE_FIELDS.map((key) => `${DATE_LABEL[key]} ${dateText(group.event, key)}`).join(' · ');

/** "Replace with `a`, `b`", or null when there is nothing to suggest. */
export const changeReplacements = (group: AlertGroup): string | null =>
  group.replacementCandidates.length === 0
    ? null
    : `Replace with ${group.replacementCandidates.map(code).join(', ')}${group.event.replacementScope === 'provider' ? ` (${replacementNote(group.event)})` : ''}`;

/** "In use in 3 accounts: team-a (111111111111) 12,000 calls, …", or null when not read across accounts. */
export const changeAccounts = (group: AlertGroup): string | null =>
  group.accounts === null || group.accounts.length === 0
    ? null
    : `In use in ${plural(group.accounts.length, 'account')}: ${accountsList(group.accounts, escapeMarkdown)}`;

/** The cost sentence of the change's model, or null when its tokens were not read or not used. */
export const changeCost = (group: AlertGroup): string | null => {
  const text = costText(group.costEvent);
  return text === null ? null : escapeMarkdown(text);
};

/** Characters of an AWS Health notice shown in a chat message, escaped: the rest is in the email. */
export const NOTICE_CHAT_CHARACTERS = 600;

/** The AWS Health notice of the change, quoted on one line, or null for other changes. */
export const changeNotice = (group: AlertGroup): string | null => {
  const { notice } = group.event;
  if (notice === null) return null;
  // Cut by what it takes once escaped (an `&` takes five characters), and between code points.
  const said = Array.from(singleLine(notice.description));
  const quoted = (n: number) => escapeMarkdown(`${said.slice(0, n).join('')}${n < said.length ? '…' : ''}`);
  let kept = said.length;
  while (kept > 0 && quoted(kept).length > NOTICE_CHAT_CHARACTERS) kept = Math.floor(kept * 0.8);
  const cut = notice.descriptionCut || kept < said.length;
  const account = notice.account === null ? '' : `, account ${escapeMarkdown(notice.account)}`;
  return `AWS Health (${escapeMarkdown(notice.eventTypeCode)}${account}): “${quoted(kept)}”${cut ? ' _(cut: the whole notice is in the email and the AWS Health Dashboard)_' : ''}`;
};

/** "us-east-1: 14 models (12 Active, 2 Legacy (deprecated))" per newly watched region. */
export const baselineLines = (baselines: readonly RegionBaseline[]): string[] =>
  baselines.map((b) => `${b.region}: ${plural(b.modelCount, 'model')} (${phaseCounts(b)})`);
