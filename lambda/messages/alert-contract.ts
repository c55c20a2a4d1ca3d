import type { LifecycleEvent, Severity } from '../domain/events';
import type { RegionBaseline } from '../domain/model';

/**
 * What leaves the monitor: the SNS message with one body per protocol and its attributes, the
 * versioned JSON contract carried to machine subscribers, and the Slack message the webhook
 * forwarder posts. Ports and adapters take these shapes from here, never from a renderer.
 */

export const CONTRACT_SOURCE = 'bedrock-lifecycle-monitor';
export const CONTRACT_SCHEMA_VERSION = 1;

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

/** The EventBridge event the monitor puts for each change. */
export const BUS_DETAIL_TYPE = 'Bedrock Model Lifecycle Change';

/** One PutEvents entry: `detail` is the contract's event object with its `schemaVersion`. */
export interface BusEntry {
  readonly source: string;
  readonly detailType: string;
  readonly detail: string;
  readonly resources: readonly string[];
  readonly time: string;
}

/** What a contract message (the `lambda`/`sqs` JSON) carries that the Slack message needs. */
export interface ContractMessage {
  /** Set on the message `bedrock-lifecycle test-alert` sends, which has no events. */
  readonly test?: boolean;
  readonly severity: Severity;
  readonly observedAt: string;
  readonly events: readonly LifecycleEvent[];
  readonly baselines?: readonly RegionBaseline[];
}

/** A Block Kit markdown text object; `verbatim` leaves links and mentions unparsed. */
export interface MrkdwnText {
  readonly type: 'mrkdwn';
  readonly text: string;
  readonly verbatim: true;
}

/** The subset of Slack Block Kit this message uses. */
export type Block =
  | {
      readonly type: 'header';
      readonly text: { readonly type: 'plain_text'; readonly text: string; readonly emoji: true };
    }
  | { readonly type: 'section'; readonly text: MrkdwnText }
  | { readonly type: 'context'; readonly elements: readonly MrkdwnText[] }
  | { readonly type: 'divider' };

export interface SlackMessage {
  /** Shown in notifications and by clients that cannot show blocks. */
  readonly text: string;
  readonly blocks: readonly Block[];
}
