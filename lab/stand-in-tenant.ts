import { randomBytes } from 'node:crypto';
import type { LoggedRequest, TenantConfig } from './bedrock-stand-in';

/** A test's own slice of the Bedrock stand-in, selected by the access key id it signs with. */
export class StandInTenant {
  readonly accessKeyId: string;

  constructor(
    readonly standInUrl: string,
    label = 'TEST',
  ) {
    this.accessKeyId = `AKIA${label.toUpperCase().replace(/[^A-Z0-9]/g, '')}${randomBytes(6).toString('hex').toUpperCase()}`;
  }

  private async call(method: string, path: string, body?: unknown): Promise<Response> {
    const res = await fetch(`${this.standInUrl}/__standin/tenants/${this.accessKeyId}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!res.ok) throw new Error(`stand-in ${method} ${path}: ${res.status} ${await res.text()}`);
    return res;
  }

  async set(config: TenantConfig): Promise<void> {
    await this.call('PUT', '', config);
  }

  async update(patch: Partial<TenantConfig>): Promise<void> {
    await this.call('PATCH', '', patch);
  }

  /** Moves the simulated clock. */
  async at(time: string): Promise<void> {
    await this.update({ time });
  }

  async requests(): Promise<LoggedRequest[]> {
    return (await (await this.call('GET', '/requests')).json()) as LoggedRequest[];
  }

  async clearRequests(): Promise<void> {
    await this.call('DELETE', '/requests');
  }

  /** Environment that points the AWS SDK's Bedrock client at this tenant. */
  env(): Record<string, string> {
    return {
      AWS_ENDPOINT_URL_BEDROCK: this.standInUrl,
      AWS_ACCESS_KEY_ID: this.accessKeyId,
      AWS_SECRET_ACCESS_KEY: 'stand-in-secret',
    };
  }
}
