import { bySeverity, type LifecycleEvent } from '../domain/events';
import { BUS_DETAIL_TYPE, type BusEntry, CONTRACT_SCHEMA_VERSION, CONTRACT_SOURCE } from './alert-contract';
import type { PlannedAlert, RunKey } from './alert-plan';

/** PutEvents takes at most 10 entries, and 256 KB of them, per call. */
export const PUT_EVENTS_MAX_ENTRIES = 10;
export const PUT_EVENTS_MAX_BYTES = 262_144;
/** EventBridge counts a set Time as 14 bytes. */
const TIME_BYTES = 14;

/** A change as the EventBridge event the monitor puts: the contract's event and its schemaVersion. */
export const busEntry = (event: LifecycleEvent): BusEntry => ({
  source: CONTRACT_SOURCE,
  detailType: BUS_DETAIL_TYPE,
  detail: JSON.stringify({ schemaVersion: CONTRACT_SCHEMA_VERSION, ...event }),
  resources: [event.modelArn],
  time: event.observedAt,
});

/** An entry's size as EventBridge counts it ("Calculating PutEvents event entry size"). */
export const entryBytes = (entry: BusEntry): number =>
  TIME_BYTES +
  Buffer.byteLength(entry.source) +
  Buffer.byteLength(entry.detailType) +
  Buffer.byteLength(entry.detail) +
  entry.resources.reduce((sum, arn) => sum + Buffer.byteLength(arn), 0);

/**
 * The run's events as PutEvents calls, most severe first: each a ledger entry of at most 10 events
 * and 256 KB, delivered, retried and receipted as the topic's messages are.
 */
export function planBusAlerts(
  events: readonly LifecycleEvent[],
  { observedAt, runId }: RunKey,
): PlannedAlert[] {
  const sorted = [...events].sort((a, b) => bySeverity(a.severity, b.severity));
  const chunks: LifecycleEvent[][] = [];
  let bytes = 0;
  for (const event of sorted) {
    const size = entryBytes(busEntry(event));
    if (size > PUT_EVENTS_MAX_BYTES) {
      throw new Error(
        `The event ${event.eventId} takes ${size} bytes, over EventBridge's ${PUT_EVENTS_MAX_BYTES}`,
      );
    }
    const last = chunks.at(-1);
    if (last && last.length < PUT_EVENTS_MAX_ENTRIES && bytes + size <= PUT_EVENTS_MAX_BYTES) {
      last.push(event);
      bytes += size;
    } else {
      chunks.push([event]);
      bytes = size;
    }
  }
  return chunks.map((chunk, i) => {
    const severity = chunk[0]?.severity ?? 'info';
    return {
      alertId: `${observedAt}#${severity}#${i + 1}#${runId}#@events`,
      observedAt,
      severity,
      part: i + 1,
      parts: chunks.length,
      events: chunk,
      baselines: [],
      bus: true,
    };
  });
}
