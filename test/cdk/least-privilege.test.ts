import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import { beforeAll, describe, expect, it } from 'vitest';
import { PRICE_CACHE_PK } from '../../contract/price-cache';
import { MAX_REGIONS } from '../../contract/settings';
import { synthMonitor } from '../../lab/synth';
import { regionsOf } from '../../lab/synthetic-catalog';
import { ALL_FEATURES } from '../support/all-features';
import { evaluate, type Policy } from '../support/policy-evaluator';

type Statement = { Action: string | string[]; Resource: unknown; Effect: string; Condition?: unknown };
type Resources = Record<string, { Type: string; Properties: Record<string, unknown> }>;

let template: Template;
let resources: Resources;
/** An alarm of the stack's account and region (SYNTH_ENV). */
const OWN_ALARM = 'arn:aws:cloudwatch:eu-west-1:123456789012:alarm:Monitor-SelfMonitoringErrors';

const logicalId = (prefix: string, type: string) => {
  const ids = Object.keys(template.findResources(type)).filter((id) => id.startsWith(prefix));
  expect(ids, `${type} ${prefix}`).toHaveLength(1);
  return ids[0] as string;
};

/** Each statement of the policies attached to a role. */
function statementsOf(rolePrefix: string): Statement[] {
  const role = logicalId(rolePrefix, 'AWS::IAM::Role');
  return Object.values(
    template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: role }] } }),
  ).flatMap(
    (p) =>
      (p as { Properties: { PolicyDocument: { Statement: Statement[] } } }).Properties.PolicyDocument
        .Statement,
  );
}

/** Each statement of the policies attached to a role, as sorted actions and the resource. */
const grantsOf = (rolePrefix: string): { actions: string[]; resource: unknown }[] =>
  statementsOf(rolePrefix).map((s) => ({
    actions: ([] as string[]).concat(s.Action).sort(),
    resource: s.Resource,
  }));

const arnOf = (prefix: string, type: string) => ({ 'Fn::GetAtt': [logicalId(prefix, type), 'Arn'] });

beforeAll(() => {
  ({ template } = synthMonitor(ALL_FEATURES));
  resources = template.toJSON().Resources as Resources;
});

