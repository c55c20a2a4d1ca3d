import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import { DEFAULT_DEADLINE_DAYS } from '../lambda/domain/settings';

/** Defaults of the construct's optional props, kept apart from the code that builds resources. */
export const MONITOR_DEFAULTS = {
  schedule: scheduler.ScheduleExpression.rate(Duration.hours(6)),
  deadlineDays: DEFAULT_DEADLINE_DAYS,
  logRetention: logs.RetentionDays.SIX_MONTHS,
  tableRemovalPolicy: RemovalPolicy.RETAIN,
} as const;

/** Sizing of the function: one run lists every region and writes a handful of items. */
export const FUNCTION_DEFAULTS = {
  memorySize: 512,
  timeout: Duration.minutes(3),
  /** Runs never overlap on Lambda's side; the versioned commit guards the rest. */
  reservedConcurrentExecutions: 1,
  /** Async retries of a failed run; a retry carries the same scheduled time, so it is idempotent. */
  retryAttempts: 2,
  maxEventAge: Duration.hours(1),
} as const;

/** Sizing of the Slack webhook forwarder: one small POST per alert message. */
export const FORWARDER_DEFAULTS = {
  memorySize: 256,
  timeout: Duration.seconds(30),
  /** Lambda's async retries (with its backoff) before the event goes to the dead-letter queue. */
  retryAttempts: 2,
  maxEventAge: Duration.hours(6),
} as const;
