import type { SeenRequest } from './fault-proxy';

/** The parameters of an SNS Publish request body, in either wire protocol SNS clients use. */
export interface PublishRequest {
  readonly TopicArn?: string;
  readonly Subject?: string;
  /** With `MessageStructure: json`, a JSON object of one body per protocol. */
  readonly Message?: string;
}

/** A Publish body as sent: JSON (awsJson, named by X-Amz-Target) or a form (awsQuery, Action=Publish). */
export function publishOf(body: string, jsonTarget: string | undefined): PublishRequest | undefined {
  if (jsonTarget !== undefined)
    return jsonTarget.endsWith('.Publish') ? (JSON.parse(body) as PublishRequest) : undefined;
  const form = new URLSearchParams(body);
  if (form.get('Action') !== 'Publish') return undefined;
  return {
    TopicArn: form.get('TopicArn') ?? undefined,
    Subject: form.get('Subject') ?? undefined,
    Message: form.get('Message') ?? undefined,
  };
}

/**
 * The Publish requests among those a fault proxy saw. The proxy names the operation; the body's
 * shape tells the protocol (an awsQuery form never starts with "{").
 */
export const publishesSeen = (requests: readonly SeenRequest[]): PublishRequest[] =>
  requests
    .filter((r) => r.operation === 'SNS.Publish')
    .flatMap((r) => publishOf(r.body, r.body.startsWith('{') ? r.operation : undefined) ?? []);