describe('least privilege', () => {
  it('grants the monitor only what it uses: Bedrock listings and offers, the usage metrics, its table, its topic and key, its logs and its dead-letter queue', () => {
    expect(grantsOf('MonitorRole')).toEqual([
      {
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resource: arnOf('MonitorLogs', 'AWS::Logs::LogGroup'),
      },
      { actions: ['sqs:SendMessage'], resource: arnOf('MonitorDeadLettersQueue', 'AWS::SQS::Queue') },
      {
        actions: [
          'dynamodb:BatchGetItem',
          'dynamodb:BatchWriteItem',
          'dynamodb:GetItem',
          'dynamodb:PutItem',
          'dynamodb:UpdateItem',
        ],
        resource: arnOf('MonitorHistory', 'AWS::DynamoDB::Table'),
      },
      // The price cache's partition alone (see the test below).
      { actions: ['dynamodb:Query'], resource: arnOf('MonitorHistory', 'AWS::DynamoDB::Table') },
      // The alert topic and each route's topic, all encrypted with the alert topic's key.
      {
        actions: ['sns:Publish'],
        resource: ['MonitorAlertsTopic', 'MonitorRoutespagerTopic', 'MonitorRoutesteambTopic'].map(
          (prefix) => ({
            Ref: logicalId(prefix, 'AWS::SNS::Topic'),
          }),
        ),
      },
      {
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resource: arnOf('MonitorAlertsKey', 'AWS::KMS::Key'),
      },
      // One event per change, on the account's default bus alone.
      { actions: ['events:PutEvents'], resource: 'arn:aws:events:eu-west-1:123456789012:event-bus/default' },
      // The four actions with no resource types, each in a policy of its own, and GetFoundationModel
      // on any foundation model (they have no account).
      { actions: ['bedrock:ListFoundationModels'], resource: '*' },
      {
        actions: ['bedrock:GetFoundationModel'],
        resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':bedrock:*::foundation-model/*']] },
      },
      { actions: ['bedrock:ListInferenceProfiles'], resource: '*' },
      { actions: ['cloudwatch:GetMetricData'], resource: '*' },
      { actions: ['bedrock:ListFoundationModelAgreementOffers'], resource: '*' },
      // Usage across the organization: the accounts of the StackSet's units (and which account is
      // the management account, which no StackSet reaches), and the reader role in each account.
      {
        actions: ['sts:AssumeRole'],
        resource: {
          'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::*:role/Monitor-Reader-eu-west-1']],
        },
      },
      {
        actions: [
          'organizations:DescribeOrganization',
          'organizations:ListAccountsForParent',
          'organizations:ListChildren',
        ],
        resource: '*',
      },
    ]);
  });

  it('lets the monitor Query the price cache’s partition of its table and no other', () => {
    const queries = statementsOf('MonitorRole').filter((s) =>
      ([] as string[]).concat(s.Action).includes('dynamodb:Query'),
    );
    expect(queries.map((s) => s.Condition)).toEqual([
      { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': [PRICE_CACHE_PK] } },
    ]);
  });

  it('limits every wildcard read to the watched regions', () => {
    const wildcardReads = statementsOf('MonitorRole')
      .filter((s) => String(JSON.stringify(s.Resource)).includes('*'))
      // Organizations and IAM are global: their requests name no watched region.
      .filter((s) => !String(s.Action).match(/^(sts|organizations):/));
    expect(wildcardReads.map((s) => s.Action).sort()).toEqual([
      'bedrock:GetFoundationModel',
      'bedrock:ListFoundationModelAgreementOffers',
      'bedrock:ListFoundationModels',
      'bedrock:ListInferenceProfiles',
      'cloudwatch:GetMetricData',
    ]);
    for (const statement of wildcardReads) {
      expect(statement.Condition).toEqual({ StringEquals: { 'aws:RequestedRegion': ALL_FEATURES.regions } });
    }
  });

  it('keeps the monitor role’s inline policies under IAM’s 10,240 characters with the most regions', () => {
    const regions = regionsOf(MAX_REGIONS);
    const { template: widest } = synthMonitor({ ...ALL_FEATURES, regions });
    const role = Object.keys(widest.findResources('AWS::IAM::Role')).find((id) =>
      id.startsWith('MonitorRole'),
    );
    const documents = Object.values(
      widest.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: role }] } }),
    ).map((p) => (p as { Properties: { PolicyDocument: unknown } }).Properties.PolicyDocument);
    // Resolved ARNs are longer than the template's references to them: count each at 100 more.
    const references = JSON.stringify(documents).match(/"Fn::GetAtt"|"Ref"/g)?.length ?? 0;
    const characters = documents.reduce<number>((n, d) => n + JSON.stringify(d).length, 0) + 100 * references;
    expect(JSON.stringify(documents)).toContain(regions.at(-1));
    expect(characters).toBeLessThan(10_240);
  });

  it('lets the schedule invoke the monitor function and send what it cannot deliver to the dead-letter queue, nothing else', () => {
    const fn = logicalId('MonitorFunction', 'AWS::Lambda::Function');
    expect(grantsOf('MonitorScheduleRole')).toEqual([
      {
        actions: ['lambda:InvokeFunction'],
        resource: [
          { 'Fn::GetAtt': [fn, 'Arn'] },
          { 'Fn::Join': ['', [{ 'Fn::GetAtt': [fn, 'Arn'] }, ':*']] },
        ],
      },
      { actions: ['sqs:SendMessage'], resource: arnOf('MonitorDeadLettersQueue', 'AWS::SQS::Queue') },
    ]);
  });

  it('grants no wildcard action in any policy of the stack; wildcards appear only to deny requests without TLS', () => {
    const statements = Object.values(resources)
      .filter((r) => ['AWS::IAM::Policy', 'AWS::SNS::TopicPolicy', 'AWS::SQS::QueuePolicy'].includes(r.Type))
      .flatMap(
        (r) =>
          (r.Properties.PolicyDocument as { Statement: (Statement & { Condition?: unknown })[] }).Statement,
      );
    const wildcard = (s: Statement) => ([] as string[]).concat(s.Action).some((a) => a.includes('*'));
    expect(statements.filter((s) => s.Effect === 'Allow').length).toBeGreaterThan(10);
    expect(statements.filter((s) => s.Effect === 'Allow' && wildcard(s))).toEqual([]);
    for (const deny of statements.filter((s) => s.Effect === 'Deny' && wildcard(s))) {
      expect(deny.Condition).toEqual({ Bool: { 'aws:SecureTransport': 'false' } });
    }
  });

  it('grants in the key’s own policy no wildcard action beyond the account administrator statement', () => {
    const key = resources[logicalId('MonitorAlertsKey', 'AWS::KMS::Key')];
    const statements = (
      key?.Properties.KeyPolicy as { Statement: (Statement & { Principal: unknown })[] } | undefined
    )?.Statement;
    const wildcard = (statements ?? []).filter((s) =>
      ([] as string[]).concat(s.Action).some((a) => a.includes('*')),
    );
    // The default that hands the key's administration to the account's IAM policies.
    expect(wildcard.map((s) => [s.Action, s.Principal])).toEqual([
      ['kms:*', { AWS: 'arn:aws:iam::123456789012:root' }],
    ]);
  });
});

