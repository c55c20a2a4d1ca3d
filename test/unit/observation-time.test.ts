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

  it.each([[{ time: 'yesterday' }], [{ time: 1714000000 }]])(
    'rejects a time that is not ISO 8601: %j',
    (event) => {
      expect(() => observationTime(event, clock)).toThrow(/The event's "time" is not an ISO 8601 time/);
    },
  );
});
