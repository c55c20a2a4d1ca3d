import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import { FORWARDER_TIMEOUT_SECONDS, MONITOR_TIMEOUT_SECONDS } from '../contract/function-timing';

/**
 * Defaults of the construct's resource props, kept apart from the code that builds resources. The
 * settings' defaults (schedule, thresholds, …) live with their parsers in contract/settings.ts.
 */
export const MONITOR_DEFAULTS = {
  logRetention: logs.RetentionDays.SIX_MONTHS,
  tableRemovalPolicy: RemovalPolicy.RETAIN,
} as const;

/** Sizing of the function: one run lists every region and writes a handful of items. */
export const FUNCTION_DEFAULTS = {
  memorySize: 512,
  timeout: Duration.seconds(MONITOR_TIMEOUT_SECONDS),
  /** Async retries of a failed run; a retry carries the same scheduled time, so it is idempotent. */
  retryAttempts: 2,
  maxEventAge: Duration.hours(1),
} as const;

/** Sizing of the Slack webhook forwarder: one small POST per alert message. */
export const FORWARDER_DEFAULTS = {
  memorySize: 256,
  timeout: Duration.seconds(FORWARDER_TIMEOUT_SECONDS),
  /** Lambda's async retries (with its backoff) before the event goes to the dead-letter queue. */
  retryAttempts: 2,
  maxEventAge: Duration.hours(6),
} as const;
