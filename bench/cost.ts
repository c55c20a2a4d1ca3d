import type { MeasuredRun } from './measured-run';
import { COST_ASSUMPTIONS as A, PRICES as P } from './prices';

/** One priced line: what it is, the arithmetic written out, and the dollars a month. */
export interface CostLine {
  readonly item: string;
  readonly arithmetic: string;
  readonly usd: number;
}

export interface MonthlyCost {
  readonly regions: number;
  /** What running the monitor costs: Lambda, DynamoDB, storage, SNS, logs, the schedule. */
  readonly usage: readonly CostLine[];
  readonly usageUsd: number;
  /** What the stack costs whether or not anything runs: the key, the alarms, the run metrics. */
  readonly fixed: readonly CostLine[];
  readonly fixedUsd: number;
}

export interface CostInputs {
  readonly regions: number;
  /** A run that found nothing new, and one that found a change, as measured. */
  readonly quiet: MeasuredRun;
  readonly change: MeasuredRun;
  /** The first run: its snapshots and state items are what the table starts with. */
  readonly first: MeasuredRun;
  /** Counted in the synthesised template for this many regions. */
  readonly alarms: number;
  readonly kmsKeys: number;
}

const n = (value: number, digits = 2) =>
  value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
const usd = (value: number) => `$${value < 0.01 ? value.toPrecision(2) : value.toFixed(2)}`;
const sum = (lines: readonly CostLine[]) => lines.reduce((total, line) => total + line.usd, 0);
/** Lambda's own START, END and REPORT lines per invocation. */
const PLATFORM_LOG_BYTES = 350;

/**
 * Lambda's duration for a run measured here: at 512 MB Lambda gives 512/1,769 of a vCPU, so the
 * CPU-bound part of the run (init, and the CPU time of the call) takes 1,769/512 times as long.
 */
export function lambdaMs(run: MeasuredRun): number {
  const stretch = A.fullVcpuMb / A.memoryMb;
  return run.stats.initMs * stretch + run.stats.durationMs + run.stats.cpuMs * (stretch - 1);
}

/** The monthly bill at the default schedule, from measured runs and list prices. */
export function monthlyCost(input: CostInputs): MonthlyCost {
  const { quiet, change } = input;
  const runs = A.hoursPerMonth / A.scheduleHours;
  const changeRuns = (A.changesPerWeek * 52) / 12;
  const quietRuns = runs - changeRuns;
  const mix = (f: (run: MeasuredRun) => number) => quietRuns * f(quiet) + changeRuns * f(change);
  const runsText = `${n(quietRuns)} quiet runs + ${n(changeRuns)} runs with a change`;

  const gbSeconds = mix((run) => (lambdaMs(run) / 1000) * (A.memoryMb / 1024));
  const readUnits = mix((run) => run.counts.readUnits);
  const writeUnits = mix((run) => run.counts.writeUnits);
  const yearBytes =
    input.first.counts.storedBytes +
    input.first.counts.stateBytes +
    12 * changeRuns * change.counts.storedBytes;
  const yearGb = yearBytes / 1024 ** 3;
  const snsRequests = changeRuns * change.counts.snsRequests64k;
  const emails = changeRuns * change.counts.snsPublishes * A.emailSubscribers;
  const logGb = mix((run) => run.logBytes + PLATFORM_LOG_BYTES) / 1024 ** 3;
  const metricHours = runs;

  const usage: CostLine[] = [
    {
      item: 'Lambda compute',
      arithmetic: `${runsText}; ${n(lambdaMs(quiet), 0)} / ${n(lambdaMs(change), 0)} ms each at ${A.memoryMb} MB = ${n(gbSeconds)} GB-s × $${P.lambdaGbSecondArm}`,
      usd: gbSeconds * P.lambdaGbSecondArm,
    },
    {
      item: 'Lambda requests',
      arithmetic: `${n(runs)} invocations × $0.20 per million`,
      usd: runs * P.lambdaRequest,
    },
    {
      item: 'DynamoDB reads',
      arithmetic: `${n(quiet.counts.readUnits)} / ${n(change.counts.readUnits)} read units per run = ${n(readUnits)} × $0.125 per million`,
      usd: readUnits * P.dynamoDbReadUnit,
    },
    {
      item: 'DynamoDB writes',
      arithmetic: `${n(quiet.counts.writeUnits)} / ${n(change.counts.writeUnits)} write units per run = ${n(writeUnits)} × $0.625 per million`,
      usd: writeUnits * P.dynamoDbWriteUnit,
    },
    {
      item: 'DynamoDB storage and PITR, after a year',
      arithmetic: `${n(yearBytes / 1024, 0)} KB (first run, then ${n(change.counts.storedBytes / 1024, 1)} KB per change for ${n(12 * changeRuns, 0)} changes) × ($0.25 + $0.20) per GB-month`,
      usd: yearGb * (P.dynamoDbStorageGbMonth + P.dynamoDbPitrGbMonth),
    },
    {
      item: 'SNS publishes',
      arithmetic: `${n(changeRuns)} runs × ${change.counts.snsRequests64k} request(s) of 64 KB × $0.50 per million`,
      usd: snsRequests * P.snsRequest,
    },
    {
      item: 'SNS email deliveries',
      arithmetic: `${n(changeRuns)} runs × ${change.counts.snsPublishes} message(s) × ${A.emailSubscribers} addresses × $2 per 100,000`,
      usd: emails * P.snsEmailDelivery,
    },
    {
      item: 'CloudWatch GetMetricData (usage)',
      arithmetic: `${n(changeRuns)} runs × ${change.counts.metricsRequested} metrics requested × $0.01 per 1,000`,
      usd: changeRuns * change.counts.metricsRequested * P.metricsRequested,
    },
    {
      item: 'CloudWatch Logs ingestion',
      arithmetic: `${n(quiet.logBytes + PLATFORM_LOG_BYTES, 0)} / ${n(change.logBytes + PLATFORM_LOG_BYTES, 0)} bytes per run = ${n(logGb * 1024, 3)} MB × $0.50 per GB`,
      usd: logGb * P.logsIngestedGb,
    },
    {
      item: 'EventBridge Scheduler',
      arithmetic: `${n(runs)} invocations × $1 per million`,
      usd: runs * P.schedulerInvocation,
    },
  ];

  const metrics = new Set([...quiet.metrics, ...change.metrics]).size;
  const fixed: CostLine[] = [
    {
      item: 'KMS customer managed key (the topic)',
      arithmetic: `${input.kmsKeys} × $1`,
      usd: input.kmsKeys * P.kmsKeyMonth,
    },
    {
      item: 'CloudWatch alarms (self-monitoring)',
      arithmetic: `${input.alarms} alarms × $0.10`,
      usd: input.alarms * P.alarmMonth,
    },
    {
      item: 'Custom metrics (run metrics, EMF)',
      arithmetic: `${metrics} metrics × $0.30 × ${n(metricHours, 0)} of ${A.hoursPerMonth} hours with data`,
      usd: metrics * P.customMetricMonth * (metricHours / A.hoursPerMonth),
    },
  ];
  return { regions: input.regions, usage, usageUsd: sum(usage), fixed, fixedUsd: sum(fixed) };
}

export const formatUsd = usd;
