import type * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import type { ConfiguredRoute } from '../contract/monitor-settings';
import { routeOutputName, routeTopicName } from '../contract/routes';
import { AlertTopic } from './alert-topic';

export interface RouteTopicsProps {
  readonly routes: readonly ConfiguredRoute[];
  /** The alert topic's key: the route topics share it. */
  readonly key: kms.Key;
  /** The monitor function's role: the only publisher. */
  readonly publisher: iam.IRole;
  /** The stack name: route topics are named after it, so the function knows their ARNs. */
  readonly monitorId: string;
}

/**
 * One topic per route, built like the alert topic (encrypted, TLS only, the function its only
 * publisher), with the route's email subscriptions. Its chat channels are the monitor's
 * ChatChannels', which configures each channel once for all the topics that reach it.
 */
export class RouteTopics extends Construct {
  /** Each route's topic, by route name. */
  readonly topics: ReadonlyMap<string, sns.Topic>;

  constructor(scope: Construct, id: string, props: RouteTopicsProps) {
    super(scope, id);
    const topics = new Map<string, sns.Topic>();
    for (const route of props.routes) {
      const suffix = routeOutputName(route.name);
      const alerts = new AlertTopic(this, suffix, {
        emails: route.emails,
        key: props.key,
        displayName: `Bedrock model lifecycle alerts: ${route.name}`,
        topicName: routeTopicName(props.monitorId, route.name),
      });
      alerts.onlyPublishers([props.publisher]);
      topics.set(route.name, alerts.topic);
    }
    this.topics = topics;
  }
}
