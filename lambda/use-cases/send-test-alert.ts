import { renderTestAlert } from '../messages/test-alert';
import type { Notifier } from '../ports';
import { describeError } from './describe-error';

/**
 * The invocation `bedrock-lifecycle test-alert` sends the monitor function: the function is the
 * only publisher its topics allow (their policies deny everyone else, administrators included), so
 * it publishes the test message itself, exactly as it publishes alerts.
 */
export const TEST_ALERT_CHECK = 'test-alert';

export interface TestAlertRequest {
  /** Only this route's topic; absent: the alert topic and every route's topic. */
  readonly route?: string;
}

/** The request, when the event is one: `{"check": "test-alert"}`, with an optional `route`. */
export function testAlertRequest(event: unknown): TestAlertRequest | undefined {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) return undefined;
  const { check, route, ...rest } = event as Record<string, unknown>;
  if (check !== TEST_ALERT_CHECK || Object.keys(rest).length > 0) return undefined;
  if (route !== undefined && typeof route !== 'string') return undefined;
  return route === undefined ? {} : { route };
}

export type SentTestAlert = {
  /** null: the alert topic. */
  readonly route: string | null;
} & ({ readonly messageId: string } | { readonly error: string });

/**
 * Publishes the test message and records nothing.
 *
 * 1. The targets: the alert topic and every route's topic, or the one route asked for.
 * 2. Publish the test message to each, in every protocol's format, keeping its message id, or the
 *    error that kept it from that topic (the others are still tried: the user learns which fails).
 */
export async function sendTestAlert(
  request: TestAlertRequest,
  settings: { readonly monitorId: string; readonly routes: readonly string[] },
  ports: { readonly notifier: Notifier; readonly clock: () => Date },
): Promise<{ readonly sent: readonly SentTestAlert[] }> {
  // 1.
  if (request.route !== undefined && !settings.routes.includes(request.route)) {
    throw new Error(
      `No route named ${JSON.stringify(request.route)} (routes: ${settings.routes.join(', ') || 'none'})`,
    );
  }
  const targets = request.route === undefined ? [undefined, ...settings.routes] : [request.route];
  // 2.
  const sentAt = ports.clock().toISOString();
  const sent: SentTestAlert[] = [];
  for (const route of targets) {
    const message = renderTestAlert({ sentAt, stackName: settings.monitorId, ...(route ? { route } : {}) });
    try {
      sent.push({ route: route ?? null, messageId: await ports.notifier.publish(message, route) });
    } catch (error) {
      sent.push({ route: route ?? null, error: describeError(error) });
    }
  }
  return { sent };
}
