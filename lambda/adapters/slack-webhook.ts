import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { SlackMessage } from '../messages/alert-contract';
import type { ChatWebhook } from '../ports';

export interface SlackWebhookOptions {
  readonly timeoutMs: number;
  /** How long the URL read from Secrets Manager is reused, so a rotated secret is picked up. */
  readonly cacheMs: number;
  readonly clock: () => number;
}

/** Raised for any failed post; its message never contains the webhook URL. */
export class WebhookError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookError';
  }
}

const LOCAL = new Set(['localhost', '127.0.0.1', '[::1]']);

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
  // Plain http only to this machine (tests); a real webhook URL is a secret and travels over TLS.
  if (url === null || !(url.protocol === 'https:' || (url.protocol === 'http:' && LOCAL.has(url.hostname)))) {
    throw new WebhookError(
      'The Slack webhook secret does not hold an https URL (or JSON with a "url" field)',
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
      response = await fetch(url, {
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
