import { describe, expect, it } from 'vitest';
import { daysUntil, dueDeadlines } from '../../lambda/domain/deadlines';
import { SONNET_37_DATES } from '../support/models';

const THRESHOLDS = [90, 30, 14, 7, 1];
const EOL = SONNET_37_DATES.endOfLifeTime;
const EA = SONNET_37_DATES.publicExtendedAccessTime;
const eolOnly = {
  legacyTime: SONNET_37_DATES.legacyTime,
  publicExtendedAccessTime: null,
  endOfLifeTime: EOL,
};

describe('daysUntil', () => {
  it.each([
    ['exactly 7 days before', '2026-04-21T08:00:00Z', 7],
    ['1 ms more than 7 days before rounds up to 8', '2026-04-21T07:59:59.999Z', 8],
    ['1 ms before the deadline is 1 day', '2026-04-28T07:59:59.999Z', 1],
    ['at the deadline is 0', '2026-04-28T08:00:00Z', 0],
    ['after the deadline is negative', '2026-04-30T08:00:00Z', -2],
  ])('%s', (_name, t, days) => {
    expect(daysUntil(EOL, new Date(t))).toBe(days);
  });
});

describe('dueDeadlines', () => {
  it('sends the tightest threshold reached, once', () => {
    const t = new Date('2026-04-16T00:00:00Z'); // 13 days left: 14 is the tightest reached
    const first = dueDeadlines(eolOnly, {}, t, THRESHOLDS);
    expect(first.due).toEqual([{ deadline: 'END_OF_LIFE', date: EOL, thresholdDays: 14, daysRemaining: 13 }]);
    expect(first.notified).toEqual({ [`END_OF_LIFE@${EOL}`]: 14 });
    expect(dueDeadlines(eolOnly, first.notified, new Date('2026-04-17T00:00:00Z'), THRESHOLDS).due).toEqual(
      [],
    );
  });

  it('skips looser thresholds that passed between runs and does not send them late', () => {
    const notified = { [`END_OF_LIFE@${EOL}`]: 90 };
    const { due } = dueDeadlines(eolOnly, notified, new Date('2026-04-22T00:00:00Z'), THRESHOLDS); // 7 days
    expect(due.map((d) => d.thresholdDays)).toEqual([7]);
  });

  it('sends nothing beyond the loosest threshold or once the date has passed', () => {
    expect(dueDeadlines(eolOnly, {}, new Date('2026-01-01T00:00:00Z'), THRESHOLDS).due).toEqual([]);
    expect(dueDeadlines(eolOnly, {}, new Date('2026-04-28T08:00:00Z'), THRESHOLDS).due).toEqual([]);
  });

  it('treats a moved date as a new deadline whose thresholds count afresh, and forgets the old one', () => {
    const moved = { ...eolOnly, endOfLifeTime: '2026-05-05T08:00:00.000Z' };
    const { due, notified } = dueDeadlines(
      moved,
      { [`END_OF_LIFE@${EOL}`]: 7 },
      new Date('2026-04-22T00:00:00Z'),
      THRESHOLDS,
    );
    expect(due).toEqual([
      { deadline: 'END_OF_LIFE', date: '2026-05-05T08:00:00.000Z', thresholdDays: 14, daysRemaining: 14 },
    ]);
    expect(notified).toEqual({ 'END_OF_LIFE@2026-05-05T08:00:00.000Z': 14 });
  });

  it('tracks extended access and end of life as separate deadlines', () => {
    // 8 hours before extended access; end of life is 92 days away, beyond every threshold.
    expect(dueDeadlines(SONNET_37_DATES, {}, new Date('2026-01-27T00:00:00Z'), THRESHOLDS).due).toEqual([
      { deadline: 'EXTENDED_ACCESS', date: EA, thresholdDays: 1, daysRemaining: 1 },
    ]);
    // 62 days before extended access, 153 before end of life.
    expect(dueDeadlines(SONNET_37_DATES, {}, new Date('2025-11-26T08:00:00Z'), THRESHOLDS).due).toEqual([
      { deadline: 'EXTENDED_ACCESS', date: EA, thresholdDays: 90, daysRemaining: 62 },
    ]);
    // 29 days before end of life, extended access already passed.
    expect(dueDeadlines(SONNET_37_DATES, {}, new Date('2026-03-30T08:00:00Z'), THRESHOLDS).due).toEqual([
      { deadline: 'END_OF_LIFE', date: EOL, thresholdDays: 30, daysRemaining: 29 },
    ]);
  });
});
