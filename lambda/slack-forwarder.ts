import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { readForwarderEnvironment } from '../contract/environment';
import { FORWARDER_TIMEOUT_SECONDS } from '../contract/function-timing';
import { SlackWebhook } from './adapters/slack-webhook';
import { logger } from './logger';
import { forwardToSlack } from './use-cases/forward-to-slack';

const config = readForwarderEnvironment(process.env);
const webhook = new SlackWebhook(new SecretsManagerClient({}), config.webhookSecretName, {
  // A third of the function's timeout: the secret read and Lambda's own overhead fit in the rest.
  timeoutMs: (FORWARDER_TIMEOUT_SECONDS * 1000) / 3,
  cacheMs: 5 * 60_000,
  clock: Date.now,
});

/** The SNS event a Lambda subscriber of the topic receives (only the fields used). */
export interface SnsEvent {
  readonly Records: readonly {
    readonly Sns: { readonly Message: string; readonly Subject?: string | null };
  }[];
}

export const handler = async (event: SnsEvent): Promise<{ posted: number }> => ({
  posted: await forwardToSlack(
    event.Records.map((r) => ({
      message: r.Sns.Message,
      ...(r.Sns.Subject ? { subject: r.Sns.Subject } : {}),
    })),
    webhook,
    logger,
  ),
});
