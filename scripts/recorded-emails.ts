import { existsSync, readFileSync } from 'node:fs';
import { type PublishRequest, publishOf } from '../lab/published-message';

/** What an email subscriber of the topic gets from one Publish: its subject and the `email` body. */
export interface SentEmail {
  readonly subject: string;
  readonly body: string;
}

interface RecordedRequest {
  readonly headers: Record<string, string>;
  readonly body: string | null;
  readonly body_encoded: boolean;
}

/** The Publish parameters of a recorded request. */
function publishIn(request: RecordedRequest): PublishRequest | undefined {
  if (!request.body) return undefined;
  const body = request.body_encoded ? Buffer.from(request.body, 'base64').toString('utf8') : request.body;
  const target = Object.entries(request.headers).find(([k]) => k.toLowerCase() === 'x-amz-target')?.[1];
  return publishOf(body, target);
}

/**
 * The emails SNS would send for each Publish to a topic, read from moto's request recording: the
 * exact message the monitor published, with the body its `email` key carries. (moto sends no email.)
 */
export function recordedEmails(recordingPath: string, topicArn: string): SentEmail[] {
  if (!existsSync(recordingPath)) return [];
  return readFileSync(recordingPath, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .flatMap((line) => {
      const publish = publishIn(JSON.parse(line) as RecordedRequest);
      if (publish?.TopicArn !== topicArn || publish.Message === undefined) return [];
      const bodies = JSON.parse(publish.Message) as Record<string, string>;
      return [{ subject: publish.Subject ?? '', body: bodies.email ?? bodies.default ?? '' }];
    });
}
