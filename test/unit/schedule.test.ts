import { describe, expect, it } from 'vitest';
import { parseSchedule } from '../../contract/schedule';

describe('parseSchedule', () => {
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
  ])('accepts %s, which runs every %i minutes at most', (expression, periodMinutes) => {
    expect(parseSchedule(expression)).toEqual({ expression, periodMinutes });
  });

  it('trims the expression it keeps', () => {
    expect(parseSchedule('  rate(2 hours) ')).toEqual({ expression: 'rate(2 hours)', periodMinutes: 120 });
  });

  it.each([
    ['every 6 hours', 'expected "rate(6 hours)" or a six-field "cron(0 */6 * * ? *)"'],
    ['rate(6 hour)', 'write "rate(1 hour)" for one unit, plural otherwise'],
    ['rate(1 hours)', 'write "rate(1 hour)" for one unit, plural otherwise'],
    ['rate(0 minutes)', 'the rate must be at least 1'],
    ['cron(0 6 * * ?)', 'expected "rate(6 hours)" or a six-field "cron(0 */6 * * ? *)"'],
    ['cron(0 8 ? * MON *)', 'cannot tell how often this runs'],
    ['cron(0 8 1 * ? *)', 'cannot tell how often this runs'],
    ['rate(3 days)', 'the monitor must run at least every 2 days'],
  ])('rejects %s', (input, reason) => {
    expect(() => parseSchedule(input)).toThrow(`Invalid schedule ${JSON.stringify(input)}: ${reason}`);
  });
});
