import { describe, expect, it } from 'vitest';
import { HEALTH_EVENT_ARN, HEALTH_MODEL, healthEvent } from '../../lab/fixtures/health-event';
import { catalogOf } from '../../lambda/domain/diff';
import { readHealthNotice } from '../../lambda/domain/health-notice';
import type { RegionState } from '../../lambda/domain/model';
import { noticeEvents } from '../../lambda/domain/notice-events';
import { noticeModels } from '../../lambda/domain/notice-models';
import { planAlerts } from '../../lambda/messages/alert-plan';
import { renderAlert } from '../../lambda/messages/sns-message';
import { catalogModel, trackedModel } from '../support/models';

const T = new Date('2026-12-05T12:00:00Z');
const CONTEXT = { tableName: 'History', tableRegion: 'us-east-1' };

const tracked = (modelId: string, modelName: string, overrides = {}) =>
  trackedModel(catalogModel({ modelId, modelName, provider: 'Meta', ...overrides }), {
    phase: 'ACTIVE',
    knownPhase: 'ACTIVE',
  });
const state = (
  region: string,
  models = [
    tracked(HEALTH_MODEL, 'Llama 3.3 70B Instruct'),
    tracked('meta.llama3-3-70b-instruct-v1:0:128k', 'Llama 3.3 70B Instruct'),
    tracked('anthropic.claude-3-5-sonnet-20240620-v1:0', 'Claude 3.5 Sonnet'),
    tracked('anthropic.claude-3-5-sonnet-20241022-v2:0', 'Claude 3.5 Sonnet v2'),
  ],
): RegionState => ({ region, observedAt: '2026-12-05T06:00:00.000Z', models });
const STATES = new Map([
  ['us-east-1', state('us-east-1')],
  ['us-west-2', state('us-west-2')],
]);
const CATALOGS = new Map([...STATES].map(([region, s]) => [region, catalogOf(s)] as const));
const withDetail = (detail: Record<string, unknown>, envelope: Record<string, unknown> = {}) => {
  const event = healthEvent();
  return { ...event, ...envelope, detail: { ...(event.detail as object), ...detail } };
};

describe('reading an AWS Health event', () => {
  it('reads a Bedrock notice as EventBridge delivers it: times to ISO, its text with its lines, its entities', () => {
    const notice = readHealthNotice(healthEvent());
    expect(notice).toMatchObject({
      eventArn: HEALTH_EVENT_ARN,
      eventTypeCode: 'AWS_BEDROCK_PLANNED_LIFECYCLE_EVENT',
      eventTypeCategory: 'scheduledChange',
      statusCode: 'upcoming',
      eventRegion: 'us-east-1',
      startTime: '2027-01-15T08:00:00.000Z',
      lastUpdatedTime: '2026-12-01T10:14:00.000Z',
      account: '123456789012',
      entities: [HEALTH_MODEL],
      descriptionCut: false,
    });
    expect(notice.description.split('\n')).toHaveLength(4);
  });

  it('reads a one-digit day, as in one of AWS’s samples, and falls back to the start time without a last update', () => {
    const notice = readHealthNotice(
      withDetail({ lastUpdatedTime: undefined, startTime: 'Fri, 3 Jun 2022 01:00:00 GMT' }),
    );
    expect(notice.lastUpdatedTime).toBe('2022-06-03T01:00:00.000Z');
  });

  it('keeps a notice’s line breaks but no other control character, and cuts a very long one with a note', () => {
    const hostile = 'Line one\u001b[31m red\r\nLine two\u0007\u202e evil\n\n\n\nLine three';
    expect(
      readHealthNotice(withDetail({ eventDescription: [{ language: 'en_US', latestDescription: hostile }] }))
        .description,
    ).toBe('Line one [31m red\nLine two   evil\n\nLine three');
    const long = readHealthNotice(
      withDetail({ eventDescription: [{ language: 'en_US', latestDescription: 'x'.repeat(100_000) }] }),
    );
    expect(long.description).toHaveLength(4000);
    expect(long.descriptionCut).toBe(true);
  });

  it.each([
    ['another source', { source: 'aws.ec2' }, {}, /not an AWS Health event/],
    ['another detail-type', { 'detail-type': 'Scheduled Event' }, {}, /detail-type "Scheduled Event"/],
    ['another service', {}, { service: 'EC2' }, /service "EC2", not BEDROCK/],
    ['no service', {}, { service: undefined }, /service null, not BEDROCK/],
    ['no ARN', {}, { eventArn: undefined }, /detail.eventArn is missing/],
    ['a number for a type code', {}, { eventTypeCode: 42 }, /detail.eventTypeCode is not a string/],
    [
      'an absurd time',
      {},
      { lastUpdatedTime: 'Thu, 01 Jan 1970 00:00:00 GMT' },
      /lastUpdatedTime .* is not a time/,
    ],
    ['a time that is no time', {}, { startTime: 'soon' }, /startTime "soon" is not a time/],
    ['an ARN of 10,000 characters', {}, { eventArn: 'a'.repeat(10_000) }, /eventArn is over 256 characters/],
  ])('rejects %s before anything is read or written', (_, envelope, detail, reason) => {
    expect(() => readHealthNotice(withDetail(detail, envelope))).toThrow(reason);
  });

  it('rejects what is no event at all', () => {
    for (const event of [null, [], 'aws.health', { source: 'aws.health' }]) {
      expect(() => readHealthNotice(event)).toThrow(/Refused invocation event/);
    }
  });
});

