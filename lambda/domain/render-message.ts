import { type AlertGroup, groupEvents } from './alert-groups';
import { bySeverity, type LifecycleEvent, type Severity } from './events';
import { fitHeadline, messageHeadline } from './message-headline';
import type { RegionBaseline } from './model';
import { renderChat } from './render-chat';
import { type MessageContent, type RenderContext, renderText } from './render-text';

/** SNS refuses messages (body plus attributes) over 256 KiB. */
export const SNS_MAX_BYTES = 262_144;
const SUBJECT_MAX = 99;

export const CONTRACT_SOURCE = 'bedrock-lifecycle-monitor';
export const CONTRACT_SCHEMA_VERSION = 1;

/** One message to publish: the events of one severity from one run, or one part of them. */
export interface PlannedAlert {
  /** `${observedAt}#${severity}#${part}`: the ledger key, stable for a run. */
  readonly alertId: string;
  readonly observedAt: string;
  readonly severity: Severity;
  readonly part: number;
  readonly parts: number;
  readonly events: readonly LifecycleEvent[];
  /** Regions seen for the first time: carried by the run's first info message. */
  readonly baselines: readonly RegionBaseline[];
}

export interface MessageAttribute {
  readonly dataType: 'String' | 'String.Array';
  readonly value: string;
}

/** An SNS message with MessageStructure json: one body per protocol. */
export interface OutgoingMessage {
  readonly subject: string;
  readonly message: string;
  readonly attributes: Readonly<Record<string, MessageAttribute>>;
}

/** The versioned machine contract carried to `sqs` and `lambda` subscribers. */
export const contractPayload = (
  severity: Severity,
  events: readonly LifecycleEvent[],
  baselines: readonly RegionBaseline[],
  observedAt: string,
) => ({
  schemaVersion: CONTRACT_SCHEMA_VERSION,
  source: CONTRACT_SOURCE,
  observedAt,
  severity,
  events,
  baselines,
});

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

const unique = (values: readonly string[]): string[] => [...new Set(values)].sort();

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

function render(content: MessageContent, context: RenderContext): OutgoingMessage {
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
      kinds: { dataType: 'String.Array', value: JSON.stringify(unique(kinds)) },
      regions: { dataType: 'String.Array', value: JSON.stringify(unique(regions)) },
      modelIds: { dataType: 'String.Array', value: JSON.stringify(unique(events.map((e) => e.modelId))) },
      inUse: { dataType: 'String', value: inUseOf(events) },
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
  return render({ ...alert, groups: groupEvents(alert.events) }, context);
}

/** Splits a group's regions in two, for the rare group too large for one message on its own. */
function halveGroup(group: AlertGroup): AlertGroup[] {
  const middle = Math.ceil(group.events.length / 2);
  return [group.events.slice(0, middle), group.events.slice(middle)].flatMap((events) => groupEvents(events));
}

/**
 * Plans one message per severity, most severe first, each split at group boundaries into parts
 * that fit SNS's size limit. Halving keeps the work O(n log n) even for a baseline of thousands.
 * Regions seen for the first time ride on the first info message, which exists for them even when
 * there is nothing else to say.
 */
export function planAlerts(
  events: readonly LifecycleEvent[],
  baselines: readonly RegionBaseline[],
  observedAt: string,
  context: RenderContext,
  maxBytes = SNS_MAX_BYTES,
): PlannedAlert[] {
  const severities = unique([
    ...events.map((e) => e.severity),
    ...(baselines.length > 0 ? ['info'] : []),
  ]) as Severity[];
  return severities.sort(bySeverity).flatMap((severity) => {
    const carried = severity === 'info' ? baselines : [];
    // Sized with the widest part numbers, so numbering the parts afterwards cannot overflow them.
    const fits = (groups: readonly AlertGroup[], first: boolean) =>
      messageBytes(
        render(
          { severity, observedAt, groups, baselines: first ? carried : [], part: 999, parts: 999 },
          context,
        ),
      ) <= maxBytes;
    const split = (groups: AlertGroup[], first: boolean): AlertGroup[][] => {
      if (fits(groups, first)) return [groups];
      if (groups.length === 1) {
        const [only] = groups;
        if (only === undefined || only.events.length === 1) {
          throw new Error(`A single ${severity} event does not fit in one SNS message of ${maxBytes} bytes`);
        }
        return split(halveGroup(only), first);
      }
      const middle = Math.ceil(groups.length / 2);
      return [...split(groups.slice(0, middle), first), ...split(groups.slice(middle), false)];
    };
    const chunks = split(groupEvents(events.filter((e) => e.severity === severity)), true);
    return chunks.map((groups, i) => ({
      alertId: `${observedAt}#${severity}#${i + 1}`,
      observedAt,
      severity,
      part: i + 1,
      parts: chunks.length,
      events: groups.flatMap((g) => g.events),
      baselines: i === 0 ? carried : [],
    }));
  });
}
