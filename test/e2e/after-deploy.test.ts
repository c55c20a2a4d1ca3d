import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CloudFormationClient,
  CreateStackInstancesCommand,
  CreateStackSetCommand,
  GetTemplateCommand,
} from '@aws-sdk/client-cloudformation';
import { CloudWatchClient, PutMetricAlarmCommand, SetAlarmStateCommand } from '@aws-sdk/client-cloudwatch';
import { GetFunctionConfigurationCommand, LambdaClient } from '@aws-sdk/client-lambda';
import {
  CreateOrganizationalUnitCommand,
  ListRootsCommand,
  MoveAccountCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { CreateScheduleCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { SubscribeCommand } from '@aws-sdk/client-sns';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { runBundledHandler } from '../../lab/bundled-handler';
import { runCli } from '../../lab/cli';
import { AWS_ERRORS, type FaultProxy, startFaultProxy } from '../../lab/fault-proxy';
import { CATALOG } from '../../lab/fixtures/catalog';
import { type DeployedStack, deployToMoto, motoEnv } from '../../lab/local-deploy';
import { motoClientConfig, type RunningMoto, startMoto } from '../../lab/moto';
import { AlertQueue, dynamoDb, sns } from '../../lab/moto-resources';
import { createOrganization, type LabAccount } from '../../lab/organization';
import { StandInTenant } from '../../lab/stand-in-tenant';
import { TEST_ALERT_TITLE } from '../../lambda/messages/test-alert';
import { scanAll } from '../support/table-scan';

/**
 * After `cdk deploy`: `bedrock-lifecycle doctor` and `test-alert` against a real deployment in
 * moto, through a proxy that plays the parts moto lacks. moto confirms every subscription (SNS
 * keeps an email `PendingConfirmation` until its link is clicked), cannot invoke a function
 * (doctor asks the deployed function which accounts it can enter: the proxy runs the deployed
 * bundle, as Lambda would), creates no schedule from a template (the test creates it, as
 * CloudFormation would), and has no Cloud Control (Chatbot configurations are read through it).
 */

/** SNS lists an unconfirmed subscription's ARN as "PendingConfirmation"; moto confirms at once. */
const pendingEmails = (xml: string) =>
  xml.replace(
    /<SubscriptionArn>[^<]*<\/SubscriptionArn>(?=(?:(?!<\/member>).)*<Protocol>email<\/Protocol>)/gs,
    '<SubscriptionArn>PendingConfirmation</SubscriptionArn>',
  );

describe('after the deploy: doctor and test-alert', () => {
  let moto: RunningMoto;
  let motoUrl: string;
  let stack: DeployedStack;
  let members: LabAccount[];
  /** What DescribeOrganizationsAccess answers (moto does not implement it). */
  let trustedAccess = 'ENABLED';
  let proxy: FaultProxy;
  let tenant: StandInTenant;
  let alerts: AlertQueue;
  let pager: AlertQueue;
  /** Whether Cloud Control finds the Chatbot configuration: false plays one deleted out of band. */
  let chatConfigurationExists = true;
  let cloudWatch: CloudWatchClient;
  const alarmName = `doctor-${randomBytes(3).toString('hex')}-NoSuccessfulRuns`;

  const cli = (args: readonly string[]) => runCli(args, { ...motoEnv(proxy.url), NO_COLOR: '1' });
  /** The deployed function's bundle with its deployed environment, every AWS call through the proxy. */
  const invokeFunction = (event: unknown) => {
    const deployed = stack.functions.FunctionName;
    if (!deployed) throw new Error('no deployed function');
    return runBundledHandler(
      deployed.bundlePath,
      { ...deployed.env, ...motoEnv(proxy.url), ...tenant.env() },
      event,
    );
  };

  beforeAll(async () => {
    // A moto of its own: it holds an organization (one per management account).
    moto = await startMoto();
    motoUrl = moto.url;
    cloudWatch = new CloudWatchClient(motoClientConfig(motoUrl));
    proxy = await startFaultProxy(motoUrl);
    // The organization: team-a and team-b in the unit Workloads, whose accounts the StackSet reaches.
    members = await createOrganization(motoUrl, ['team-a', 'team-b']);
    const organizations = new OrganizationsClient(motoClientConfig(motoUrl));
    const root = (await organizations.send(new ListRootsCommand({}))).Roots?.[0]?.Id ?? '';
    const unit =
      (await organizations.send(new CreateOrganizationalUnitCommand({ ParentId: root, Name: 'Workloads' })))
        .OrganizationalUnit?.Id ?? '';
    for (const member of members) {
      await organizations.send(
        new MoveAccountCommand({ AccountId: member.id, SourceParentId: root, DestinationParentId: unit }),
      );
    }
    stack = await deployToMoto(motoUrl, `Doctor${randomBytes(3).toString('hex')}`, {
      regions: 'us-east-1',
      alertEmails: 'ops@example.com',
      slackWorkspaceId: 'T0123ABCD',
      slackChannelIds: 'C0123ABCD',
      usageAccounts: 'organization',
      usageOrganizationalUnits: unit,
      routes: JSON.stringify([{ name: 'pager', minSeverity: 'critical', emails: ['oncall@example.com'] }]),
    });
    // The StackSet, as CloudFormation creates it from the template (moto only marks it complete).
    const cfn = new CloudFormationClient(motoClientConfig(motoUrl));
    const template = JSON.parse(
      (await cfn.send(new GetTemplateCommand({ StackName: stack.stackName }))).TemplateBody ?? '{}',
    ) as { Resources: Record<string, { Type: string; Properties: Record<string, never> }> };
    const stackSet = Object.values(template.Resources).find(
      (r) => r.Type === 'AWS::CloudFormation::StackSet',
    );
    const { StackSetName, TemplateBody, Parameters = [] } = stackSet?.Properties ?? {};
    await cfn.send(
      new CreateStackSetCommand({
        StackSetName,
        TemplateBody,
        PermissionModel: 'SERVICE_MANAGED',
        Capabilities: ['CAPABILITY_NAMED_IAM'],
        Parameters: (Parameters as { ParameterKey: string; ParameterValue: unknown }[]).map((p) => ({
          ParameterKey: p.ParameterKey,
          ParameterValue: typeof p.ParameterValue === 'string' ? p.ParameterValue : '123456789012',
        })),
      }),
    );
    await cfn.send(
      new CreateStackInstancesCommand({
        StackSetName,
        DeploymentTargets: { OrganizationalUnitIds: [unit] },
        Regions: ['us-east-1'],
      }),
    );
    proxy.intercept(/^CLOUDFORMATION\.DescribeOrganizationsAccess$/, async () => ({
      status: 200,
      headers: { 'content-type': 'text/xml' },
      body: `<DescribeOrganizationsAccessResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><DescribeOrganizationsAccessResult><Status>${trustedAccess}</Status></DescribeOrganizationsAccessResult><ResponseMetadata><RequestId>proxy</RequestId></ResponseMetadata></DescribeOrganizationsAccessResponse>`,
    }));
    // Lambda Invoke: the deployed bundle answers, as the function would.
    proxy.intercept(/^LAMBDA\.POST \/2015-03-31\/functions\/[^/]+\/invocations$/, async ({ body }) => {
      const run = await invokeFunction(JSON.parse(body));
      return {
        status: 200,
        headers: {
          'content-type': 'application/json',
          ...(run.ok ? {} : { 'x-amz-function-error': 'Unhandled' }),
        },
        body: JSON.stringify(
          run.ok ? run.result : { errorType: run.error?.name, errorMessage: run.error?.message },
        ),
      };
    });
    // Cloud Control lists the account's Chatbot configurations: this stack's, or none.
    proxy.intercept(/^CloudApiService\.ListResources$/, async ({ body }) => {
      const { TypeName } = JSON.parse(body);
      const name = `${stack.stackName}-us-east-1-slack-C0123ABCD`;
      return {
        status: 200,
        headers: { 'content-type': 'application/x-amz-json-1.0' },
        body: JSON.stringify({
          TypeName,
          ResourceDescriptions: chatConfigurationExists
            ? [
                {
                  Identifier: `arn:aws:chatbot::123456789012:chat-configuration/slack-channel/${name}`,
                  // A list handler may return the primary identifier alone.
                  Properties: '{}',
                },
              ]
            : [],
        }),
      };
    });
    // What CloudFormation creates and moto does not: the schedule, and an alarm on the topic.
    const { FunctionArn } = await new LambdaClient(motoClientConfig(motoUrl)).send(
      new GetFunctionConfigurationCommand({ FunctionName: stack.outputs.FunctionName }),
    );
    await new SchedulerClient(motoClientConfig(motoUrl)).send(
      new CreateScheduleCommand({
        // Named as CloudFormation names a schedule the template leaves unnamed.
        Name: `${stack.stackName}-MonitorSchedule83A1CD3F-1HQVNM0XEZ3T2`,
        ScheduleExpression: 'rate(6 hours)',
        FlexibleTimeWindow: { Mode: 'OFF' },
        Target: { Arn: FunctionArn, RoleArn: 'arn:aws:iam::123456789012:role/scheduler' },
      }),
    );
    await cloudWatch.send(
      new PutMetricAlarmCommand({
        AlarmName: alarmName,
        Namespace: 'BedrockLifecycleMonitor',
        MetricName: 'SuccessfulRuns',
        Statistic: 'Sum',
        Period: 3600,
        EvaluationPeriods: 1,
        Threshold: 1,
        ComparisonOperator: 'LessThanThreshold',
        AlarmActions: [stack.outputs.TopicArn],
      }),
    );
    // The email subscriptions the template declares (AWS::SNS::Subscription, which moto skips).
    for (const [topicArn, email] of [
      [stack.outputs.TopicArn, 'ops@example.com'],
      [stack.outputs.RouteTopicpager ?? '', 'oncall@example.com'],
    ] as const) {
      await sns(motoUrl).send(
        new SubscribeCommand({ TopicArn: topicArn, Protocol: 'email', Endpoint: email }),
      );
    }
    alerts = await AlertQueue.subscribe(motoUrl, stack.outputs.TopicArn);
    pager = await AlertQueue.subscribe(motoUrl, stack.outputs.RouteTopicpager ?? '');
    tenant = new StandInTenant(inject('standInUrl'), 'AFTERDEPLOY');
    const now = new Date(Math.floor(Date.now() / 60_000) * 60_000).toISOString();
    await tenant.set({ time: now, models: CATALOG });
    expect((await invokeFunction({ time: now })).ok).toBe(true);
    await alerts.drain();
    await pager.drain();
  }, 240_000);

  afterEach(() => {
    proxy.clear();
    chatConfigurationExists = true;
    trustedAccess = 'ENABLED';
  });
  afterAll(async () => {
    await proxy?.close();
    await moto?.stop();
  });

  it('doctor exits 0 on a healthy deployment, each check on a line of its own', async () => {
    const run = await cli(['doctor', '--stack', stack.stackName]);
    expect(run.stderr).toContain('Nothing needs attention');
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines.filter((line) => !line.startsWith('✓ '))).toEqual([]);
    expect(lines).toEqual(
      expect.arrayContaining([
        `✓ the stack ${stack.stackName} is CREATE_COMPLETE`,
        '✓ the alert topic: 2 confirmed subscriptions',
        "✓ the route pager's topic: 2 confirmed subscriptions",
        expect.stringMatching(
          /^✓ Slack channel C0123ABCD: configured \(Doctor\w+-us-east-1-slack-C0123ABCD\)$/,
        ),
        expect.stringMatching(/^✓ the schedule \S+ is enabled: rate\(6 hours\)$/),
        expect.stringMatching(/^✓ the last completed run was at \d{4}-\d\d-\d\dT/),
        expect.stringMatching(/^✓ the dead-letter queue \S+ is empty$/),
        '✓ the monitor can enter all 3 accounts it reads',
        '✓ trusted access between StackSets and Organizations is enabled',
        `✓ the StackSet ${stack.stackName}-UsageReader: 2 instances, all CURRENT`,
        '✓ 1 alarm, none in ALARM',
      ]),
    );
  });

  it('doctor names an email subscription still pending confirmation, with the fix, and exits 1', async () => {
    proxy.rewrite('SNS.ListSubscriptionsByTopic', pendingEmails);
    const run = await cli(['doctor', '--stack', stack.stackName]);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(
      `✗ ops@example.com is not confirmed on the alert topic — SNS sends nothing to an email address until it confirms, and drops the subscription after 48 hours — fix: check the inbox of ops@example.com for "AWS Notification - Subscription Confirmation" and click the link; past 48 hours, subscribe it again: aws sns subscribe --topic-arn ${stack.outputs.TopicArn} --protocol email --notification-endpoint ops@example.com`,
    );
    expect(run.stdout).toContain("✗ oncall@example.com is not confirmed on the route pager's topic");
    expect(run.stderr).toContain('2 findings need attention');
  });

  it('doctor names each member account the monitor cannot enter, asked of the function itself, and exits 1', async () => {
    proxy.inject(AWS_ERRORS.stsAccessDenied(members[1]?.id ?? ''), -1);
    const run = await cli(['doctor', '--stack', stack.stackName, '--json']);
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout) as {
      needAttention: number;
      findings: { status: string; what: string; why: string }[];
    };
    expect(report.needAttention).toBe(1);
    const [finding] = report.findings.filter((f) => f.status === 'attention');
    expect(finding?.what).toBe(`the monitor cannot enter account ${members[1]?.id} (team-b)`);
    expect(finding?.why).toMatch(/^AccessDenied: User is not authorized to perform: sts:AssumeRole/);
    // The AssumeRole calls were the function's own, one per member account.
    expect(proxy.count('STS.AssumeRole')).toBeGreaterThanOrEqual(2);
  });

  it('doctor prints the example of docs/deploy.md as the page shows it: two emails pending, one account refused', async () => {
    proxy.rewrite('SNS.ListSubscriptionsByTopic', pendingEmails);
    proxy.inject(
      AWS_ERRORS.stsAccessDenied(members[1]?.id ?? '', stack.functions.FunctionName?.env.USAGE_ROLE_NAME),
      -1,
    );
    const run = await cli(['doctor', '--stack', stack.stackName]);
    expect(run.status).toBe(1);
    // This deployment's own names and times, as they read in a deployment of the default stack.
    const normalized = `${run.stdout}${run.stderr}`
      .replaceAll(stack.stackName, 'BedrockLifecycleMonitor')
      .replaceAll(members[1]?.id ?? '', '222222222222')
      .replace(/(Monitor[A-Za-z]+)[0-9A-F]{8}-[A-Z0-9]{12,13}\b/g, '$1…')
      .replace(/run was at \S+/, 'run was at 2026-12-05T12:00:00.000Z');
    const page = readFileSync(join(__dirname, '..', '..', 'docs', 'deploy.md'), 'utf8');
    const example = /```text\n\$ npx bedrock-lifecycle doctor\n([^`]*)```/.exec(page)?.[1];
    expect(normalized).toBe(example);
  });

  it('doctor reports StackSets without trusted access, and each instance that is not CURRENT, with its reason', async () => {
    trustedAccess = 'DISABLED';
    proxy.rewrite('CLOUDFORMATION.ListStackInstances', (xml) =>
      xml.replaceAll(
        '<Status>CURRENT</Status>',
        '<Status>INOPERABLE</Status><StatusReason>Role already exists</StatusReason>',
      ),
    );
    const run = await cli(['doctor', '--stack', stack.stackName]);
    expect(run.status).toBe(1);
    const failed = run.stdout.split('\n').filter((line) => line.startsWith('✗ '));
    expect(failed).toEqual([
      '✗ trusted access between StackSets and Organizations is DISABLED — the StackSet cannot put the reader role into member accounts — fix: from the management account: aws cloudformation activate-organizations-access',
      ...members.map(
        (m) =>
          `✗ the StackSet instance in account ${m.id} (us-east-1) is INOPERABLE — Role already exists — fix: see aws cloudformation list-stack-instances, fix the cause, and update the StackSet`,
      ),
    ]);
  });

  it('doctor reports an alarm of the monitor in ALARM, with its reason', async () => {
    await cloudWatch.send(
      new SetAlarmStateCommand({
        AlarmName: alarmName,
        StateValue: 'ALARM',
        StateReason: 'No successful run for 12 hours',
      }),
    );
    const run = await cli(['doctor', '--stack', stack.stackName]);
    await cloudWatch.send(
      new SetAlarmStateCommand({ AlarmName: alarmName, StateValue: 'OK', StateReason: 'test over' }),
    );
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(`✗ the alarm ${alarmName} is in ALARM — No successful run for 12 hours`);
  });

  it('doctor reports a Chatbot configuration deleted since the deploy', async () => {
    chatConfigurationExists = false;
    const run = await cli(['doctor', '--stack', stack.stackName]);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(
      /✗ Slack channel C0123ABCD has no Chatbot configuration \(\S+ is gone\) — the channel receives no alerts/,
    );
  });

  it('test-alert sends one marked test message to each topic, in every format, and records nothing', async () => {
    const tableBefore = await scanAll(dynamoDb(motoUrl), stack.outputs.TableName);
    proxy.resetCounts();
    const run = await cli(['test-alert', '--stack', stack.stackName]);
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toMatch(
      new RegExp(`^Sent to the alert topic \\(${stack.outputs.TopicArn}\\): message [\\w-]+$`),
    );
    expect(lines[1]).toBe('  reaches 1 email, 1 SQS');
    expect(lines[2]).toMatch(/^Sent to the route pager \(\S+-route-pager\): message [\w-]+$/);
    // The function published it (its topics deny every other publisher), and nothing else did.
    expect(proxy.count(`LAMBDA.POST /2015-03-31/functions/${stack.outputs.FunctionName}/invocations`)).toBe(
      1,
    );
    // Every format the topics carry says it is a test.
    const published = proxy.requests().filter((r) => r.operation === 'SNS.Publish');
    expect(published).toHaveLength(2);
    for (const request of published) {
      const params = new URLSearchParams(request.body);
      expect(params.get('Subject')).toBe(`[TEST] ${TEST_ALERT_TITLE}`);
      const bodies = JSON.parse(params.get('Message') ?? '{}');
      expect(bodies.email).toContain(TEST_ALERT_TITLE);
      expect(JSON.parse(bodies.https).content.title).toContain(TEST_ALERT_TITLE);
      expect(JSON.parse(bodies.sqs)).toMatchObject({ test: true, events: [] });
    }
    // The machine subscribers received it, marked, with no events.
    for (const queue of [alerts, pager]) {
      const [message] = await queue.drain();
      expect(message?.body).toMatchObject({ test: true, events: [], source: 'bedrock-lifecycle-monitor' });
      expect(message?.attributes.test?.Value).toBe('true');
    }
    expect(await scanAll(dynamoDb(motoUrl), stack.outputs.TableName)).toEqual(tableBefore);
  });

  it('test-alert still sends to the other topics when one refuses, names the one that failed, and exits 1', async () => {
    proxy.inject({ ...AWS_ERRORS.snsKmsAccessDenied(), when: `${stack.stackName}-route-pager` }, 1);
    const run = await cli(['test-alert', '--stack', stack.stackName]);
    expect(run.status).toBe(1);
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^Sent to the alert topic \(\S+\): message [\w-]+$/);
    expect(lines[2]).toMatch(
      /^Could not send to the route pager \(\S+-route-pager\): KMSAccessDeniedException: User is not authorized to perform kms:GenerateDataKey/,
    );
    expect(run.stderr).toContain('1 test message sent, 1 failed');
    expect(await alerts.drain()).toHaveLength(1);
    expect(await pager.drain()).toEqual([]);
  });

  it('test-alert --route sends to that route alone; an unknown route is a usage error', async () => {
    const run = await cli(['test-alert', '--stack', stack.stackName, '--route', 'pager', '--json']);
    expect(run.status).toBe(0);
    expect((JSON.parse(run.stdout) as { route: string }[]).map((s) => s.route)).toEqual(['pager']);
    expect(await alerts.drain()).toEqual([]);
    expect(await pager.drain()).toHaveLength(1);
    const unknown = await cli(['test-alert', '--stack', stack.stackName, '--route', 'nope']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('the stack has no route "nope" (routes: pager)');
    // The function refuses an unknown route too, whoever invokes it.
    const refused = await invokeFunction({ check: 'test-alert', route: 'nope' });
    expect(refused.error?.message).toBe('No route named "nope" (routes: pager)');
  });
});