describe('finding the models a notice concerns', () => {
  const find = (detail: Record<string, unknown>) =>
    noticeModels(readHealthNotice(withDetail(detail)), STATES);
  const text = (latestDescription: string) => ({
    eventDescription: [{ language: 'en_US', latestDescription }],
    affectedEntities: [],
  });

  it('takes the affected entities, in the notice’s region only', () => {
    expect(find({}).matches.map((m) => `${m.region}/${m.model.modelId}`)).toEqual([
      `us-east-1/${HEALTH_MODEL}`,
    ]);
  });

  it('takes an ARN or a profile id among the entities as its model', () => {
    const arn = `arn:aws:bedrock:us-east-1::foundation-model/${HEALTH_MODEL}`;
    expect(find({ affectedEntities: [{ entityValue: arn }] }).matches).toHaveLength(1);
    expect(find({ affectedEntities: [{ entityValue: `us.${HEALTH_MODEL}` }] }).matches).toHaveLength(1);
  });

  it('finds ids in the text as whole ids: a profile id counts, a longer id containing it does not', () => {
    expect(
      find(text(`Calls to us.${HEALTH_MODEL}. Then nothing.`)).matches.map((m) => m.model.modelId),
    ).toEqual([HEALTH_MODEL]);
    expect(find(text(`Only ${HEALTH_MODEL}:128k is affected`)).matches.map((m) => m.model.modelId)).toEqual([
      `${HEALTH_MODEL}:128k`,
    ]);
  });

  it('finds catalog names in the text, the longest where names overlap', () => {
    expect(find(text('Claude 3.5 Sonnet v2 moves to Legacy.')).matches.map((m) => m.model.modelId)).toEqual([
      'anthropic.claude-3-5-sonnet-20241022-v2:0',
    ]);
    expect(
      find(text('claude 3.5 sonnet moves to Legacy; Claude 3.5 Sonnetish does not exist.')).matches.map(
        (m) => m.model.modelId,
      ),
    ).toEqual(['anthropic.claude-3-5-sonnet-20240620-v1:0']);
  });

  it('matches a global notice in every watched region, and keeps an id no catalog has', () => {
    const found = noticeModels(
      readHealthNotice(
        withDetail({
          eventRegion: 'global',
          affectedEntities: [{ entityValue: HEALTH_MODEL }, { entityValue: 'ai21.jamba-9-v1:0' }],
        }),
      ),
      STATES,
    );
    expect(found.matches.map((m) => m.region)).toEqual(['us-east-1', 'us-west-2']);
    expect(found.unknownIds).toEqual(['ai21.jamba-9-v1:0']);
  });
});

