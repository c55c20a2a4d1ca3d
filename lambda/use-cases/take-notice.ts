import { createHash } from 'node:crypto';
import { catalogOf } from '../domain/diff';
import { type HealthNotice, readHealthNotice } from '../domain/health-notice';
import { noticeEvents } from '../domain/notice-events';
import { noticeModels } from '../domain/notice-models';
import { deliver } from './deliver-alerts';
import { describeError } from './describe-error';
import {
  enrichEvents,
  type MonitorPorts,
  type MonitorSettings,
  planAllAlerts,
  type RunResult,
  runMonitor,
} from './run-monitor';

export interface NoticeResult {
  readonly eventArn: string;
  readonly lastUpdatedTime: string;
  /** The models the notice was matched to, as `region/modelId`; none when it names no model the monitor knows. */
  readonly models: readonly string[];
  /** Alerts this invocation owes: new ones, and an earlier try's not yet sent; none when this version of the notice went out before. */
  readonly staged: readonly string[];
  readonly delivered: readonly string[];
  readonly undelivered: readonly string[];
  /** The catalog check run at once after the notice, or why it failed. */
  readonly run: RunResult | { readonly error: string };
}

/** Thrown after a notice whose alerts, or whose run, could not be completed: the invocation fails and is retried. */
export class NoticeFailedError extends Error {
  constructor(
    message: string,
    readonly result: NoticeResult,
  ) {
    super(message);
    this.name = 'NoticeFailedError';
  }
}

/**
 * Takes an AWS Health notice about Bedrock (refused, with nothing read or written, if it is not
 * one):
 *
 * 1. Runs the catalog check at once, at the clock's time: a notice often comes before the dates
 *    it speaks of reach the catalog, and the notice is then told against the freshest state.
 * 2. Finds the models it concerns in the stored catalog of the watched regions.
 * 3. Plans its alerts (the topic's, each route's, the bus's) with what the catalog and usage say
 *    of those models, keyed by the notice's ARN, account and last update: staged only if new (or
 *    staged by a try that failed before sending), so the same version delivered again sends
 *    nothing and an updated one sends again.
 * 4. Delivers them and whatever else is pending; the history of each model records the notice.
 *
 * The notice goes out even when the run fails; the invocation then fails after it.
 */
export async function takeNotice(
  event: unknown,
  settings: MonitorSettings,
  ports: MonitorPorts,
): Promise<NoticeResult> {
  const notice = readHealthNotice(event);
  ports.log.info('AWS Health notice', {
    eventArn: notice.eventArn,
    eventTypeCode: notice.eventTypeCode,
    lastUpdatedTime: notice.lastUpdatedTime,
  });
  const t = ports.clock();
  const run = await runMonitor(t, settings, ports).catch((error: unknown) => ({
    error: describeError(error),
  }));
  const stored = await ports.store.load(settings.regions);
  const found = noticeModels(notice, stored.regions);
  const listings = new Map([...stored.regions].map(([region, state]) => [region, catalogOf(state)] as const));
  const { events, unread } = await enrichEvents(
    noticeEvents(notice, found, listings, t),
    listings,
    t,
    settings,
    ports,
  );
  const alerts = planAllAlerts(events, [], noticeKey(notice), unread, settings, ports);
  const staged = await ports.store.stage(alerts);
  const fresh = alerts.filter((alert) => staged.includes(alert.alertId));
  // Delivered here as fresh alerts (before the first commit there is no cursor to hold them),
  // with what the cursor read after the run still owes.
  const delivery = await deliver(stored.cursor, fresh, settings, ports);
  const result: NoticeResult = {
    eventArn: notice.eventArn,
    lastUpdatedTime: notice.lastUpdatedTime,
    models: found.matches.map((m) => `${m.region}/${m.model.modelId}`),
    staged,
    ...delivery,
    run,
  };
  if (delivery.undelivered.length > 0 || 'error' in run) {
    throw new NoticeFailedError(
      'error' in run
        ? `The run after the notice failed: ${run.error}`
        : `${delivery.undelivered.length} alert(s) of the notice stay pending`,
      result,
    );
  }
  ports.log.info('AWS Health notice taken', { ...result, run: undefined });
  return result;
}

/** The ledger key of a notice's alerts: its ARN and last update, the same on every delivery of that version. */
function noticeKey(notice: HealthNotice): { observedAt: string; runId: string } {
  // With organizational view every member's copy has the same ARN and time: the account tells them apart.
  const key = JSON.stringify([notice.eventArn, notice.account]);
  return {
    observedAt: notice.lastUpdatedTime,
    runId: `health:${createHash('sha256').update(key).digest('hex').slice(0, 16)}`,
  };
}
