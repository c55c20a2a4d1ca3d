import { Duration } from 'aws-cdk-lib';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import { beforeAll, describe, expect, it } from 'vitest';
import { METRICS } from '../../contract/metrics';
import { synthMonitor } from '../../lab/synth';
import { ALL_FEATURES } from '../support/all-features';

const topic = { Ref: Match.stringLikeRegexp('MonitorAlertsTopic') };
const toTopic = { AlarmActions: [topic], OKActions: [topic] };
// CloudFormation receives the dimensions sorted by name.
const monitorDimensions = [
  { Name: 'Monitor', Value: 'Monitor' },
  { Name: 'service', Value: METRICS.service },
];

describe('self-monitoring, on the alert topic', () => {
  let template: Template;

  beforeAll(() => {
    ({ template } = synthMonitor(ALL_FEATURES));
  });

  it('raises an alarm when the function errors', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/Lambda',
      MetricName: 'Errors',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: Match.stringLikeRegexp('MonitorFunction') } }],
      Statistic: 'Sum',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      ...toTopic,
    });
  });

  it('raises an alarm when no run succeeded within two schedule periods, and when runs stop, but not on a fresh deploy', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: METRICS.namespace,
      MetricName: METRICS.successfulRuns,
      Dimensions: monitorDimensions,
      Statistic: 'Sum',
      Period: 21_600,
      EvaluationPeriods: 2,
      DatapointsToAlarm: 2,
      Threshold: 1,
      ComparisonOperator: 'LessThanThreshold',
      // A fresh alarm starts in INSUFFICIENT_DATA: only a later move there (runs stopped) is sent.
      TreatMissingData: 'missing',
      ...toTopic,
      InsufficientDataActions: toTopic.AlarmActions,
    });
    // Other alarms watch metrics that are missing by design when all is well: that must not page.
    const withInsufficientData = Object.values(template.findResources('AWS::CloudWatch::Alarm')).filter(
      (alarm) => alarm.Properties.InsufficientDataActions !== undefined,
    );
    expect(withInsufficientData.map((alarm) => alarm.Properties.MetricName)).toEqual([
      METRICS.successfulRuns,
    ]);
  });

  it('raises one alarm, for every region, when each of the last three runs failed to list a region', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: METRICS.namespace,
      MetricName: METRICS.regionsFailed,
      Dimensions: monitorDimensions,
      Statistic: 'Minimum',
      Period: 21_600,
      EvaluationPeriods: 3,
      DatapointsToAlarm: 3,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
      ...toTopic,
    });
  });

  it('raises an alarm when usage could not be read in some account on two runs with changes within a week', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: METRICS.namespace,
      MetricName: METRICS.usageAccountsFailed,
      Dimensions: monitorDimensions,
      Statistic: 'Minimum',
      Period: 21_600,
      // Usage is read only on runs with changes: two such runs in a week, CloudWatch's longest window.
      EvaluationPeriods: 28,
      DatapointsToAlarm: 2,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
      ...toTopic,
    });
    const { template: ownAccount } = synthMonitor({ regions: ['us-east-1'] }, { name: 'OwnAccount' });
    ownAccount.resourcePropertiesCountIs(
      'AWS::CloudWatch::Alarm',
      { MetricName: METRICS.usageAccountsFailed },
      0,
    );
  });

  it('keeps the same alarms however many regions it watches, so their cost does not grow with them', () => {
    const alarmsFor = (regions: string[]) =>
      Object.keys(
        synthMonitor({ regions }, { name: `Regions${regions.length}` }).template.findResources(
          'AWS::CloudWatch::Alarm',
        ),
      ).length;
    expect(alarmsFor(['us-east-1'])).toBe(4);
    expect(
      alarmsFor(['us-east-1', 'us-west-2', 'eu-central-1', 'eu-west-1', 'ap-northeast-1', 'ap-south-1']),
    ).toBe(4);
  });

  it('keeps scheduled runs that failed every attempt in a dead-letter queue, and alarms on its first message', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      DeadLetterConfig: {
        TargetArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('MonitorDeadLettersQueue'), 'Arn'] },
      },
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [
        {
          Name: 'QueueName',
          Value: { 'Fn::GetAtt': [Match.stringLikeRegexp('MonitorDeadLettersQueue'), 'QueueName'] },
        },
      ],
      Statistic: 'Maximum',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
      ...toTopic,
    });
  });

  it('sends every alarm of the stack to the alert topic', () => {
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')) as {
      Properties: object;
    }[];
    expect(alarms.length).toBe(6);
    for (const alarm of alarms) expect(alarm.Properties).toMatchObject({ AlarmActions: [expect.anything()] });
  });
});

describe('alarm windows follow the schedule', () => {
  it.each([
    ['rate(1 hour)', 3_600, 2, 3],
    ['rate(2 days)', 86_400, 4, 6],
    ['cron(0 8 * * ? *)', 86_400, 2, 3],
  ])(
    '%s: period %i s, %i periods without success, %i periods for three failed runs',
    (expression, period, silent, failing) => {
      const schedule = expression.startsWith('rate(1 hour)')
        ? scheduler.ScheduleExpression.rate(Duration.hours(1))
        : expression.startsWith('rate(2 days)')
          ? scheduler.ScheduleExpression.rate(Duration.days(2))
          : scheduler.ScheduleExpression.expression(expression);
      const { template } = synthMonitor({ regions: ['us-east-1'], schedule });
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        MetricName: METRICS.successfulRuns,
        Period: period,
        EvaluationPeriods: silent,
        DatapointsToAlarm: silent,
      });
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        MetricName: METRICS.regionsFailed,
        Period: period,
        EvaluationPeriods: failing,
        DatapointsToAlarm: 3,
      });
    },
  );
});
