import { SNSClient } from '@aws-sdk/client-sns';
import { SnsNotifier } from '../../lambda/adapters/sns-notifier';
import { renderTestAlert } from '../../lambda/messages/test-alert';
import { plural } from '../../lambda/messages/wording';
import { parseOptions, UsageError } from '../args';
import { deployedMonitor } from '../aws';
import { type Io, writeJson, writeLine } from '../output';
import { topicSubscriptions } from '../topic-subscriptions';
import type { Command } from './command';

const HELP = `Usage: bedrock-lifecycle test-alert [--stack NAME] [--route NAME] [--json]

Publishes one test message to the deployed monitor's alert topic and to each route's topic (or to
one route's), in every format the topics carry: plain text by email, an AWS Chatbot notification
for Slack and Teams, and the JSON contract (with "test": true and no events) for machines. Each
subscriber should receive it; nothing is recorded in the history. Prints where it went, with the
message ids and the subscriptions each topic has.

Options:
  --stack NAME   The monitor's stack (default BedrockLifecycleMonitor)
  --route NAME   Only this route's topic
  --json         Print what was sent as JSON`;

/** What each kind of subscriber gets, in words. */
const PROTOCOL_LABEL: Readonly<Record<string, string>> = {
  email: 'email',
  'email-json': 'email (JSON)',
  https: 'https (AWS Chatbot and others)',
  http: 'http',
  sqs: 'SQS',
  lambda: 'Lambda',
};

export const testAlert: Command = {
  name: 'test-alert',
  summary: 'Send a test message through every topic of the deployed monitor',
  help: HELP,
  async run(argv: readonly string[], io: Io): Promise<number> {
    const options = parseOptions(argv, { stack: { type: 'string' }, route: { type: 'string' } });
    const monitor = await deployedMonitor(options.stack);
    if (!monitor.topicArn) throw new Error(`the stack ${monitor.stackName} has no TopicArn output`);
    const routes = monitor.routeTopics.filter(
      (r) => options.route === undefined || r.route === options.route,
    );
    if (options.route !== undefined && routes.length === 0) {
      const known = monitor.routeTopics.map((r) => r.route).join(', ');
      throw new UsageError(`the stack has no route "${options.route}"${known ? ` (routes: ${known})` : ''}`);
    }
    const targets = [
      ...(options.route === undefined ? [{ route: undefined, topicArn: monitor.topicArn }] : []),
      ...routes,
    ];
    const sns = new SNSClient({});
    const sentAt = io.now.toISOString();
    const sent = [];
    for (const { route, topicArn } of targets) {
      const message = renderTestAlert({ sentAt, stackName: monitor.stackName, ...(route ? { route } : {}) });
      const messageId = await new SnsNotifier(sns, topicArn).publish(message);
      const subscriptions = await topicSubscriptions(sns, topicArn);
      const byProtocol: Record<string, number> = {};
      for (const s of subscriptions) byProtocol[s.protocol] = (byProtocol[s.protocol] ?? 0) + 1;
      sent.push({
        route: route ?? null,
        topicArn,
        messageId,
        subscriptions: byProtocol,
        pendingConfirmation: subscriptions.filter((s) => s.pending).length,
      });
    }
    if (options.json) {
      writeJson(io, sent);
      return 0;
    }
    for (const s of sent) {
      const reaches = Object.entries(s.subscriptions).map(
        ([protocol, n]) => `${n} ${PROTOCOL_LABEL[protocol] ?? protocol}`,
      );
      writeLine(
        io.out,
        `Sent to ${s.route === null ? 'the alert topic' : `the route ${s.route}`} (${s.topicArn}): message ${s.messageId}`,
      );
      writeLine(
        io.out,
        `  ${reaches.length > 0 ? `reaches ${reaches.join(', ')}` : 'no subscriber: nobody receives this topic'}` +
          (s.pendingConfirmation > 0
            ? `; ${plural(s.pendingConfirmation, 'email subscription')} not confirmed yet (check the inbox and click the link)`
            : ''),
      );
    }
    writeLine(io.err, `${plural(sent.length, 'test message')} sent; nothing was recorded in the history`);
    return 0;
  },
};
