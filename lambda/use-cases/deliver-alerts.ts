import type { LifecycleEvent } from '../domain/events';
import { bySeverity } from '../domain/events';
import type { PlannedAlert } from '../messages/alert-plan';
import { busEntry } from '../messages/bus-events';
import { renderAlert } from '../messages/sns-message';
import type { Cursor, EventBus } from '../ports';
import { describeError } from './describe-error';
import type { MonitorPorts, MonitorSettings } from './run-monitor';

export interface Delivery {
  readonly delivered: string[];
  readonly undelivered: string[];
}

/** Some of an alert's events were not taken by the event bus: those are left to send. */
class PartlyPut extends Error {
  constructor(
    message: string,
    readonly remaining: readonly LifecycleEvent[],
  ) {
    super(message);
    this.name = 'PartlyPut';
  }
}

/** Puts an alert's events on the bus; the receipt counts them. Throws PartlyPut for entries not taken. */
async function putOnBus(alert: PlannedAlert, bus: EventBus): Promise<string> {
  const results = await bus.put(alert.events.map(busEntry));
  const remaining = alert.events.filter((_, i) => results[i] !== null);
  if (remaining.length > 0) {
    const reason = results.find((r) => r !== null);
    throw new PartlyPut(
      `${remaining.length} of ${alert.events.length} events not taken by the event bus: ${reason}`,
      remaining,
    );
  }
  return `events:${alert.events.length}`;
}

/** Oldest run first, then the most severe, the alert topic's message before the routes'. */
const deliveryOrder = (a: PlannedAlert, b: PlannedAlert): number =>
  a.observedAt.localeCompare(b.observedAt) ||
  bySeverity(a.severity, b.severity) ||
  (a.route ?? '').localeCompare(b.route ?? '') ||
  a.part - b.part;

/**
 * Delivers each pending alert once: history first (the alert topic's messages carry every event,
 * so a route's and the event bus's need not), then a claim, then the message to its topic or the
 * events to the bus, then the receipt; entries the bus did not take stay pending alone. A route or
 * a bus that is no longer configured has nowhere to deliver to: its pending alerts are dropped
 * with a warning, as the alert topic received their events.
 */
export async function deliver(
  cursor: Cursor,
  fresh: readonly PlannedAlert[],
  settings: Pick<MonitorSettings, 'routes' | 'claimLeaseMs' | 'render'>,
  ports: Pick<MonitorPorts, 'store' | 'notifier' | 'log' | 'bus' | 'clock' | 'runId'>,
): Promise<Delivery> {
  const { store, notifier, log } = ports;
  const freshIds = new Set(fresh.map((a) => a.alertId));
  const earlierIds = cursor.pending.filter((id) => !freshIds.has(id));
  const earlier = earlierIds.length > 0 ? await store.alerts(earlierIds) : [];
  const settled = earlierIds.filter((id) => !earlier.some((a) => a.alertId === id && a.status !== 'SENT'));
  if (settled.length > 0) await store.forget(settled);

  const routes = new Set(settings.routes.map((route) => route.name));
  const pending = [...earlier.filter((a) => a.status !== 'SENT'), ...fresh].sort(deliveryOrder);
  const delivered: string[] = [];
  const undelivered: string[] = [];
  for (const alert of pending) {
    try {
      const gone =
        alert.route !== undefined && !routes.has(alert.route)
          ? { route: alert.route }
          : alert.bus && !ports.bus
            ? { eventBus: 'none' }
            : null;
      if (gone) {
        log.warn('Alert for a destination that is no longer configured; dropped', {
          alertId: alert.alertId,
          ...gone,
        });
        await store.forget([alert.alertId]);
        continue;
      }
      if (alert.route === undefined && !alert.bus) await store.recordHistory(alert);
      if (!(await store.claim(alert.alertId, ports.runId, ports.clock(), settings.claimLeaseMs))) {
        log.info('Alert is sent or claimed by another run; skipped', { alertId: alert.alertId });
        continue;
      }
      let messageId: string;
      try {
        messageId =
          alert.bus && ports.bus
            ? await putOnBus(alert, ports.bus)
            : await notifier.publish(renderAlert(alert, settings.render), alert.route);
      } catch (error) {
        const remaining = error instanceof PartlyPut ? error.remaining : undefined;
        await store.release(alert.alertId, ports.runId, describeError(error), remaining);
        throw error;
      }
      await store.markSent(alert.alertId, messageId, ports.clock());
      delivered.push(alert.alertId);
    } catch (error) {
      log.error('Alert not delivered; it stays pending for the next run', {
        alertId: alert.alertId,
        error: describeError(error),
      });
      undelivered.push(alert.alertId);
    }
  }
  return { delivered, undelivered };
}