describe('the alert topic’s policy', () => {
  let policy: Policy;
  let monitorRole: Record<string, unknown>;
  const secure = { 'aws:SecureTransport': true };

  beforeAll(() => {
    const id = logicalId('MonitorAlertsTopicPolicy', 'AWS::SNS::TopicPolicy');
    policy = resources[id]?.Properties.PolicyDocument as Policy;
    monitorRole = arnOf('MonitorRole', 'AWS::IAM::Role');
  });

  it('lets the monitor function publish', () => {
    expect(
      evaluate(policy, {
        principal: { aws: monitorRole },
        action: 'sns:Publish',
        context: { ...secure, 'aws:PrincipalArn': monitorRole },
      }),
    ).toBe('allow');
  });

  const alarmPublishes = (sourceArn: string) =>
    evaluate(policy, {
      principal: { service: 'cloudwatch.amazonaws.com' },
      action: 'sns:Publish',
      context: {
        ...secure,
        'aws:SourceAccount': sourceArn.split(':')[4] ?? '',
        'aws:SourceArn': sourceArn,
        'aws:PrincipalServiceName': 'cloudwatch.amazonaws.com',
      },
    });

  it('lets CloudWatch alarms of this account and region publish, and no other alarm', () => {
    expect(alarmPublishes(OWN_ALARM)).toBe('allow');
    expect(alarmPublishes('arn:aws:cloudwatch:us-east-1:123456789012:alarm:Elsewhere')).toBe('implicit deny');
    expect(alarmPublishes('arn:aws:cloudwatch:eu-west-1:210987654321:alarm:Stranger')).toBe('implicit deny');
  });

  it('denies every topic action without TLS, not only publishing', () => {
    const admin = 'arn:aws:iam::123456789012:role/Admin';
    for (const action of [
      'sns:Subscribe',
      'sns:GetTopicAttributes',
      'sns:SetTopicAttributes',
      'sns:Publish',
    ]) {
      expect(
        evaluate(policy, {
          principal: { aws: admin },
          action,
          context: { 'aws:SecureTransport': false, 'aws:PrincipalArn': admin },
        }),
        action,
      ).toBe('deny');
    }
  });

  it('denies subscribing over plain http, and leaves https subscriptions to IAM', () => {
    const admin = 'arn:aws:iam::123456789012:role/Admin';
    const subscribe = (protocol: string) =>
      evaluate(policy, {
        principal: { aws: admin },
        action: 'sns:Subscribe',
        context: { ...secure, 'aws:PrincipalArn': admin, 'sns:Protocol': protocol },
      });
    expect(subscribe('http')).toBe('deny');
    expect(subscribe('https')).toBe('implicit deny');
  });

  it('denies publishing to any other principal, even one its own IAM policy would allow', () => {
    const other = 'arn:aws:iam::123456789012:role/SomeoneElse';
    expect(
      evaluate(policy, {
        principal: { aws: other },
        action: 'sns:Publish',
        context: { ...secure, 'aws:PrincipalArn': other },
      }),
    ).toBe('deny');
  });

  it('denies publishing without TLS, even to the monitor', () => {
    expect(
      evaluate(policy, {
        principal: { aws: monitorRole },
        action: 'sns:Publish',
        context: { 'aws:SecureTransport': false, 'aws:PrincipalArn': monitorRole },
      }),
    ).toBe('deny');
  });
});

