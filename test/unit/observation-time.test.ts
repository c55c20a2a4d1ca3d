import { describe, expect, it } from 'vitest';
import { observationTime } from '../../lambda/domain/observation-time';

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

  it.each([[{}], [null], [undefined], [{ time: null }]])(
    'falls back to the clock when there is no time: %j',
    (event) => {
      expect(observationTime(event, clock).toISOString()).toBe('2030-01-01T00:00:00.000Z');
    },
  );

  it('accepts a scheduled time slightly ahead of a clock that lags', () => {
    expect(observationTime({ time: '2030-01-01T00:59:00Z' }, clock).toISOString()).toBe(
      '2030-01-01T00:59:00.000Z',
    );
  });

  it('rejects a time more than an hour in the future, which would make later runs look like retries', () => {
    expect(() => observationTime({ time: '2030-01-01T01:00:01Z' }, clock)).toThrow(
      'The event\'s "time" 2030-01-01T01:00:01Z is in the future',
    );
  });

  it.each([[{ time: 'yesterday' }], [{ time: 1714000000 }]])(
    'rejects a time that is not ISO 8601: %j',
    (event) => {
      expect(() => observationTime(event, clock)).toThrow(/The event's "time" is not an ISO 8601 time/);
    },
  );
});
