import { SNSClient } from '@aws-sdk/client-sns';
import { plural } from '../../lambda/messages/wording';
import { type SentTestAlert, TEST_ALERT_CHECK } from '../../lambda/use-cases/send-test-alert';
import { parseOptions, UsageError } from '../args';
import { deployedMonitor, invokeMonitor } from '../aws';
import { type Io, terminalText, writeJson, writeLine } from '../output';
import { withProgress } from '../progress';
import { topicSubscriptions } from '../topic-subscriptions';
import type { Command } from './command';

const HELP = `Usage: bedrock-lifecycle test-alert [--stack NAME] [--route NAME] [--json]

Has the deployed monitor publish one test message to its alert topic and to each route's topic
(or to one route's), in every format the topics carry: plain text by email, an AWS Chatbot
notification for Slack and Teams, and the JSON contract (with "test": true and no events) for
machines. The function publishes it, as it publishes alerts: its topics allow no other publisher.
Each subscriber should receive it; nothing is recorded in the history. Prints where it went, with
the message ids and the subscriptions each topic has.

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
  summary: 'Have the deployed monitor send a test message through every topic',
  help: HELP,
  async run(argv: readonly string[], io: Io): Promise<number> {
    const options = parseOptions(argv, { stack: { type: 'string' }, route: { type: 'string' } });
    const monitor = await deployedMonitor(options.stack);
    const known = monitor.routeTopics.map((r) => r.route);
    if (options.route !== undefined && !known.includes(options.route)) {
      throw new UsageError(
        `the stack has no route "${options.route}"${known.length > 0 ? ` (routes: ${known.join(', ')})` : ''}`,
      );
    }
    const { sent } = await withProgress(
      'Asking the monitor function to publish the test message',
      () =>
        invokeMonitor<{ sent: SentTestAlert[] }>(monitor, {
          check: TEST_ALERT_CHECK,
          ...(options.route === undefined ? {} : { route: options.route }),
        }),
      io.err,
    );
    const sns = new SNSClient({});
    const report = await Promise.all(
      sent.map(async (result) => {
        const { route } = result;
        const topicArn =
          route === null ? monitor.topicArn : monitor.routeTopics.find((r) => r.route === route)?.topicArn;
        const subscriptions = topicArn ? await topicSubscriptions(sns, topicArn) : [];
        const byProtocol: Record<string, number> = {};
        for (const s of subscriptions) byProtocol[s.protocol] = (byProtocol[s.protocol] ?? 0) + 1;
        return {
          ...result,
          topicArn: topicArn ?? null,
          subscriptions: byProtocol,
          pendingConfirmation: subscriptions.filter((s) => s.pending).length,
        };
      }),
    );
    const failed = report.filter((s) => 'error' in s).length;
    if (options.json) {
      writeJson(io, report);
      return failed === 0 ? 0 : 1;
    }
    for (const s of report) {
      const reaches = Object.entries(s.subscriptions).map(
        ([protocol, n]) => `${n} ${PROTOCOL_LABEL[protocol] ?? protocol}`,
      );
      const where = `${s.route === null ? 'the alert topic' : `the route ${s.route}`} (${s.topicArn})`;
      writeLine(
        io.out,
        terminalText(
          'error' in s
            ? `Could not send to ${where}: ${s.error}`
            : `Sent to ${where}: message ${s.messageId}`,
        ),
      );
      writeLine(
        io.out,
        `  ${reaches.length > 0 ? `reaches ${reaches.join(', ')}` : 'no subscriber: nobody receives this topic'}` +
          (s.pendingConfirmation > 0
            ? `; ${plural(s.pendingConfirmation, 'email subscription')} not confirmed yet (check the inbox and click the link)`
            : ''),
      );
    }
    writeLine(
      io.err,
      `${plural(report.length - failed, 'test message')} sent${failed > 0 ? `, ${failed} failed` : ''}; nothing was recorded in the history`,
    );
    return failed === 0 ? 0 : 1;
  },
};
