import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { SlackMessage } from '../messages/alert-contract';
import type { ChatWebhook } from '../ports';

export interface SlackWebhookOptions {
  readonly timeoutMs: number;
  /** How long the URL read from Secrets Manager is reused, so a rotated secret is picked up. */
  readonly cacheMs: number;
  readonly clock: () => number;
  /**
   * How a request reaches Slack. Tests pass one that routes hooks.slack.com to a local server; the
   * deployed forwarder never does, so no setting can send alerts anywhere but Slack.
   * @default fetch
   */
  readonly transport?: typeof fetch;
}

/** Raised for any failed post; its message never contains the webhook URL. */
export class WebhookError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookError';
  }
}

/** Where Slack's incoming webhooks live; nothing else receives an alert. */
export const SLACK_HOOKS_ORIGIN = 'https://hooks.slack.com';

/** The webhook URL in a secret: the plain URL, or JSON with a `url` or `webhookUrl` field. */
function webhookUrl(secret: string): URL {
  let text = secret.trim();
  if (text.startsWith('{')) {
    let parsed: { url?: unknown; webhookUrl?: unknown };
    try {
      parsed = JSON.parse(text) as typeof parsed;
    } catch {
      // JSON.parse's message quotes the text around the error: part of the secret.
      throw new WebhookError('The Slack webhook secret starts with "{" but is not valid JSON');
    }
    text = String(parsed.url ?? parsed.webhookUrl ?? '');
  }
  const url = URL.canParse(text) ? new URL(text) : null;
  // A secret that names another host (a typo, or a planted URL) would carry every alert there.
  if (url === null || url.origin !== SLACK_HOOKS_ORIGIN || url.username !== '' || url.password !== '') {
    throw new WebhookError(
      `The Slack webhook secret does not hold a Slack incoming-webhook URL (${SLACK_HOOKS_ORIGIN}/…), or JSON with a "url" field`,
    );
  }
  return url;
}

/** "TypeError: ECONNREFUSED": the error's name and the system code behind it, never its address. */
function networkFailure(error: unknown): string {
  type Cause = { code?: string; errors?: { code?: string }[] };
  const cause = (error as { cause?: Cause }).cause;
  const code = cause?.code ?? cause?.errors?.find((e) => e.code)?.code;
  return `${(error as Error).name}${code ? `: ${code}` : ''}`;
}

/**
 * Posts messages to a Slack incoming webhook whose URL lives in Secrets Manager. The URL is read at
 * first use and cached; it is never logged and never part of an error.
 */
export class SlackWebhook implements ChatWebhook {
  private cached: { url: URL; until: number } | undefined;

  constructor(
    private readonly secrets: SecretsManagerClient,
    private readonly secretName: string,
    private readonly options: SlackWebhookOptions,
  ) {}

  async post(message: SlackMessage): Promise<void> {
    const url = await this.url();
    let response: Response;
    try {
      response = await (this.options.transport ?? fetch)(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(message),
        // Slack's webhooks answer in place; a redirect would carry the alert (and the URL's path)
        // somewhere the secret never named.
        redirect: 'error',
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (error) {
      throw new WebhookError(`The Slack webhook could not be reached (${networkFailure(error)})`);
    }
    if (!response.ok) {
      // Slack answers 403/404/410 for a revoked hook or an archived channel: read the secret again next time.
      if (response.status !== 429 && response.status < 500) this.cached = undefined;
      const body = (await response.text()).slice(0, 200);
      throw new WebhookError(`The Slack webhook answered ${response.status} ${body}`.trim());
    }
  }

  private async url(): Promise<URL> {
    const now = this.options.clock();
    if (this.cached && this.cached.until > now) return this.cached.url;
    const { SecretString } = await this.secrets.send(
      new GetSecretValueCommand({ SecretId: this.secretName }),
    );
    if (!SecretString) throw new WebhookError(`The secret ${this.secretName} has no string value`);
    const url = webhookUrl(SecretString);
    this.cached = { url, until: now + this.options.cacheMs };
    return url;
  }
}
