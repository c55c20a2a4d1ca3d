import { paginateListSubscriptionsByTopic, type SNSClient } from '@aws-sdk/client-sns';

/** One subscription of a topic, as SNS lists it. */
export interface TopicSubscription {
  readonly protocol: string;
  readonly endpoint: string;
  /** Not confirmed yet: SNS lists the ARN of such a subscription as `PendingConfirmation`. */
  readonly pending: boolean;
}

/** Every subscription of a topic (every page). */
export async function topicSubscriptions(sns: SNSClient, topicArn: string): Promise<TopicSubscription[]> {
  const found: TopicSubscription[] = [];
  for await (const page of paginateListSubscriptionsByTopic({ client: sns }, { TopicArn: topicArn })) {
    for (const s of page.Subscriptions ?? []) {
      found.push({
        protocol: s.Protocol ?? '',
        endpoint: s.Endpoint ?? '',
        pending: s.SubscriptionArn === 'PendingConfirmation',
      });
    }
  }
  return found;
}
