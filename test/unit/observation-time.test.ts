import { describe, expect, it } from 'vitest';
import { observationTime, RefusedEventError } from '../../lambda/domain/observation-time';

const clock = () => new Date('2030-01-01T00:00:00Z');

describe('observationTime', () => {
  it('is the event time when the schedule passes one', () => {
    expect(observationTime({ time: '2026-04-21T06:00:00Z' }, clock).toISOString()).toBe(
      '2026-04-21T06:00:00.000Z',
    );
  });

  it('is the event time of an EventBridge scheduled-rule event', () => {
    const event = {
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      time: '2026-04-21T06:00:00Z',
      detail: {},
    };
    expect(observationTime(event, clock).toISOString()).toBe('2026-04-21T06:00:00.000Z');
  });

  it('falls back to the clock for an event with no time: {}', () => {
    expect(observationTime({}, clock).toISOString()).toBe('2030-01-01T00:00:00.000Z');
  });

  it.each(
    [
      ['1', '2026-04-21T06:00:00.000Z'],
      ['2026-04-21T08:00:00+02:00', '2026-04-21T06:00:00.000Z'],
      ['2026-04-21t06:00:00.5z', '2026-04-21T06:00:00.500Z'],
    ].slice(1),
  )('accepts %s, RFC 3339 with a time zone, as %s', (time, iso) => {
    expect(observationTime({ time }, clock).toISOString()).toBe(iso);
  });
  it('accepts a scheduled time slightly ahead of a clock that lags', () => {
    expect(observationTime({ time: '2030-01-01T00:59:00Z' }, clock).toISOString()).toBe(
      '2030-01-01T00:59:00.000Z',
    );
  });

  it('rejects a time more than an hour in the future, which would make later runs look like retries', () => {
    expect(() => observationTime({ time: '2030-01-01T01:00:01Z' }, clock)).toThrow(
      '"time" 2030-01-01T01:00:01Z is in the future',
    );
  });

  it.each<[string, unknown, string]>([
    ['null', null, 'expected an object like {"time": "2026-04-21T06:00:00Z"}, got null'],
    ['an array', [{ time: '2026-04-21T06:00:00Z' }], 'got an array'],
    ['no event at all', undefined, 'got undefined'],
    [
      'an SNS notification',
      { Records: [{ Sns: { Message: '{}' } }] },
      'not a scheduler event: it has the key "Records"',
    ],
    ['"1"', { time: '1' }, '"time" "1" is not an RFC 3339 time with a time zone'],
    ['"Mar 1"', { time: 'Mar 1' }, '"time" "Mar 1" is not an RFC 3339 time'],
    ['a time without a zone', { time: '2026-04-21T06:00:00' }, 'is not an RFC 3339 time'],
    ['a date that does not exist', { time: '2026-02-30T06:00:00Z' }, 'is not an RFC 3339 time'],
    ['a number', { time: 1714000000 }, '"time" 1714000000 is not an RFC 3339 time'],
    ['a null time', { time: null }, '"time" null is not an RFC 3339 time'],
  ])('refuses %s', (_what, event, reason) => {
    expect(() => observationTime(event, clock)).toThrow(RefusedEventError);
    expect(() => observationTime(event, clock)).toThrow(`Refused invocation event: `);
    expect(() => observationTime(event, clock)).toThrow(reason);
  });
});
