import { describe, expect, it } from 'vitest';
import { diffRegion } from '../../lambda/domain/diff';
import {
  type EventSpec,
  type LifecyclePolicy,
  lifecycleEvent,
  lifecyclePolicyOf,
  noticeDaysOf,
} from '../../lambda/domain/events';
import type { CatalogModel, RegionState, TrackedModel } from '../../lambda/domain/model';
import { legacySonnet, trackedModel } from '../support/models';

const tracked: TrackedModel = trackedModel(legacySonnet());

const reminder = (condition: EventSpec['condition']): EventSpec => ({
  kind: 'DEADLINE_APPROACHING',
  severity: 'warning',
  phase: 'LEGACY',
  previousPhase: 'LEGACY',
  condition,
});

const idOf = (region: string, observedAt: string, spec: EventSpec) =>
  lifecycleEvent(region, tracked, observedAt, spec).eventId;

describe('eventId', () => {
  const eol30 = reminder(['END_OF_LIFE', '2026-04-28T08:00:00.000Z', 30]);

  it('is the same for the same condition, whenever it is observed', () => {
    expect(idOf('us-east-1', '2026-03-29T08:00:00.000Z', eol30)).toBe(
      idOf('us-east-1', '2026-03-30T02:00:00.000Z', eol30),
    );
  });

  it.each<[string, EventSpec['condition']]>([
    ['another threshold', ['END_OF_LIFE', '2026-04-28T08:00:00.000Z', 7]],
    ['another date', ['END_OF_LIFE', '2026-07-28T08:00:00.000Z', 30]],
    ['another deadline', ['EXTENDED_ACCESS', '2026-04-28T08:00:00.000Z', 30]],
  ])('differs for %s of the same kind, model and region', (_what, condition) => {
    const observedAt = '2026-03-29T08:00:00.000Z';
    expect(idOf('us-east-1', observedAt, reminder(condition))).not.toBe(idOf('us-east-1', observedAt, eol30));
  });

  it('differs by region and by kind', () => {
    const observedAt = '2026-03-29T08:00:00.000Z';
    const ids = new Set([
      idOf('us-east-1', observedAt, eol30),
      idOf('us-west-2', observedAt, eol30),
      idOf('us-east-1', observedAt, { ...eol30, kind: 'LIFECYCLE_DATES_CHANGED' }),
    ]);
    expect(ids.size).toBe(3);
  });

  it('tells apart the reminders the diff raises for one model: each threshold, and a postponed date', () => {
    const later = legacySonnet({ endOfLifeTime: '2026-05-20T08:00:00.000Z' });
    const runs: [string, CatalogModel][] = [
      ['2026-03-01T00:00:00Z', legacySonnet()],
      ['2026-03-30T00:00:00Z', legacySonnet()],
      ['2026-04-22T00:00:00Z', legacySonnet()],
      ['2026-04-23T00:00:00Z', later],
      ['2026-04-24T00:00:00Z', later],
    ];
    let previous: RegionState | undefined;
    const diffs = runs.map(([at, model]) => {
      const diff = diffRegion({
        region: 'us-east-1',
        previous,
        listing: [model],
        t: new Date(at),
        thresholds: [30, 7],
      });
      previous = diff.state;
      return diff;
    });
    const reminders = diffs.flatMap((d) => d.events.filter((e) => e.kind === 'DEADLINE_APPROACHING'));
    expect(reminders.map((e) => [e.deadline, e.endOfLifeTime, e.thresholdDays])).toEqual([
      ['END_OF_LIFE', '2026-04-28T08:00:00.000Z', 30],
      ['END_OF_LIFE', '2026-04-28T08:00:00.000Z', 7],
      ['END_OF_LIFE', '2026-05-20T08:00:00.000Z', 30],
    ]);
    expect(new Set(reminders.map((e) => e.eventId)).size).toBe(3);
  });
});

describe('lifecycle policy and notice', () => {
  it.each<[string | null, LifecyclePolicy | null]>([
    ['2026-09-07T00:00:00.000Z', '2026-09'],
    ['2026-11-20T00:00:00.000Z', '2026-09'],
    ['2026-09-06T23:59:59.000Z', 'pre-2026-09'],
    ['2024-03-13T00:00:00.000Z', 'pre-2026-09'],
    [null, null],
  ])('a model launched %s follows the %s policy', (launched, policy) => {
    expect(lifecyclePolicyOf(launched)).toBe(policy);
  });

  it.each<[string | null, string | null, number | null]>([
    ['2025-10-28T08:00:00.000Z', '2026-04-28T08:00:00.000Z', 182],
    ['2027-03-01T08:00:00.000Z', '2027-04-15T08:00:00.000Z', 45],
    [null, '2026-04-28T08:00:00.000Z', null],
    ['2025-10-28T08:00:00.000Z', null, null],
  ])('Legacy %s and end of life %s give %s days of notice', (legacyTime, endOfLifeTime, days) => {
    expect(noticeDaysOf({ legacyTime, publicExtendedAccessTime: null, endOfLifeTime })).toBe(days);
  });

  it('puts both on every event of the model', () => {
    expect(lifecycleEvent('us-east-1', tracked, '2026-03-29T08:00:00.000Z', reminder([]))).toMatchObject({
      lifecyclePolicy: 'pre-2026-09',
      noticeDays: 182,
    });
  });
});
