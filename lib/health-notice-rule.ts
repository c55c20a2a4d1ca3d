import { Annotations, Stack, Token } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { HEALTH_DETAIL_TYPE, HEALTH_SERVICE, HEALTH_SOURCE } from '../lambda/domain/health-notice';

export interface HealthNoticeRuleProps {
  /** The monitor function: it takes the notices itself (one function, one ledger, one history). */
  readonly function: lambda.IFunction;
  /** Where a notice EventBridge cannot deliver lands. */
  readonly deadLetterQueue: sqs.IQueue;
  /** The watched regions, whose notices the monitor should hear. */
  readonly regions: readonly string[];
}

/**
 * The watched regions whose account's AWS Health notices do not reach a bus in `monitorRegion`.
 * AWS Health delivers an event to the region it concerns and, for account-specific events, a copy
 * to a backup region: US West (Oregon) for every other region, US East (N. Virginia) for Oregon
 * (AWS Health user guide, "Choosing a Region").
 */
export function regionsNotHeard(monitorRegion: string, watched: readonly string[]): string[] {
  return watched.filter(
    (region) =>
      region !== monitorRegion &&
      monitorRegion !== 'us-west-2' &&
      !(monitorRegion === 'us-east-1' && region === 'us-west-2'),
  );
}

/**
 * The EventBridge rule that brings AWS Health's notices about Bedrock, on the account's default
 * bus in the stack's region, to the monitor function. Warns at synth when some watched region's
 * notices cannot reach that bus, with the fix.
 */
export class HealthNoticeRule extends Construct {
  readonly rule: events.Rule;

  constructor(scope: Construct, id: string, props: HealthNoticeRuleProps) {
    super(scope, id);
    this.rule = new events.Rule(this, 'Rule', {
      description: 'AWS Health notices about Amazon Bedrock, taken by the Bedrock lifecycle monitor',
      eventPattern: {
        source: [HEALTH_SOURCE],
        detailType: [HEALTH_DETAIL_TYPE],
        detail: { service: [HEALTH_SERVICE] },
      },
      // A notice EventBridge cannot deliver after its retries lands with the failed runs.
      targets: [new targets.LambdaFunction(props.function, { deadLetterQueue: props.deadLetterQueue })],
    });
    const region = Stack.of(this).region;
    const unheard = Token.isUnresolved(region) ? [] : regionsNotHeard(region, props.regions);
    if (unheard.length > 0) {
      Annotations.of(this).addWarningV2(
        'bedrock-lifecycle-monitor:health-regions',
        `AWS Health delivers a region's notices there and a copy to us-west-2: a monitor in ${region} will not hear the Bedrock notices of ${unheard.join(', ')} (their catalog is still watched). Deploy it in us-west-2 to hear every region's.`,
      );
    }
  }
}
