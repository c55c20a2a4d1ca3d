import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { routeOutputName } from '../contract/routes';
import { BedrockLifecycleMonitor, type BedrockLifecycleMonitorProps } from './bedrock-lifecycle-monitor';

export interface MonitorStackProps extends StackProps {
  /**
   * Settings of the monitor.
   * @default - each from its CDK context key, else its default
   */
  readonly monitor?: BedrockLifecycleMonitorProps;
}

/** The deployable app: the monitor construct and the outputs that tools and people look up. */
export class MonitorStack extends Stack {
  readonly monitor: BedrockLifecycleMonitor;

  constructor(scope: Construct, id: string, props: MonitorStackProps) {
    super(scope, id, props);
    this.monitor = new BedrockLifecycleMonitor(this, 'Monitor', props.monitor);
    new CfnOutput(this, 'TableName', {
      value: this.monitor.table.tableName,
      description: 'Lifecycle history, state and alert ledger',
    });
    new CfnOutput(this, 'TopicArn', { value: this.monitor.topic.topicArn, description: 'Alert topic' });
    new CfnOutput(this, 'FunctionName', {
      value: this.monitor.function.functionName,
      description: 'Monitor function',
    });
    for (const [route, topic] of this.monitor.routeTopics) {
      new CfnOutput(this, `RouteTopic${routeOutputName(route)}`, {
        value: topic.topicArn,
        description: `Topic of the route ${route}`,
      });
    }
    if (this.monitor.slackForwarder) {
      new CfnOutput(this, 'SlackForwarderFunctionName', {
        value: this.monitor.slackForwarder.function.functionName,
        description: 'Slack webhook forwarder function',
      });
    }
  }
}
