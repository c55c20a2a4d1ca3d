import type { AlertGroup } from './alert-groups';
import type { MessageContent } from './content';
import { fitHeadline, IN_USE, messageHeadline, summaryLine } from './headline';
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
  short,
} from './markdown';
import { nextSteps, plural } from './wording';

/**
 * An AWS Chatbot (Amazon Q Developer in chat applications) custom notification: what Chatbot
 * renders in Slack and Microsoft Teams when it arrives on a subscribed SNS topic.
 */
export interface ChatNotification {
  readonly version: '1.0';
  readonly source: 'custom';
  readonly id: string;
  readonly content: {
    readonly textType: 'client-markdown';
    readonly title: string;
    readonly description: string;
    readonly nextSteps: readonly string[];
    readonly keywords: readonly string[];
  };
  readonly metadata: {
    /** Present when the message is about one model: its alerts then thread together. */
    readonly threadId?: string;
    readonly summary: string;
    readonly eventType: string;
    readonly relatedResources: readonly string[];
    readonly additionalContext: Readonly<Record<string, string>>;
  };
}

/**
 * Limits kept well inside what Chatbot and the chat clients accept. A description longer than a
 * Slack section (3,000 characters) would be cut by the client, so the digest stops at whole
 * changes before that and says how many more there are.
 */
export const CHAT_LIMITS = {
  title: 250,
  description: 3_000,
  nextSteps: 5,
  nextStep: 300,
  keywords: 10,
  keyword: 50,
  relatedResources: 20,
} as const;

const unique = <T>(values: readonly T[]): T[] => [...new Set(values)];

const changeBlock = (group: AlertGroup, index: number): string =>
  [
    `*${index + 1}.* ${changeTitle(group)}`,
    changeSubject(group),
    changeDates(group),
    ...[changeNotice(group) ?? []].flat(),
    ...[changeAccounts(group) ?? []].flat(),
    ...[changeCost(group) ?? []].flat(),
    ...[changeReplacements(group) ?? []].flat(),
  ].join('\n');

/** Newly watched regions, as many as fit in half the description. */
function watching(content: MessageContent): string[] {
  if (content.baselines.length === 0) return [];
  const lines = baselineLines(content.baselines);
  const budget = CHAT_LIMITS.description / 2;
  let shown = lines.length;
  const text = (n: number) =>
    `*Now watching* ${lines.slice(0, n).join(' · ')}${n < lines.length ? ` · +${plural(lines.length - n, 'more region')}` : ''}`;
  while (shown > 1 && text(shown).length > budget) shown--;
  return [text(shown)];
}

const SEPARATOR = '\n\n';

/**
 * The changes as markdown, whole changes only, then "+N more" if they do not all fit. Only the
 * changes shown are rendered, and lengths are added up rather than joined, so a message of
 * thousands of changes costs no more here than one of ten.
 */
function description(content: MessageContent): string {
  const { groups } = content;
  const head = watching(content);
  const more = (n: number) => `_+${plural(n, 'more change')}: see the email or the history table_`;
  const blocks: string[] = [];
  // The length of head and blocks joined so far.
  let length = head.join(SEPARATOR).length;
  for (const [i, group] of groups.entries()) {
    const block = changeBlock(group, i);
    const remaining = groups.length - i - 1;
    const after = length + (head.length + blocks.length > 0 ? SEPARATOR.length : 0) + block.length;
    if (after + (remaining > 0 ? SEPARATOR.length + more(remaining).length : 0) > CHAT_LIMITS.description)
      break;
    blocks.push(block);
    length = after;
  }
  const dropped = groups.length - blocks.length;
  const text = [...head, ...blocks, ...(dropped > 0 ? [more(dropped)] : [])].join(SEPARATOR);
  return text === '' ? escapeMarkdown(summaryLine(content)) : text;
}

/** The first few distinct next steps, taking the changes in order until there are enough. */
function steps(groups: readonly AlertGroup[]): string[] {
  const found = new Set<string>();
  for (const group of groups) {
    for (const step of nextSteps(group.event, group.replacementCandidates)) {
      found.add(`${short(group.event.modelName, 80)}: ${step}`);
    }
    if (found.size >= CHAT_LIMITS.nextSteps) break;
  }
  return [...found]
    .slice(0, CHAT_LIMITS.nextSteps)
    .map((step) => escapeMarkdown(short(step, CHAT_LIMITS.nextStep)));
}

/** The Chatbot custom notification for one message. Its id names the message: time, severity, part. */
export function renderChat(content: MessageContent): ChatNotification {
  const { groups } = content;
  const events = groups.flatMap((g) => g.events);
  const models = unique(events.map((e) => e.modelId));
  const top = groups[0];
  const kinds = unique([...events.map((e) => e.kind), ...(content.baselines.length > 0 ? ['BASELINE'] : [])]);
  const regions = unique([...events.map((e) => e.region), ...content.baselines.map((b) => b.region)]).sort();
  return {
    version: '1.0',
    source: 'custom',
    id: `${content.observedAt}#${content.severity}#${content.part}`,
    content: {
      textType: 'client-markdown',
      // Every field Chatbot shows is markdown to the chat client: each one carrying data is escaped.
      title: escapeMarkdown(
        fitHeadline(`${SEVERITY_EMOJI[content.severity]} `, messageHeadline(content), CHAT_LIMITS.title, '…'),
      ),
      description: description(content),
      nextSteps: steps(groups),
      keywords: unique([
        content.severity,
        ...(events.some((e) => e.inUse) ? [IN_USE] : []),
        ...kinds,
        ...unique(events.map((e) => e.provider)).map((p) => escapeMarkdown(short(p, CHAT_LIMITS.keyword))),
      ]).slice(0, CHAT_LIMITS.keywords),
    },
    metadata: {
      ...(models.length === 1 ? { threadId: `bedrock-lifecycle/${models[0]}` } : {}),
      summary: escapeMarkdown(summaryLine(content)),
      eventType: `BedrockModelLifecycle/${top?.event.kind ?? 'BASELINE'}`,
      relatedResources: unique(events.map((e) => e.modelArn)).slice(0, CHAT_LIMITS.relatedResources),
      additionalContext: {
        observedAt: content.observedAt,
        severity: content.severity,
        regions: regions.join(', '),
        changes: String(groups.length),
        part: `${content.part}/${content.parts}`,
      },
    },
  };
}
