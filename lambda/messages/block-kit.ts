import type { Block, ContractMessage, MrkdwnText, SlackMessage } from './alert-contract';
import { groupEvents } from './alert-groups';
import type { MessageContent } from './content';
import { fitHeadline, messageHeadline, summaryLine } from './headline';
import {
  baselineLines,
  changeAccounts,
  changeCost,
  changeDates,
  changeNotice,
  changeReplacements,
  changeSubject,
  changeTitle,
  escapeMarkdown,
  SEVERITY_EMOJI,
} from './markdown';
import { nextSteps, plural } from './wording';

/** Slack's limits: 50 blocks a message, 150 characters a header, 3,000 a section. */
export const BLOCK_KIT_LIMITS = { blocks: 50, header: 150, section: 3_000 } as const;

/**
 * Markdown text that carries data: `verbatim` stops Slack from turning what is left of a URL,
 * channel name or mention in it into a link or a notification; the data itself is escaped.
 */
export const mrkdwn = (text: string): MrkdwnText => ({ type: 'mrkdwn', text, verbatim: true });
const section = (text: string): Block => ({
  type: 'section',
  text: mrkdwn(
    text.length > BLOCK_KIT_LIMITS.section ? `${text.slice(0, BLOCK_KIT_LIMITS.section - 1)}…` : text,
  ),
});
const context = (text: string): Block => ({ type: 'context', elements: [mrkdwn(text)] });

/**
 * A Slack Block Kit message for an incoming webhook: a header with the most important change, one
 * section per change (what happened, model, regions, phase, replacement, what to do) with a context
 * line of its dates, and a "+N more" section when Slack's 50 blocks would overflow.
 */
export function renderBlockKit(message: ContractMessage): SlackMessage {
  const content: MessageContent = {
    severity: message.severity,
    observedAt: message.observedAt,
    groups: groupEvents(message.events),
    baselines: message.baselines ?? [],
    part: 1,
    parts: 1,
  };
  const header: Block = {
    type: 'header',
    text: {
      type: 'plain_text',
      text: fitHeadline(
        `${SEVERITY_EMOJI[content.severity]} `,
        messageHeadline(content),
        BLOCK_KIT_LIMITS.header,
        '…',
      ),
      emoji: true,
    },
  };
  const footer = context(escapeMarkdown(`${summaryLine(content)} · bedrock-lifecycle-monitor`));
  const watching =
    content.baselines.length > 0
      ? [section(`*Now watching*\n${baselineLines(content.baselines).join('\n')}`)]
      : [];
  // Each change takes two blocks; keep room for the header, the baseline, a "+N more" and the footer.
  const room = Math.floor((BLOCK_KIT_LIMITS.blocks - 3 - watching.length) / 2);
  const shown = content.groups.slice(0, room);
  const hidden = content.groups.length - shown.length;
  const changes = shown.flatMap((group) => {
    const steps = nextSteps(group.event, group.replacementCandidates);
    return [
      section(
        [
          changeTitle(group),
          changeSubject(group),
          ...[changeNotice(group) ?? []].flat(),
          ...[changeAccounts(group) ?? []].flat(),
          ...[changeCost(group) ?? []].flat(),
          ...[changeReplacements(group) ?? []].flat(),
          ...(steps.length > 0 ? [`_${escapeMarkdown(steps.map((s) => `${s}.`).join(' '))}_`] : []),
        ].join('\n'),
      ),
      context(changeDates(group)),
    ];
  });
  return {
    // The notification's fallback text: Slack parses mentions and links in it too.
    text: escapeMarkdown(summaryLine(content)),
    blocks: [
      header,
      ...watching,
      ...changes,
      ...(hidden > 0
        ? [section(`_+${plural(hidden, 'more change')}: see the email or the history table_`)]
        : []),
      footer,
    ],
  };
}