describe('the events of a notice', () => {
  const events = (detail: Record<string, unknown> = {}) => {
    const notice = readHealthNotice(withDetail(detail));
    return noticeEvents(notice, noticeModels(notice, STATES), CATALOGS, T);
  };

  it('are one HEALTH_NOTICE per model and region, keyed by the ARN and last update, carrying the notice', () => {
    const [event, ...others] = events();
    expect(others).toEqual([]);
    expect(event).toMatchObject({
      kind: 'HEALTH_NOTICE',
      severity: 'warning',
      modelId: HEALTH_MODEL,
      region: 'us-east-1',
      phase: 'ACTIVE',
    });
    expect(event?.notice).toMatchObject({
      eventArn: HEALTH_EVENT_ARN,
      eventTypeCode: 'AWS_BEDROCK_PLANNED_LIFECYCLE_EVENT',
    });
    expect(events()[0]?.eventId).toBe(event?.eventId);
    expect(events({ lastUpdatedTime: 'Wed, 02 Dec 2026 10:14:00 GMT' })[0]?.eventId).not.toBe(event?.eventId);
  });

  it('are critical when the notice speaks of an end of life at most 7 days after its last update, whatever the clock', () => {
    // Last update Tue, 01 Dec 2026: the same version plans the same alert on every try.
    expect(events({ startTime: 'Mon, 07 Dec 2026 08:00:00 GMT' })[0]?.severity).toBe('critical');
    expect(events({ startTime: 'Thu, 10 Dec 2026 08:00:00 GMT' })[0]?.severity).toBe('warning');
  });

  it('tell apart the copies of one notice for different accounts (organizational view gives them one ARN)', () => {
    const [own] = events();
    const [member] = events({ affectedAccount: '222222222222' });
    expect(member?.notice?.account).toBe('222222222222');
    expect(member?.eventId).not.toBe(own?.eventId);
  });

  it('name no model when the notice names none the monitor can identify, and still make one event', () => {
    const unnamed = events({
      affectedEntities: [],
      eventDescription: [{ language: 'en_US', latestDescription: 'A model retires soon.' }],
    });
    expect(unnamed.map((e) => [e.kind, e.modelId, e.region])).toEqual([['HEALTH_NOTICE', '', 'us-east-1']]);
  });
});

describe('a notice in an alert', () => {
  const HOSTILE =
    'Legacy soon.\n--\nPart 1 of 1. <!channel> @here *bold* [link](https://evil.example)\n\u001b]8;;https://x\u0007click';
  const alert = () => {
    const notice = readHealthNotice(
      withDetail({ eventDescription: [{ language: 'en_US', latestDescription: HOSTILE }] }),
    );
    const [planned] = planAlerts(
      noticeEvents(notice, noticeModels(notice, STATES), CATALOGS, T),
      [],
      { observedAt: notice.lastUpdatedTime, runId: 'r' },
      CONTEXT,
    );
    if (!planned) throw new Error('no alert');
    return JSON.parse(renderAlert(planned, CONTEXT).message) as Record<string, string>;
  };

  it('quotes the notice in the email line by line, every line marked, none able to pass for the message’s own', () => {
    const email = alert().email ?? '';
    expect(email).toContain(
      'Llama 3.3 70B Instruct has an AWS Health notice (AWS_BEDROCK_PLANNED_LIFECYCLE_EVENT)',
    );
    expect(email).toContain(
      'AWS_BEDROCK_PLANNED_LIFECYCLE_EVENT (scheduledChange, upcoming, from 2027-01-15) for account 123456789012',
    );
    expect(email).toContain('   > Legacy soon.\n   > --\n   > Part 1 of 1.');
    expect(email).not.toMatch(/^--\nPart 1 of 1\. </m);
    expect(email.includes('\u0007') || email.includes('\u001b')).toBe(false);
  });

  it('keeps a notice in chat when escaping lengthens it, cut between code points', () => {
    const notice = readHealthNotice(
      withDetail({ eventDescription: [{ language: 'en_US', latestDescription: `${'&'.repeat(700)}🚀🚀` }] }),
    );
    const [planned] = planAlerts(
      noticeEvents(notice, noticeModels(notice, STATES), CATALOGS, T),
      [],
      { observedAt: notice.lastUpdatedTime, runId: 'r' },
      CONTEXT,
    );
    if (!planned) throw new Error('no alert');
    const chat = JSON.parse(renderAlert(planned, CONTEXT).message).https ?? '';
    const quote = /“(.*?)”/.exec(JSON.parse(chat).content.description)?.[1] ?? '';
    expect(quote.startsWith('&amp;&amp;')).toBe(true);
    expect(quote.length).toBeLessThanOrEqual(600);
    expect(JSON.parse(chat).content.description).toContain('_(cut: the whole notice is in the email');
  });

  it('quotes it in chat on one line, with no mention, link or formatting left working', () => {
    const chat = alert().https ?? '';
    expect(chat).toContain('AWS Health (AWSˍBEDROCKˍPLANNEDˍLIFECYCLEˍEVENT, account 123456789012)');
    expect(chat).toContain('&lt;!channel&gt; ＠here ∗bold∗ [link］(https://evil.example)');
    expect(chat).not.toMatch(/\\u0007|\\u001b/);
  });
});
