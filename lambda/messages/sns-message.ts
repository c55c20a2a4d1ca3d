import type { LifecycleEvent } from '../domain/events';
import { unique } from '../domain/values';
import { contractPayload, type MessageAttribute, type OutgoingMessage } from './alert-contract';
import { groupEvents } from './alert-groups';
import type { PlannedAlert } from './alert-plan';
import { renderChat } from './chatbot';
import type { MessageContent, RenderContext } from './content';
import { renderText } from './email-text';
import { fitHeadline, messageHeadline } from './headline';

const SUBJECT_MAX = 99;

/** SNS subjects must be printable ASCII without line breaks, and under 100 characters. */
const ascii = (text: string): string =>
  text
    .normalize('NFKD')
    .replace(/[→]/g, '->')
    .replace(/[—–]/g, '-')
    .replace(/[^\x20-\x7E]/g, '');

function subject(content: MessageContent): string {
  const line = messageHeadline(content);
  return fitHeadline(
    `[${content.severity.toUpperCase()}] `,
    {
      mark: ascii(line.mark),
      subject: ascii(line.subject),
      where: ascii(line.where),
      predicate: ascii(line.predicate),
      note: ascii(line.note),
      more: ascii(line.more),
    },
    SUBJECT_MAX,
  );
}

/**
 * The `inUse` attribute: "true" when the message is about a model the account calls, "unknown"
 * when that could not be read for some of its events, "false" otherwise (or when nothing was read).
 */
const inUseOf = (events: readonly LifecycleEvent[]): string =>
  events.some((e) => e.inUse === true)
    ? 'true'
    : events.some((e) => e.inUse === null && e.usageLookbackDays !== null)
      ? 'unknown'
      : 'false';

/**
 * The `accountIds` attribute, when usage was read across accounts: the accounts that call the
 * message's models.
 */
const accountIdsOf = (events: readonly LifecycleEvent[]): Record<string, MessageAttribute> =>
  events.some((e) => e.accounts !== null)
    ? {
        accountIds: {
          dataType: 'String.Array',
          value: JSON.stringify(
            unique(events.flatMap((e) => e.accounts ?? []).map((a) => a.accountId)).sort(),
          ),
        },
      }
    : {};

/** One SNS message for some content: a body per protocol, a subject, and attributes to filter on. */
export function renderMessage(content: MessageContent, context: RenderContext): OutgoingMessage {
  const events = content.groups.flatMap((g) => g.events);
  const text = renderText(content, context);
  const machine = JSON.stringify(
    contractPayload(content.severity, events, content.baselines, content.observedAt),
  );
  const kinds = [...events.map((e) => e.kind), ...(content.baselines.length > 0 ? ['BASELINE'] : [])];
  const regions = [...events.map((e) => e.region), ...content.baselines.map((b) => b.region)];
  const chat = JSON.stringify(renderChat(content));
  return {
    subject: subject(content),
    message: JSON.stringify({
      default: text,
      email: text,
      sqs: machine,
      lambda: machine,
      http: chat,
      https: chat,
    }),
    attributes: {
      severity: { dataType: 'String', value: content.severity },
      kinds: { dataType: 'String.Array', value: JSON.stringify(unique(kinds).sort()) },
      regions: { dataType: 'String.Array', value: JSON.stringify(unique(regions).sort()) },
      modelIds: {
        dataType: 'String.Array',
        value: JSON.stringify(unique(events.map((e) => e.modelId)).sort()),
      },
      inUse: { dataType: 'String', value: inUseOf(events) },
      ...accountIdsOf(events),
    },
  };
}

/** Bytes SNS counts against its limit: the body, the subject and every attribute. */
export function messageBytes(message: OutgoingMessage): number {
  return (
    Buffer.byteLength(message.message) +
    Buffer.byteLength(message.subject) +
    Object.entries(message.attributes).reduce(
      (sum, [name, a]) => sum + Buffer.byteLength(name) + a.dataType.length + Buffer.byteLength(a.value),
      0,
    )
  );
}

/** Renders a planned alert into the message SNS publishes. Deterministic, so retries send the same. */
export function renderAlert(alert: PlannedAlert, context: RenderContext): OutgoingMessage {
  return renderMessage({ ...alert, groups: groupEvents(alert.events) }, context);
}
