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
   * `${observedAt}#${severity}#${part}#${runId}`, then `#${route}` for a route's message: the ledger
   * key. It carries the run, so two runs racing for the same observation time never write each
   * other's alerts.
   */
  readonly alertId: string;
  readonly observedAt: string;
  readonly severity: Severity;
  readonly part: number;
  readonly parts: number;
  readonly events: readonly LifecycleEvent[];
  /** Regions seen for the first time: carried by the run's first info message. */
  readonly baselines: readonly RegionBaseline[];
  /** The route whose topic the message goes to; absent for the alert topic. */
  readonly route?: string;
  /** The events go to the event bus, one entry each, instead of a topic. */
  readonly bus?: true;
}

/**
 * Which run plans the alerts (its observation time, and the invocation that runs it), and for
 * which route, if not the alert topic.
 */
export interface RunKey {
  readonly observedAt: string;
  readonly runId: string;
  readonly route?: string;
}

/** Splits a group's regions in two, for the rare group too large for one message on its own. */
function halveGroup(group: AlertGroup): AlertGroup[] {
  const middle = Math.ceil(group.events.length / 2);
  return [group.events.slice(0, middle), group.events.slice(middle)].flatMap((events) => groupEvents(events));
}

/** How many bytes a message of these groups would take; `first` carries the run's baselines. */
type Measure = (groups: readonly AlertGroup[], first: boolean) => number;

/** After this many guesses from the measured size, a message's group count is found by bisection. */
const PREDICTIONS = 3;

/**
 * Packs groups, in order, into messages that fit `maxBytes`, as full as they go. Each candidate is
 * measured by rendering it; the next count to try is predicted from the bytes per group measured,
 * and a message starts from the count the last one held, so a message usually takes two or three
 * renders and the whole plan stays linear in the number of events. A group too large alone is
 * split by region.
 */
function pack(
  groups: readonly AlertGroup[],
  measure: Measure,
  maxBytes: number,
  severity: Severity,
): AlertGroup[][] {
  const queue = [...groups];
  const chunks: AlertGroup[][] = [];
  let start = 0;
  let guess = 1;
  while (start < queue.length) {
    const first = chunks.length === 0;
    const empty = measure([], first);
    const left = queue.length - start;
    let fits = 0; // the most groups known to fit
    let over = left + 1; // the fewest known not to
    let count = Math.min(guess, left);
    for (let tries = 0; ; tries++) {
      const bytes = measure(queue.slice(start, start + count), first);
      if (bytes <= maxBytes) fits = count;
      else over = count;
      if (fits + 1 >= over) break;
      const predicted =
        tries < PREDICTIONS
          ? Math.floor(((maxBytes - empty) * count) / Math.max(1, bytes - empty))
          : Math.floor((fits + over) / 2);
      count = Math.min(Math.max(predicted, fits + 1), over - 1);
    }
    if (fits === 0) {
      const only = queue[start];
      if (only === undefined || only.events.length === 1) {
        throw new Error(`A single ${severity} event does not fit in one SNS message of ${maxBytes} bytes`);
      }
      queue.splice(start, 1, ...halveGroup(only));
      continue;
    }
    chunks.push(queue.slice(start, start + fits));
    start += fits;
    guess = fits;
  }
  return chunks;
}

/**
 * Plans one message per severity, most severe first, each split at group boundaries into parts
 * that fit SNS's size limit (see pack). Regions seen for the first time ride on the first info
 * message, which exists for them even when there is nothing else to say.
 */
export function planAlerts(
  events: readonly LifecycleEvent[],
  baselines: readonly RegionBaseline[],
  { observedAt, runId, route }: RunKey,
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
    const measure: Measure = (groups, first) =>
      messageBytes(
        renderMessage(
          { severity, observedAt, groups, baselines: first ? carried : [], part: 999, parts: 999 },
          context,
        ),
      );
    const groups = groupEvents(events.filter((e) => e.severity === severity));
    const chunks = groups.length === 0 ? [[]] : pack(groups, measure, maxBytes, severity);
    return chunks.map((chunk, i) => ({
      alertId: `${observedAt}#${severity}#${i + 1}#${runId}${route === undefined ? '' : `#${route}`}`,
      observedAt,
      severity,
      part: i + 1,
      parts: chunks.length,
      events: chunk.flatMap((g) => g.events),
      baselines: i === 0 ? carried : [],
      ...(route === undefined ? {} : { route }),
    }));
  });
}
