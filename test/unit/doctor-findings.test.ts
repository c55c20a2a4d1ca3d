import { describe, expect, it } from 'vitest';
import type { DeploymentFacts } from '../../cli/doctor/deployment-facts';
import { type Finding, findingsOf } from '../../cli/doctor/findings';

const NOW = new Date('2026-12-05T12:00:00Z');

/** A healthy deployment: every check passes. */
const HEALTHY: DeploymentFacts = {
  stackName: 'BedrockLifecycleMonitor',
  stackStatus: 'UPDATE_COMPLETE',
  topics: [
    {
      topicArn: 'arn:aws:sns:us-east-1:123456789012:alerts',
      subscriptions: { value: [{ protocol: 'email', endpoint: 'ops@example.com', pending: false }] },
    },
    {
      route: 'pager',
      topicArn: 'arn:aws:sns:us-east-1:123456789012:BedrockLifecycleMonitor-route-pager',
      subscriptions: { value: [{ protocol: 'https', endpoint: 'https://chat', pending: false }] },
    },
  ],
  lastRun: { value: '2026-12-05T06:00:00.000Z' },
  schedule: { value: { name: 'MonitorSchedule', state: 'ENABLED', expression: 'rate(6 hours)' } },
  deadLetterQueues: [{ name: 'dlq', depth: { value: 0 } }],
  alarms: { value: [{ name: 'NoRuns', state: 'OK', reason: '' }] },
  usageAccess: {
    value: { usageAccounts: 'across', accounts: [{ accountId: '111111111111', accountName: 'team-a' }] },
  },
  stackSet: {
    name: 'BedrockLifecycleMonitor-UsageReader',
    callAs: 'SELF',
    instances: {
      value: [{ account: '111111111111', region: 'us-east-1', status: 'CURRENT', reason: undefined }],
    },
    trustedAccess: { value: 'ENABLED' },
    delegatedAdministrator: undefined,
  },
  chat: [
    {
      kind: 'Slack',
      channelId: 'C0123ABCD',
      configurationName: 'x-slack-C0123ABCD',
      exists: { value: true },
    },
  ],
};

const needingAttention = (facts: Partial<DeploymentFacts>): Finding[] =>
  findingsOf({ ...HEALTHY, ...facts }, NOW).filter((f) => f.status !== 'ok');

describe('doctor’s findings', () => {
  it('finds nothing to fix in a healthy deployment', () => {
    expect(needingAttention({})).toEqual([]);
  });

  it.each<[string, Partial<DeploymentFacts>, Partial<Finding>]>([
    [
      'a stack whose last update rolled back',
      { stackStatus: 'UPDATE_ROLLBACK_COMPLETE' },
      { check: 'stack', what: 'the stack BedrockLifecycleMonitor is UPDATE_ROLLBACK_COMPLETE' },
    ],
    [
      'a route topic with no subscriber at all',
      { topics: [{ route: 'quiet', topicArn: 'arn:aws:sns:us-east-1:1:q', subscriptions: { value: [] } }] },
      { what: "the route quiet's topic has no confirmed subscriber", why: 'its alerts reach nobody' },
    ],
    [
      'no run yet',
      { lastRun: { value: null } },
      {
        what: 'the monitor has not completed a run yet',
        why: 'its first scheduled run comes within 6 hours of the deploy',
      },
    ],
    [
      'a last run older than two periods',
      { lastRun: { value: '2026-12-04T23:00:00.000Z' } },
      { what: 'the last completed run was at 2026-12-04T23:00:00.000Z, 13 hours ago' },
    ],
    [
      'a disabled schedule',
      { schedule: { value: { name: 'S', state: 'DISABLED', expression: 'rate(6 hours)' } } },
      { what: 'the schedule S is DISABLED' },
    ],
    [
      'no schedule at all',
      { schedule: { value: null } },
      { what: 'no EventBridge schedule invokes the monitor function' },
    ],
    [
      'messages in a dead-letter queue',
      { deadLetterQueues: [{ name: 'dlq', depth: { value: 3 } }] },
      { what: '3 messages wait in the dead-letter queue dlq' },
    ],
    [
      'accounts that cannot be listed',
      { usageAccess: { value: { usageAccounts: 'across', listError: 'AccessDeniedException: no' } } },
      { what: 'the monitor cannot list the accounts of usageAccounts', why: 'AccessDeniedException: no' },
    ],
    [
      'StackSets without trusted access',
      {
        stackSet: {
          ...(HEALTHY.stackSet as NonNullable<DeploymentFacts['stackSet']>),
          trustedAccess: { value: 'DISABLED' },
        },
      },
      {
        what: 'trusted access between StackSets and Organizations is DISABLED',
        fix: 'from the management account: aws cloudformation activate-organizations-access',
      },
    ],
    [
      'a StackSet created as a delegated administrator from an account not registered as one',
      {
        stackSet: {
          ...(HEALTHY.stackSet as NonNullable<DeploymentFacts['stackSet']>),
          callAs: 'DELEGATED_ADMIN',
          delegatedAdministrator: { value: false },
        },
      },
      {
        what: 'this account is not a registered delegated administrator for StackSets',
        fix: 'from the management account: aws organizations register-delegated-administrator --service-principal member.org.stacksets.cloudformation.amazonaws.com --account-id <this account>',
      },
    ],
    [
      'a StackSet instance that is not CURRENT',
      {
        stackSet: {
          ...(HEALTHY.stackSet as NonNullable<DeploymentFacts['stackSet']>),
          instances: {
            value: [
              {
                account: '222222222222',
                region: 'us-east-1',
                status: 'INOPERABLE',
                reason: 'Role already exists',
              },
            ],
          },
        },
      },
      {
        what: 'the StackSet instance in account 222222222222 (us-east-1) is INOPERABLE',
        why: 'Role already exists',
      },
    ],
  ])('needs attention for %s', (_name, facts, expected) => {
    const found = needingAttention(facts).filter((f) => f.status === 'attention');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ status: 'attention', ...expected });
    expect(found[0]?.fix).toBeTruthy();
  });

  it('says which checks could not be made, and why, never counting them as healthy', () => {
    const found = needingAttention({
      schedule: { error: 'AccessDeniedException: scheduler:ListSchedules' },
      alarms: { error: 'AccessDenied: cloudwatch:DescribeAlarms' },
      stackSet: {
        ...(HEALTHY.stackSet as NonNullable<DeploymentFacts['stackSet']>),
        trustedAccess: { error: 'no' },
      },
    });
    expect(found).toEqual([
      {
        status: 'unchecked',
        check: 'schedule',
        what: 'could not check the schedule',
        why: 'AccessDeniedException: scheduler:ListSchedules',
      },
      // Without the schedule's period, a run of any age would pass: its age is not judged.
      {
        status: 'unchecked',
        check: 'runs',
        what: 'could not check whether the last completed run, at 2026-12-05T06:00:00.000Z, is recent',
        why: 'the schedule’s period is unknown',
      },
      {
        status: 'unchecked',
        check: 'alarms',
        what: 'could not check the alarms',
        why: 'AccessDenied: cloudwatch:DescribeAlarms',
      },
      {
        status: 'unchecked',
        check: 'stack set',
        what: 'could not check trusted access for StackSets',
        why: 'no',
      },
    ]);
  });

  it('checks no account when only the own account is read', () => {
    const found = findingsOf({ ...HEALTHY, usageAccess: { value: { usageAccounts: 'own' } } }, NOW);
    expect(found.filter((f) => f.check === 'accounts')).toEqual([]);
  });
});
