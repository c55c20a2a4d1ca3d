import { RefusedEventError } from './observation-time';
import { CONTROL_CHARACTERS, singleLine } from './text';
import { isRecord } from './values';

/** What EventBridge delivers for AWS Health: the envelope's source and detail-type. */
export const HEALTH_SOURCE = 'aws.health';
export const HEALTH_DETAIL_TYPE = 'AWS Health Event';
/** AWS Health's name for Amazon Bedrock (`detail.service`). */
export const HEALTH_SERVICE = 'BEDROCK';

/** Longer descriptions are cut here, with a note: an SNS message and a chat card have limits. */
export const NOTICE_MAX_CHARACTERS = 4000;

/** A Bedrock notice of AWS Health, as the monitor keeps it: the facts it quotes and records. */
export interface HealthNotice {
  readonly eventArn: string;
  readonly eventTypeCode: string;
  /** `issue`, `accountNotification`, `scheduledChange` or `investigation`. */
  readonly eventTypeCategory: string;
  /** `open`, `upcoming` or `closed`; null when the event has none. */
  readonly statusCode: string | null;
  /** The region the notice concerns; null for a global one. */
  readonly eventRegion: string | null;
  /** ISO 8601 UTC; null when absent. */
  readonly startTime: string | null;
  readonly endTime: string | null;
  /** When AWS last changed the notice: with the ARN, what makes one version of it unique. */
  readonly lastUpdatedTime: string;
  /** The account the notice concerns (`affectedAccount`, else the envelope's account). */
  readonly account: string | null;
  /** Its text as AWS wrote it (line breaks kept, other control characters dropped), cut at NOTICE_MAX_CHARACTERS. */
  readonly description: string;
  /** Whether the description was cut. */
  readonly descriptionCut: boolean;
  /** The affected entities' values (model ids or ARNs, for Bedrock), one line each. */
  readonly entities: readonly string[];
}

/** Whether an invocation event is AWS Health's, to be read as a notice rather than as a schedule. */
export const isHealthEvent = (event: unknown): boolean => isRecord(event) && event.source === HEALTH_SOURCE;

const MONTHS = 'Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec';
/**
 * AWS Health's times in EventBridge: "Thu, 27 Jan 2023 13:19:03 GMT" (one of AWS's samples has a
 * one-digit day), or RFC 3339 as in the envelope.
 */
const HEALTH_TIME = new RegExp(
  `^(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), \\d{1,2} (?:${MONTHS}) \\d{4} \\d{2}:\\d{2}:\\d{2} GMT|\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?Z)$`,
);
/** Times outside these years are refused as absurd: Bedrock launched in 2023. */
const EARLIEST = Date.UTC(2020, 0, 1);
const LATEST = Date.UTC(2100, 0, 1);

function text(detail: Record<string, unknown>, key: string, max = 256): string | null {
  const value = detail[key];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw new RefusedEventError(`AWS Health detail.${key} is not a string`);
  const line = singleLine(value);
  if (line.length > max) throw new RefusedEventError(`AWS Health detail.${key} is over ${max} characters`);
  return line;
}

function required(detail: Record<string, unknown>, key: string): string {
  const value = text(detail, key);
  if (!value) throw new RefusedEventError(`AWS Health detail.${key} is missing`);
  return value;
}

function time(detail: Record<string, unknown>, key: string): string | null {
  const value = text(detail, key);
  if (value === null) return null;
  const parsed = HEALTH_TIME.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(parsed) || parsed < EARLIEST || parsed >= LATEST) {
    throw new RefusedEventError(
      `AWS Health detail.${key} ${JSON.stringify(value.slice(0, 40))} is not a time`,
    );
  }
  return new Date(parsed).toISOString();
}

/** The English description (or the first one), its lines kept, its other control characters dropped. */
function description(detail: Record<string, unknown>): { text: string; cut: boolean } {
  const items = Array.isArray(detail.eventDescription) ? detail.eventDescription.filter(isRecord) : [];
  const chosen = items.find((item) => item.language === 'en_US') ?? items[0];
  const raw = typeof chosen?.latestDescription === 'string' ? chosen.latestDescription : '';
  const clean = raw
    .replace(/\r\n?/g, '\n')
    // Every control character but the line break: a notice's lines are kept, nothing else.
    .replace(CONTROL_CHARACTERS, (c) => (c === '\n' ? c : ' '))
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  // Cut between code points, never inside a surrogate pair.
  const points = Array.from(clean);
  return points.length > NOTICE_MAX_CHARACTERS
    ? { text: points.slice(0, NOTICE_MAX_CHARACTERS).join('').trimEnd(), cut: true }
    : { text: clean, cut: false };
}

/**
 * Reads an AWS Health event as EventBridge delivers it. Refused, before anything is read or
 * written: another source or detail-type, another service than Bedrock, a missing ARN, type code,
 * category or last update, a time that is not one (or before 2020, after 2099), fields of the
 * wrong type or absurd length.
 */
export function readHealthNotice(event: unknown): HealthNotice {
  if (!isRecord(event) || event.source !== HEALTH_SOURCE) {
    throw new RefusedEventError(
      `not an AWS Health event (source ${JSON.stringify(isRecord(event) ? event.source : null)})`,
    );
  }
  if (event['detail-type'] !== HEALTH_DETAIL_TYPE) {
    throw new RefusedEventError(
      `AWS Health detail-type ${JSON.stringify(event['detail-type'])} is not "${HEALTH_DETAIL_TYPE}"`,
    );
  }
  const detail = event.detail;
  if (!isRecord(detail)) throw new RefusedEventError('AWS Health event without a detail object');
  const service = text(detail, 'service');
  if (service !== HEALTH_SERVICE) {
    throw new RefusedEventError(
      `AWS Health event of the service ${JSON.stringify(service)}, not ${HEALTH_SERVICE}`,
    );
  }
  // The schema requires lastUpdatedTime, yet one of AWS's own samples lacks it: the start time,
  // then the delivery time, stand in, so such a notice still goes out (once per delivery at worst).
  const lastUpdatedTime =
    time(detail, 'lastUpdatedTime') ??
    time(detail, 'startTime') ??
    time(event as Record<string, unknown>, 'time');
  if (lastUpdatedTime === null) throw new RefusedEventError('AWS Health event without any time');
  const { text: said, cut } = description(detail);
  const entities = (Array.isArray(detail.affectedEntities) ? detail.affectedEntities : [])
    .filter(isRecord)
    .flatMap((entity) =>
      typeof entity.entityValue === 'string' ? [singleLine(entity.entityValue).slice(0, 2048)] : [],
    )
    .filter((value) => value.length > 0)
    .slice(0, 1000);
  const envelopeAccount = typeof event.account === 'string' ? singleLine(event.account) : null;
  return {
    eventArn: required(detail, 'eventArn'),
    eventTypeCode: required(detail, 'eventTypeCode'),
    eventTypeCategory: required(detail, 'eventTypeCategory'),
    statusCode: text(detail, 'statusCode'),
    eventRegion: text(detail, 'eventRegion'),
    startTime: time(detail, 'startTime'),
    endTime: time(detail, 'endTime'),
    lastUpdatedTime,
    account: text(detail, 'affectedAccount') ?? envelopeAccount,
    description: said,
    descriptionCut: cut,
    entities,
  };
}
