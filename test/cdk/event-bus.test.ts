import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { synthMonitor } from '../../lab/synth';

const putEvents = (template: ReturnType<typeof synthMonitor>['template']) =>
  Object.values(template.findResources('AWS::IAM::Policy'))
    .flatMap(
      (p) =>
        (p as { Properties: { PolicyDocument: { Statement: { Action: unknown; Resource: unknown }[] } } })
          .Properties.PolicyDocument.Statement,
    )
    .filter((s) => s.Action === 'events:PutEvents')
    .map((s) => s.Resource);

describe('the event bus setting', () => {
  it.each([
    [undefined, 'default', ['arn:aws:events:eu-west-1:123456789012:event-bus/default']],
    [
      'platform-events',
      'platform-events',
      ['arn:aws:events:eu-west-1:123456789012:event-bus/platform-events'],
    ],
    [
      'arn:aws:events:us-east-1:222222222222:event-bus/central',
      'arn:aws:events:us-east-1:222222222222:event-bus/central',
      ['arn:aws:events:us-east-1:222222222222:event-bus/central'],
    ],
    ['none', 'none', []],
  ])(
    'eventBus %s: tells the function %s and allows PutEvents on that bus only',
    (eventBus, env, resources) => {
      const { template } = synthMonitor({ regions: ['us-east-1'], ...(eventBus ? { eventBus } : {}) });
      template.hasResourceProperties('AWS::Lambda::Function', {
        Environment: { Variables: Match.objectLike({ EVENT_BUS: env }) },
      });
      expect(putEvents(template)).toEqual(resources);
    },
  );

  it('rejects a bus that is neither a name nor an ARN at synth, with one line', () => {
    expect(() => synthMonitor({ regions: ['us-east-1'], eventBus: 'arn:aws:sns:us-east-1:1:topic' })).toThrow(
      'Invalid eventBus "arn:aws:sns:us-east-1:1:topic": expected an event bus name (default), an event bus ARN, or none',
    );
  });
});
