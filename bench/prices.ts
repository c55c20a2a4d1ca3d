import { parseSchedule } from '../contract/schedule';
import { DEFAULTS } from '../contract/settings';
import { FUNCTION_DEFAULTS } from '../lib/monitor-defaults';
/**
 * Public list prices, us-east-1, on-demand, without free tiers (which would make most lines zero).
 * Update them here when AWS changes them; every figure in bench/RESULTS.md is computed from these.
 */
export const PRICES = {
  /** https://aws.amazon.com/lambda/pricing/ (Arm; INIT is billed since 2025-08-01). */
  lambdaGbSecondArm: 0.0000133334,
  lambdaRequest: 0.2 / 1e6,
  /** https://aws.amazon.com/dynamodb/pricing/on-demand/ (since the November 2024 reduction). */
  dynamoDbWriteUnit: 0.625 / 1e6,
  dynamoDbReadUnit: 0.125 / 1e6,
  dynamoDbStorageGbMonth: 0.25,
  dynamoDbPitrGbMonth: 0.2,
  /** https://aws.amazon.com/sns/pricing/ : publishes per 64 KB chunk; email deliveries. */
  snsRequest: 0.5 / 1e6,
  snsEmailDelivery: 2 / 1e5,
  /** https://aws.amazon.com/cloudwatch/pricing/ : logs ingested; GetMetricData per metric requested; alarms; custom metrics, which are
   *  prorated by the hour and metered only in hours when data is sent. */
  logsIngestedGb: 0.5,
  metricsRequested: 0.01 / 1000,
  alarmMonth: 0.1,
  customMetricMonth: 0.3,
  /** https://aws.amazon.com/kms/pricing/ : a customer managed key. */
  kmsKeyMonth: 1,
  /** https://aws.amazon.com/eventbridge/pricing/ : Scheduler invocations. */
  schedulerInvocation: 1 / 1e6,
} as const;

/** How the cost model is sized. */
export const COST_ASSUMPTIONS = {
  hoursPerMonth: 730,
  /** The default schedule's period. */
  scheduleHours: parseSchedule(DEFAULTS.schedule).periodMinutes / 60,
  changesPerWeek: 2,
  emailSubscribers: 2,
  /** The function's memory. */
  memoryMb: FUNCTION_DEFAULTS.memorySize,
  /** Lambda gives a full vCPU at 1,769 MB; below that, CPU time stretches in proportion. */
  fullVcpuMb: 1769,
} as const;
