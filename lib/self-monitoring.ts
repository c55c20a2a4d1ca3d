import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { METRICS } from '../contract/metrics';
import { alarmToTopic } from './alarm-to-topic';

export interface SelfMonitoringProps {
  readonly function: lambda.IFunction;
  readonly topic: sns.ITopic;
  /** The longest the schedule leaves between two runs. */
  readonly schedulePeriod: Duration;
  /** The MONITOR_ID dimension of this deployment's metrics. */
  readonly monitorId: string;
  /** Usage is read across accounts: an alarm watches the accounts that cannot be read. */
  readonly acrossAccounts: boolean;
}

/** CloudWatch periods are at most a day; longer schedules are watched over several periods. */
const MAX_ALARM_PERIOD = Duration.days(1);

/**
 * Alarms that tell the monitor's owners, on the same topic, when the monitor itself is broken:
 * - the function errors;
 * - no run succeeded within two schedule periods (a dead man's switch). Missing data is the failure
 *   it watches for, yet a fresh deploy has none either: treated as breaching, it would page on every
 *   deploy, before the first run. So missing data leaves the alarm in INSUFFICIENT_DATA, and that
 *   transition is sent too. A new alarm starts in INSUFFICIENT_DATA and CloudWatch acts only on
 *   changes of state, so a deploy pages no one; once a run has succeeded, runs that stop succeeding
 *   or a schedule that stops firing move it out of OK, to ALARM or INSUFFICIENT_DATA, and both page.
 *   A deploy whose schedule never fires at all is caught by the schedule's dead-letter alarm;
 * - the last three runs each failed to list a region. One alarm on one metric for all regions, so
 *   the bill does not grow with them; the logs say which region;
 * - across accounts, two usage reads within the longest window CloudWatch evaluates (a day for
 *   periods under an hour, else a week) each failed to read some account. Usage is read only on
 *   runs with changes, so consecutive periods rarely both have data; two in the window is
 *   "keeps failing" without paging on one throttled call.
 */
export class SelfMonitoring extends Construct {
  readonly errors: cloudwatch.Alarm;
  readonly noSuccessfulRun: cloudwatch.Alarm;
  readonly regionFailing: cloudwatch.Alarm;
  /** Present when usage is read across accounts. */
  readonly usageAccountsFailing?: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: SelfMonitoringProps) {
    super(scope, id);
    const scheduleMinutes = props.schedulePeriod.toMinutes();
    const period = Duration.minutes(Math.min(scheduleMinutes, MAX_ALARM_PERIOD.toMinutes()));
    const periodsFor = (runs: number) => Math.ceil((runs * scheduleMinutes) / period.toMinutes());
    const dimensions = {
      [METRICS.dimensions.service]: METRICS.service,
      [METRICS.dimensions.monitor]: props.monitorId,
    };
    /** One of this deployment's run metrics, over one alarm period. */
    const runMetric = (metricName: string, statistic: string) =>
      new cloudwatch.Metric({
        namespace: METRICS.namespace,
        metricName,
        dimensionsMap: dimensions,
        statistic,
        period,
      });

    this.errors = alarmToTopic(
      new cloudwatch.Alarm(this, 'Errors', {
        alarmDescription: 'The Bedrock lifecycle monitor function failed',
        metric: props.function.metricErrors({ period: Duration.minutes(5), statistic: cloudwatch.Stats.SUM }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
      props.topic,
    );

    const twoRuns = periodsFor(2);
    this.noSuccessfulRun = alarmToTopic(
      new cloudwatch.Alarm(this, 'NoSuccessfulRun', {
        alarmDescription: `No Bedrock lifecycle monitor run succeeded within two schedule periods (${scheduleMinutes * 2} minutes)`,
        metric: runMetric(METRICS.successfulRuns, cloudwatch.Stats.SUM),
        threshold: 1,
        evaluationPeriods: twoRuns,
        datapointsToAlarm: twoRuns,
        comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.MISSING,
      }),
      props.topic,
      { insufficientData: true },
    );

    this.regionFailing = alarmToTopic(
      new cloudwatch.Alarm(this, 'RegionFailing', {
        alarmDescription:
          'A Bedrock catalog could not be listed on each of the last 3 runs; the function logs name the region (ERROR "Region failed", and failedRegions on the RegionsFailed metric record)',
        // A period's minimum is 1 or more only when every run in it failed some region.
        metric: runMetric(METRICS.regionsFailed, cloudwatch.Stats.MINIMUM),
        threshold: 1,
        evaluationPeriods: periodsFor(3),
        datapointsToAlarm: 3,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        // No data means no run: the dead man's switch speaks for that.
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
      props.topic,
    );

    if (props.acrossAccounts) {
      const windowMinutes = period.toMinutes() < 60 ? 24 * 60 : 7 * 24 * 60;
      this.usageAccountsFailing = alarmToTopic(
        new cloudwatch.Alarm(this, 'UsageAccountsFailing', {
          alarmDescription:
            'Usage could not be read in some member account on two runs with changes; the function logs name it (WARN "Usage unknown in account", and failedAccounts on the UsageAccountsFailed metric record). Its alerts say usage is unknown.',
          // As for regions: a period's minimum is 1 or more only when every read in it failed some account.
          metric: runMetric(METRICS.usageAccountsFailed, cloudwatch.Stats.MINIMUM),
          threshold: 1,
          evaluationPeriods: Math.max(2, Math.floor(windowMinutes / period.toMinutes())),
          datapointsToAlarm: 2,
          comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
          // No data means no run read usage: there was nothing to say.
          treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        }),
        props.topic,
      );
    }
  }
}
