import { describe, expect, it } from 'vitest';
import { schedulePeriod } from '../../lib/schedule-period';

describe('schedulePeriod', () => {
  it.each([
    ['rate(6 hours)', 360],
    ['rate(1 hour)', 60],
    ['rate(30 minutes)', 30],
    ['rate(1 day)', 1440],
    ['rate(2 days)', 2880],
    ['cron(0 */6 * * ? *)', 360],
    ['cron(15 0/4 * * ? *)', 240],
    ['cron(*/10 * * * ? *)', 10],
    ['cron(0 * * * ? *)', 60],
    ['cron(30 8 * * ? *)', 1440],
    ['cron(0 8,12,20 * * ? *)', 720],
  ])('%s runs every %i minutes at most', (expression, minutes) => {
    expect(schedulePeriod(expression).toMinutes()).toBe(minutes);
  });

  it.each([
    ['cron(0 8 ? * MON *)', 'cannot tell how often this runs'],
    ['cron(0 8 1 * ? *)', 'cannot tell how often this runs'],
    ['rate(3 days)', 'the monitor must run at least every 2 days'],
  ])('rejects %s', (expression, reason) => {
    expect(() => schedulePeriod(expression)).toThrow(`Invalid schedule "${expression}": ${reason}`);
  });
});
