import { describe, expect, it } from 'vitest';
import { type EventSpec, type LifecycleEvent, lifecycleEvent } from '../../lambda/domain/events';
import type { TrackedModel } from '../../lambda/domain/model';
import { meaning, nextSteps, predicate } from '../../lambda/messages/wording';
import { catalogModel, trackedModel } from '../support/models';

const DATES = { legacyTime: '2027-03-01T08:00:00.000Z', endOfLifeTime: '2027-04-15T08:00:00.000Z' };

const event = (spec: Partial<EventSpec>, model: Partial<TrackedModel> = {}): LifecycleEvent =>
  lifecycleEvent(
    'us-east-1',
    trackedModel(
      catalogModel({
        modelId: 'vendor.new-model-v1:0',
        modelName: 'New Model',
        startOfLifeTime: '2026-10-01T00:00:00.000Z',
        ...DATES,
      }),
      { phase: 'ACTIVE', knownPhase: 'ACTIVE', ...model },
    ),
    '2027-01-02T00:00:00.000Z',
    { kind: 'BASELINE', severity: 'info', phase: 'ACTIVE', previousPhase: null, condition: [], ...spec },
  );

describe('the words of an alert', () => {
  it('tells a team about inactivity on a Legacy model from its usage, with no number of days AWS has not published', () => {
    const legacy = (usage: Partial<LifecycleEvent>): LifecycleEvent => ({
      ...event({ kind: 'MODEL_LEGACY', severity: 'warning', phase: 'LEGACY' }, { phase: 'LEGACY' }),
      usageLookbackDays: 14,
      ...usage,
    });
    expect(meaning(legacy({ inUse: false, invocations: 0 }))).toContain(
      'No call reached it in the last 14 days: you may already be losing access to it, as AWS may withdraw a Legacy model from accounts that do not use it (it publishes no number of days).',
    );
    expect(meaning(legacy({ inUse: true, invocations: 120 }))).toContain(
      'You call it: keep calling it until you have moved, or move first',
    );
    // Unknown usage, a watched model never called, or an Active model: nothing said either way.
    for (const quiet of [
      legacy({ inUse: null, invocations: null }),
      legacy({ inUse: true, invocations: 0 }),
      { ...event({}), inUse: false, invocations: 0 },
    ]) {
      expect(meaning(quiet)).not.toMatch(/losing access|keep calling/);
    }
  });

  it('states the announced schedule of an Active model, never "no announced retirement"', () => {
    const announced = event({
      kind: 'LIFECYCLE_ANNOUNCED',
      severity: 'warning',
      previousDates: { legacyTime: null, publicExtendedAccessTime: null, endOfLifeTime: null },
    });
    expect(predicate(announced)).toBe('retirement announced: Legacy 2027-03-01, End of life 2027-04-15');
    expect(predicate(announced, true)).toBe('retirement announced');
    expect(meaning(announced)).not.toContain('no announced retirement');
    expect(meaning(announced)).toContain('Legacy from 2027-03-01');
    expect(meaning(announced)).toContain('end of life on 2027-04-15, when calls start to fail');
    expect(nextSteps(announced, ['vendor.newer-v2:0'])).toEqual([
      'Test replacement vendor.newer-v2:0',
      'Move traffic before 2027-04-15',
    ]);
  });

  it('says "45-day Legacy period" for a model under the September 2026 policy', () => {
    const reminder = event({
      kind: 'DEADLINE_APPROACHING',
      severity: 'warning',
      deadline: 'LEGACY',
      thresholdDays: 90,
      daysRemaining: 59,
    });
    expect(predicate(reminder)).toBe('becomes Legacy in 59 days');
    expect(meaning(reminder)).toContain('a 45-day Legacy period, little time to move,');
    expect(meaning(event({}, { startOfLifeTime: '2025-01-01T00:00:00.000Z' }))).not.toContain(
      'Legacy period',
    );
  });

  it.each<[string, Partial<EventSpec>, string]>([
    [
      'an end of life postponed',
      {
        kind: 'LIFECYCLE_DATES_CHANGED',
        severity: 'critical',
        corrects: 'MODEL_EOL',
        previousDates: { ...DATES, legacyTime: '2026-01-01T08:00:00.000Z', publicExtendedAccessTime: null },
      },
      'end of life postponed: calls work again until 2027-04-15',
    ],
    [
      'a removed model listed again',
      { kind: 'MODEL_ADDED', corrects: 'MODEL_REMOVED' },
      'is listed again after its removal',
    ],
    [
      'a retired model Active again',
      { kind: 'MODEL_REACTIVATED', corrects: 'MODEL_EOL' },
      'is Active again: calls work again',
    ],
    [
      'an undocumented status',
      { kind: 'STATUS_UNRECOGNISED' },
      'has a lifecycle status Bedrock does not document: "RETIRED"',
    ],
  ])('words %s as what it is', (_what, spec, said) => {
    expect(predicate(event(spec, { status: 'RETIRED' }))).toBe(said);
  });
});
