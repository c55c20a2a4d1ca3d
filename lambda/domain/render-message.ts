import { type AlertGroup, groupEvents } from './alert-groups';
import { bySeverity, type LifecycleEvent, type Severity } from './events';
import { type RenderContext, renderText } from './render-text';
import { headline } from './wording';

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
  observedAt: string,
) => ({
  schemaVersion: CONTRACT_SCHEMA_VERSION,
  source: CONTRACT_SOURCE,
  observedAt,
  severity,
  events,
});

/** SNS subjects must be printable ASCII without line breaks, and under 100 characters. */
const ascii = (text: string): string =>
  text
    .normalize('NFKD')
    .replace(/[→]/g, '->')
    .replace(/[^\x20-\x7E]/g, '');

function subject(severity: Severity, groups: readonly AlertGroup[], part: number, parts: number): string {
  const top = groups[0];
  if (top === undefined) return `[${severity.toUpperCase()}] Bedrock model lifecycle`;
  const where =
    top.regions.length > 1 ? `${top.regions[0]} +${top.regions.length - 1}` : top.regions.join('');
  const tail = ascii(
    ` (${where})${groups.length > 1 ? ` and ${groups.length - 1} more` : ''}${parts > 1 ? ` [${part}/${parts}]` : ''}`,
  );
  const prefix = `[${severity.toUpperCase()}] `;
  const room = SUBJECT_MAX - prefix.length - tail.length;
  const head = ascii(headline(top.event));
  return `${prefix}${head.length > room ? `${head.slice(0, Math.max(0, room - 3))}...` : head}${tail}`.slice(
    0,
    SUBJECT_MAX,
  );
}

const unique = (values: readonly string[]): string[] => [...new Set(values)].sort();

function render(
  severity: Severity,
  groups: readonly AlertGroup[],
  observedAt: string,
  context: RenderContext,
  part: number,
  parts: number,
): OutgoingMessage {
  const events = groups.flatMap((g) => g.events);
  const text = renderText(severity, groups, observedAt, context, { index: part, count: parts });
  const machine = JSON.stringify(contractPayload(severity, events, observedAt));
  return {
    subject: subject(severity, groups, part, parts),
    message: JSON.stringify({ default: text, email: text, sqs: machine, lambda: machine }),
    attributes: {
      severity: { dataType: 'String', value: severity },
      kinds: { dataType: 'String.Array', value: JSON.stringify(unique(events.map((e) => e.kind))) },
      regions: { dataType: 'String.Array', value: JSON.stringify(unique(events.map((e) => e.region))) },
      modelIds: { dataType: 'String.Array', value: JSON.stringify(unique(events.map((e) => e.modelId))) },
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
  return render(
    alert.severity,
    groupEvents(alert.events),
    alert.observedAt,
    context,
    alert.part,
    alert.parts,
  );
}

/** Splits a group's regions in two, for the rare group too large for one message on its own. */
function halveGroup(group: AlertGroup): AlertGroup[] {
  const middle = Math.ceil(group.events.length / 2);
  return [group.events.slice(0, middle), group.events.slice(middle)].flatMap((events) => groupEvents(events));
}

/**
 * Plans one message per severity, most severe first, each split at group boundaries into parts
 * that fit SNS's size limit. Halving keeps the work O(n log n) even for a baseline of thousands.
 */
export function planAlerts(
  events: readonly LifecycleEvent[],
  observedAt: string,
  context: RenderContext,
  maxBytes = SNS_MAX_BYTES,
): PlannedAlert[] {
  const severities = unique(events.map((e) => e.severity)) as Severity[];
  return severities.sort(bySeverity).flatMap((severity) => {
    // Sized with the widest part numbers, so numbering the parts afterwards cannot overflow them.
    const fits = (groups: readonly AlertGroup[]) =>
      messageBytes(render(severity, groups, observedAt, context, 999, 999)) <= maxBytes;
    const split = (groups: AlertGroup[]): AlertGroup[][] => {
      if (fits(groups)) return [groups];
      if (groups.length === 1) {
        const [only] = groups;
        if (only === undefined || only.events.length === 1) {
          throw new Error(`A single ${severity} event does not fit in one SNS message of ${maxBytes} bytes`);
        }
        return split(halveGroup(only));
      }
      const middle = Math.ceil(groups.length / 2);
      return [...split(groups.slice(0, middle)), ...split(groups.slice(middle))];
    };
    const chunks = split(groupEvents(events.filter((e) => e.severity === severity)));
    return chunks.map((groups, i) => ({
      alertId: `${observedAt}#${severity}#${i + 1}`,
      observedAt,
      severity,
      part: i + 1,
      parts: chunks.length,
      events: groups.flatMap((g) => g.events),
    }));
  });
}