describe('the topic key’s policy', () => {
  const alarmEncrypts = (keyPolicy: Policy, sourceArn = OWN_ALARM) =>
    ['kms:GenerateDataKey', 'kms:Decrypt'].map((action) =>
      evaluate(keyPolicy, {
        principal: { service: 'cloudwatch.amazonaws.com' },
        action,
        context: { 'aws:SourceAccount': '123456789012', 'aws:SourceArn': sourceArn },
      }),
    );

  it('lets CloudWatch alarms of this account and region encrypt their notifications for the topic', () => {
    const key = resources[logicalId('MonitorAlertsKey', 'AWS::KMS::Key')];
    const keyPolicy = key?.Properties.KeyPolicy as Policy;
    expect(alarmEncrypts(keyPolicy)).toEqual(['allow', 'allow']);
    expect(alarmEncrypts(keyPolicy, 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:Elsewhere')).toEqual([
      'implicit deny',
      'implicit deny',
    ]);
  });

  it('is needed: a key left with the default policy gives CloudWatch nothing, so its alarms would vanish', () => {
    const stack = new Stack(undefined, 'Plain', { env: { account: '123456789012', region: 'eu-west-1' } });
    new kms.Key(stack, 'Key', { enableKeyRotation: true });
    const plain = Object.values(Template.fromStack(stack).findResources('AWS::KMS::Key'))[0] as {
      Properties: { KeyPolicy: Policy };
    };
    expect(alarmEncrypts(plain.Properties.KeyPolicy)).toEqual(['implicit deny', 'implicit deny']);
  });
});

describe('the Slack webhook forwarder', () => {
  it('may read its one secret, write its logs and dead-letter its failures, nothing else', () => {
    expect(grantsOf('MonitorSlackWebhookForwarderRole')).toEqual([
      {
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resource: arnOf('MonitorSlackWebhookForwarderLogs', 'AWS::Logs::LogGroup'),
      },
      {
        actions: ['sqs:SendMessage'],
        resource: arnOf('MonitorSlackWebhookDeadLettersQueue', 'AWS::SQS::Queue'),
      },
      {
        actions: ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue'],
        resource:
          'arn:aws:secretsmanager:eu-west-1:123456789012:secret:bedrock-lifecycle/slack-webhook-??????',
      },
    ]);
  });

  it('keeps no secret in the template or in any environment', () => {
    const text = JSON.stringify(template.toJSON());
    expect(text).not.toMatch(/hooks\.slack\.com|xox[bp]-|https:\/\/[^"]*\/services\//);
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: {
          SLACK_WEBHOOK_SECRET_NAME: 'bedrock-lifecycle/slack-webhook',
          POWERTOOLS_SERVICE_NAME: 'bedrock-lifecycle-monitor',
          NODE_OPTIONS: '--enable-source-maps',
        },
      },
    });
  });
});
