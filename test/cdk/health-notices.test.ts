import { CreateEventBusCommand, EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { describe, expect, inject, it } from 'vitest';
import { EventRuleQueue } from '../../lab/event-rule-queue';
import { healthEvent } from '../../lab/fixtures/health-event';
import { motoClientConfig } from '../../lab/moto';
import { uniqueName } from '../../lab/moto-resources';
import { synthMonitor } from '../../lab/synth';
import { regionsNotHeard } from '../../lib/health-notice-rule';

const { template } = synthMonitor({ regions: ['us-east-1'] });
const ruleId = Object.keys(template.findResources('AWS::Events::Rule'))[0] ?? '';
const functionId =
  Object.entries(template.findResources('AWS::Lambda::Function')).find(([, r]) =>
    JSON.stringify(r).includes('Diffs the Bedrock model catalog'),
  )?.[0] ?? '';

describe('AWS Health notices reach the monitor function', () => {
  it('through a rule on the default bus for AWS Health events of Bedrock, whose target is the monitor function, with the dead-letter queue', () => {
    expect(Object.keys(template.findResources('AWS::Events::Rule'))).toHaveLength(1);
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['aws.health'],
        'detail-type': ['AWS Health Event'],
        detail: { service: ['BEDROCK'] },
      },
      State: 'ENABLED',
      Targets: [
        Match.objectLike({
          Arn: { 'Fn::GetAtt': [functionId, 'Arn'] },
          DeadLetterConfig: { Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^MonitorDeadLetters'), 'Arn'] } },
        }),
      ],
    });
    // No EventBusName: the account's default bus, where AWS Health delivers (AWS Health user guide,
    // "Monitoring AWS Health events with Amazon EventBridge").
    expect(JSON.stringify(template.findResources('AWS::Events::Rule'))).not.toContain('EventBusName');
  });

  it('with the one invoke permission Lambda needs from EventBridge: this rule only, no role', () => {
    // EventBridge invokes Lambda through the function's resource-based policy, not a target role
    // (EventBridge user guide, "Using resource-based policies for Amazon EventBridge": Lambda
    // permissions); the SourceArn condition keeps any other rule from invoking the monitor.
    const fromEvents = Object.values(template.findResources('AWS::Lambda::Permission')).filter(
      (p) => (p as { Properties: { Principal: string } }).Properties.Principal === 'events.amazonaws.com',
    );
    expect(fromEvents).toEqual([
      {
        Type: 'AWS::Lambda::Permission',
        Properties: {
          Action: 'lambda:InvokeFunction',
          FunctionName: { 'Fn::GetAtt': [functionId, 'Arn'] },
          Principal: 'events.amazonaws.com',
          SourceArn: { 'Fn::GetAtt': [ruleId, 'Arn'] },
        },
      },
    ]);
    const rule = template.findResources('AWS::Events::Rule')[ruleId] as { Properties: { Targets: object[] } };
    expect(JSON.stringify(rule.Properties.Targets)).not.toContain('RoleArn');
  });

  it('lets EventBridge put an undeliverable notice in the dead-letter queue, for this rule only', () => {
    // EventBridge needs sqs:SendMessage on a target's dead-letter queue, granted by the queue's
    // policy (EventBridge user guide, "Using dead-letter queues to process undelivered events").
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: 'sqs:SendMessage',
            Principal: { Service: 'events.amazonaws.com' },
            Condition: { ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': [ruleId, 'Arn'] } } },
          }),
        ]),
      },
    });
  });

  it('matches a Bedrock notice as EventBridge delivers it, and no other event, on moto’s bus', async () => {
    const motoUrl = inject('motoUrl');
    const rule = template.findResources('AWS::Events::Rule')[ruleId] as {
      Properties: { EventPattern: object };
    };
    // A bus of the test's own: on moto's default bus, the monitors other tests deploy have this very
    // rule, with a Lambda target moto cannot invoke without Docker.
    const events = new EventBridgeClient(motoClientConfig(motoUrl));
    const bus = uniqueName('health');
    await events.send(new CreateEventBusCommand({ Name: bus }));
    const queue = await EventRuleQueue.create(motoUrl, rule.Properties.EventPattern, bus);
    const put = (event: Record<string, unknown>) => ({
      EventBusName: bus,
      Source: String(event.source),
      DetailType: String(event['detail-type']),
      Detail: JSON.stringify(event.detail),
      Resources: event.resources as string[],
    });
    const ec2 = healthEvent({ service: 'EC2', eventArn: 'arn:aws:health:us-east-1::event/EC2/X' });
    await events.send(
      new PutEventsCommand({
        Entries: [
          put(healthEvent()),
          put(ec2),
          { EventBusName: bus, Source: 'aws.events', DetailType: 'Scheduled Event', Detail: '{}' },
        ],
      }),
    );
    const received = await queue.drain();
    expect(received.map((e) => [e.source, e.detail.service])).toEqual([['aws.health', 'BEDROCK']]);
  });

  it.each([
    ['us-west-2', ['us-east-1', 'eu-west-1', 'us-west-2'], []],
    ['us-east-1', ['us-east-1', 'us-west-2'], []],
    ['us-east-1', ['us-east-1', 'eu-west-1'], ['eu-west-1']],
    ['eu-west-1', ['eu-west-1', 'us-west-2', 'ap-south-1'], ['us-west-2', 'ap-south-1']],
  ])('in %s hears the notices of %j but those of %j', (monitor, watched, unheard) => {
    // AWS Health: a region's events there, account-specific ones also in us-west-2 (us-east-1 for
    // us-west-2's own) (AWS Health user guide, "Choosing a Region").
    expect(regionsNotHeard(monitor, watched)).toEqual(unheard);
  });

  it('warns at synth when a watched region’s notices cannot reach the stack’s region, with the fix', () => {
    const warning = Match.stringLikeRegexp(
      'a monitor in eu-west-1 will not hear the Bedrock notices of us-east-1 .*Deploy it in us-west-2',
    );
    Annotations.fromStack(synthMonitor({ regions: ['eu-west-1', 'us-east-1'] }).stack).hasWarning(
      '*',
      warning,
    );
    Annotations.fromStack(
      synthMonitor({ regions: ['eu-west-1', 'us-east-1'] }, { region: 'us-west-2' }).stack,
    ).hasNoWarning('*', Match.stringLikeRegexp('will not hear'));
  });
});
