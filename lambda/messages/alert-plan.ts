import { bySeverity, type LifecycleEvent, type Severity } from '../domain/events';
import type { RegionBaseline } from '../domain/model';
import { unique } from '../domain/values';
import { type AlertGroup, groupEvents } from './alert-groups';
import type { RenderContext } from './content';
import { messageBytes, renderMessage } from './sns-message';

/** SNS refuses messages (body plus attributes) over 256 KiB. */
export const SNS_MAX_BYTES = 262_144;

/** One message to publish: the events of one severity from one run, or one part of them. */
export interface PlannedAlert {
  /**
   * `${observedAt}#${severity}#${part}#${runId}`: the ledger key. It carries the run, so two runs
   * racing for the same observation time never write each other's alerts.
   */
  readonly alertId: string;
  readonly observedAt: string;
  readonly severity: Severity;
  readonly part: number;
  readonly parts: number;
  readonly events: readonly LifecycleEvent[];
  /** Regions seen for the first time: carried by the run's first info message. */
  readonly baselines: readonly RegionBaseline[];
}

/** Which run plans the alerts: its observation time, and the invocation that runs it. */
export interface RunKey {
  readonly observedAt: string;
  readonly runId: string;
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
  { observedAt, runId }: RunKey,
  context: RenderContext,
  maxBytes = SNS_MAX_BYTES,
): PlannedAlert[] {
  const severities = unique([
    ...events.map((e) => e.severity),
    ...(baselines.length > 0 ? ['info' as const] : []),
  ]);
  return severities.sort(bySeverity).flatMap((severity) => {
    const carried = severity === 'info' ? baselines : [];
    // Sized with the widest part numbers, so numbering the parts afterwards cannot overflow them.
    const fits = (groups: readonly AlertGroup[], first: boolean) =>
      messageBytes(
        renderMessage(
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
      alertId: `${observedAt}#${severity}#${i + 1}#${runId}`,
      observedAt,
      severity,
      part: i + 1,
      parts: chunks.length,
      events: groups.flatMap((g) => g.events),
      baselines: i === 0 ? carried : [],
    }));
  });
}
