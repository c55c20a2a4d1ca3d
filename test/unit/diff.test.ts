import { describe, expect, it } from 'vitest';
import { type DiffResult, diffRegion } from '../../lambda/domain/diff';
import type { CatalogModel, RegionState } from '../../lambda/domain/model';
import { catalogModel, legacySonnet, SONNET_37_DATES } from '../support/models';

const THRESHOLDS = [90, 30, 14, 7, 1];
const REGION = 'us-east-1';

const others = (n: number): CatalogModel[] =>
  Array.from({ length: n }, (_, i) =>
    catalogModel({ modelId: `amazon.model-${i}-v1:0`, modelName: `Model ${i}` }),
  );

const diff = (previous: RegionState | undefined, listing: readonly CatalogModel[], at: string): DiffResult =>
  diffRegion({ region: REGION, previous, listing, t: new Date(at), thresholds: THRESHOLDS });

/** Runs the listings in order, each at its time, and returns every run's result. */
function sequence(...steps: [string, readonly CatalogModel[]][]): DiffResult[] {
  const results: DiffResult[] = [];
  let state: RegionState | undefined;
  for (const [at, listing] of steps) {
    const result = diff(state, listing, at);
    results.push(result);
    state = result.state;
  }
  return results;
}

const kinds = (result: DiffResult) => result.events.map((e) => e.kind);

describe('baseline (first run in a region)', () => {
  it('stores every model and reports only what is not plainly Active, with no transitions', () => {
    const result = diff(undefined, [legacySonnet(), ...others(3)], '2025-11-01T00:00:00Z');
    expect(result.state.models).toHaveLength(4);
    expect(result.events.map((e) => [e.kind, e.modelId, e.phase, e.severity])).toEqual([
      ['BASELINE', 'anthropic.claude-3-7-sonnet-20250219-v1:0', 'LEGACY', 'info'],
      ['DEADLINE_APPROACHING', 'anthropic.claude-3-7-sonnet-20250219-v1:0', 'LEGACY', 'warning'],
    ]);
    expect(result.events[1]).toMatchObject({
      deadline: 'EXTENDED_ACCESS',
      thresholdDays: 90,
      daysRemaining: 88,
    });
    expect(result.stateChanged).toBe(true);
    expect(result.catalogChanged).toBe(true);
  });

  it('raises no event for a region where everything is Active and undated, only its counts', () => {
    const result = diff(undefined, others(5), '2025-11-01T00:00:00Z');
    expect(result.events).toEqual([]);
    expect(result.baseline).toEqual({ region: REGION, modelCount: 5, phases: { ACTIVE: 5 } });
  });

  it('counts the models of each phase for the baseline summary', () => {
    const listing = [
      legacySonnet(),
      legacySonnet({ modelId: 'x.gone-v1:0', endOfLifeTime: '2025-10-01T00:00:00Z' }),
      ...others(2),
    ];
    expect(diff(undefined, listing, '2025-11-01T00:00:00Z').baseline).toEqual({
      region: REGION,
      modelCount: 4,
      phases: { ACTIVE: 2, LEGACY: 1, EOL: 1 },
    });
  });

  it('has no baseline on later runs', () => {
    const [, second] = sequence(['2025-11-01T00:00:00Z', others(3)], ['2025-11-02T00:00:00Z', others(3)]);
    expect(second?.baseline).toBeNull();
  });
});

describe('transitions between runs', () => {
  const active = catalogModel();
  const cases: [string, CatalogModel, string, string[], string[]][] = [
    [
      'ACTIVE → LEGACY sends MODEL_LEGACY (warning)',
      legacySonnet(),
      '2025-10-29T00:00:00Z',
      ['MODEL_LEGACY'],
      ['warning'],
    ],
    [
      'ACTIVE → EXTENDED_ACCESS sends MODEL_LEGACY then EXTENDED_ACCESS_STARTED',
      legacySonnet(),
      '2026-02-01T00:00:00Z',
      ['MODEL_LEGACY', 'EXTENDED_ACCESS_STARTED'],
      ['warning', 'warning'],
    ],
    [
      'ACTIVE → EOL (still listed) sends each phase entered, extended access included',
      legacySonnet(),
      '2026-05-01T00:00:00Z',
      ['MODEL_LEGACY', 'EXTENDED_ACCESS_STARTED', 'MODEL_EOL'],
      ['warning', 'warning', 'critical'],
    ],
    [
      'ACTIVE → EOL without an extended-access date sends MODEL_LEGACY and MODEL_EOL',
      legacySonnet({ publicExtendedAccessTime: null }),
      '2026-05-01T00:00:00Z',
      ['MODEL_LEGACY', 'MODEL_EOL'],
      ['warning', 'critical'],
    ],
  ];
  it.each(cases)('%s', (_name, next, at, expectedKinds, severities) => {
    const [, second] = sequence(['2025-10-01T00:00:00Z', [active, ...others(9)]], [at, [next, ...others(9)]]);
    const transitions = second?.events.filter((e) => e.kind !== 'DEADLINE_APPROACHING') ?? [];
    expect(transitions.map((e) => e.kind)).toEqual(expectedKinds);
    expect(transitions.map((e) => e.severity)).toEqual(severities);
  });

  it('gives each step of a skipped phase its own previous phase', () => {
    const [, second] = sequence(
      ['2025-10-01T00:00:00Z', [catalogModel()]],
      ['2026-05-01T00:00:00Z', [legacySonnet()]],
    );
    expect(second?.events.map((e) => [e.previousPhase, e.phase])).toEqual([
      ['ACTIVE', 'LEGACY'],
      ['LEGACY', 'EXTENDED_ACCESS'],
      ['EXTENDED_ACCESS', 'EOL'],
    ]);
  });

  it('LEGACY → EXTENDED_ACCESS by the clock alone sends EXTENDED_ACCESS_STARTED once', () => {
    const [, second, third] = sequence(
      ['2026-01-20T00:00:00Z', [legacySonnet()]],
      ['2026-01-27T08:00:00Z', [legacySonnet()]],
      ['2026-01-27T20:00:00Z', [legacySonnet()]],
    );
    expect(kinds(second as DiffResult)).toEqual(['EXTENDED_ACCESS_STARTED']);
    expect(kinds(third as DiffResult)).toEqual([]);
    expect(third?.stateChanged).toBe(false);
  });

  it('LEGACY → ACTIVE sends MODEL_REACTIVATED (info)', () => {
    const [, second] = sequence(
      ['2025-11-01T00:00:00Z', [legacySonnet()]],
      ['2025-11-02T00:00:00Z', [catalogModel({ ...SONNET_37_DATES })]],
    );
    expect(second?.events.map((e) => [e.kind, e.severity])).toEqual([['MODEL_REACTIVATED', 'info']]);
  });

  it('a new model in a known region sends MODEL_ADDED (info)', () => {
    const [, second] = sequence(
      ['2025-11-01T00:00:00Z', others(3)],
      ['2025-11-02T00:00:00Z', [...others(3), catalogModel({ modelId: 'anthropic.claude-sonnet-4-6' })]],
    );
    expect(second?.events.map((e) => [e.kind, e.modelId, e.severity])).toEqual([
      ['MODEL_ADDED', 'anthropic.claude-sonnet-4-6', 'info'],
    ]);
  });

  it('an unchanged run changes nothing and needs no write', () => {
    const [, second] = sequence(
      ['2025-11-01T00:00:00Z', [legacySonnet(), ...others(3)]],
      ['2025-11-02T00:00:00Z', [legacySonnet(), ...others(3)]],
    );
    expect(second?.events).toEqual([]);
    expect(second?.stateChanged).toBe(false);
    expect(second?.catalogChanged).toBe(false);
  });

  it.each<[string, Partial<CatalogModel>]>([
    ['a new name', { modelName: 'Model 0 (renamed)' }],
    ['a new ARN', { modelArn: 'arn:aws:bedrock:us-east-1::foundation-model/amazon.model-0-v1:0-b' }],
    ['a launch date set late', { startOfLifeTime: '2025-01-01T00:00:00.000Z' }],
  ])('stores an undated Active model’s record again when only %s changed, with no event', (_what, change) => {
    const [first, second] = sequence(
      ['2025-11-01T00:00:00Z', others(3)],
      ['2025-11-02T00:00:00Z', others(3).map((m, i) => (i === 0 ? { ...m, ...change } : m))],
    );
    expect(second?.events).toEqual([]);
    expect(second?.stateChanged).toBe(true);
    expect(second?.catalogChanged).toBe(true);
    expect(second?.state.models[0]).toMatchObject(change);
    // The models that did not change are the stored records themselves.
    expect(second?.state.models.slice(1)).toEqual(first?.state.models.slice(1));
  });
});

describe('models that leave the listing', () => {
  it('a model gone at or after its known end of life gets only MODEL_EOL', () => {
    const [, second] = sequence(
      ['2026-01-01T00:00:00Z', [catalogModel({ ...SONNET_37_DATES }), ...others(9)]],
      ['2026-04-28T08:00:00Z', others(9)],
    );
    expect(second?.events.map((e) => [e.kind, e.severity, e.phase])).toEqual([
      ['MODEL_EOL', 'critical', 'EOL'],
    ]);
  });

  it('a model gone before any end of life is removed only after 2 consecutive absent runs', () => {
    const [, absentOnce, absentTwice, later] = sequence(
      ['2025-11-01T00:00:00Z', [legacySonnet(), ...others(9)]],
      ['2025-11-02T00:00:00Z', others(9)],
      ['2025-11-03T00:00:00Z', others(9)],
      ['2025-11-04T00:00:00Z', others(9)],
    );
    expect(kinds(absentOnce as DiffResult)).toEqual([]);
    expect(absentOnce?.stateChanged).toBe(true);
    expect(absentTwice?.events.map((e) => [e.kind, e.severity])).toEqual([['MODEL_REMOVED', 'critical']]);
    expect(kinds(later as DiffResult)).toEqual([]);
  });

  it('a model absent once that comes back raises nothing', () => {
    const [, , back] = sequence(
      ['2025-11-01T00:00:00Z', [legacySonnet(), ...others(9)]],
      ['2025-11-02T00:00:00Z', others(9)],
      ['2025-11-03T00:00:00Z', [legacySonnet(), ...others(9)]],
    );
    expect(back?.events).toEqual([]);
    expect(back?.state.models).toHaveLength(10);
    expect(back?.state.models.filter((m) => !m.listed || m.missingRuns !== 0)).toEqual([]);
  });

  it('a removed model that comes back is added again', () => {
    const results = sequence(
      ['2025-11-01T00:00:00Z', [legacySonnet(), ...others(9)]],
      ['2025-11-02T00:00:00Z', others(9)],
      ['2025-11-03T00:00:00Z', others(9)],
      ['2025-11-04T00:00:00Z', [legacySonnet(), ...others(9)]],
    );
    // Its reminders start afresh too: the 90-day one for extended access is due again.
    expect(kinds(results[3] as DiffResult)).toEqual(['MODEL_ADDED', 'DEADLINE_APPROACHING']);
  });

  it.each([
    ['an empty listing', [] as CatalogModel[]],
    ['a listing that lost 3 of 10 models at once', others(7)],
  ])('rejects %s as suspicious: no removal, previous models kept, a warning', (_name, shrunk) => {
    const [, first, second] = sequence(
      ['2025-11-01T00:00:00Z', others(10)],
      ['2025-11-02T00:00:00Z', shrunk],
      ['2025-11-03T00:00:00Z', shrunk],
    );
    for (const result of [first, second]) {
      expect(result?.events).toEqual([]);
      expect(result?.warnings.join()).toMatch(/listing shrank from 10 to \d+ models/);
      expect(result?.state.models.filter((m) => m.listed)).toHaveLength(10);
    }
  });

  it('still raises end of life by the dates when the listing is suspicious', () => {
    const [, second] = sequence(
      ['2026-04-01T00:00:00Z', [legacySonnet(), ...others(4)]],
      ['2026-04-28T08:00:00Z', []],
    );
    expect(kinds(second as DiffResult)).toEqual(['MODEL_EOL']);
  });

  it('counts a loss of exactly 20% as real: 2 of 10 go missing', () => {
    const [, , third] = sequence(
      ['2025-11-01T00:00:00Z', others(10)],
      ['2025-11-02T00:00:00Z', others(8)],
      ['2025-11-03T00:00:00Z', others(8)],
    );
    expect(kinds(third as DiffResult)).toEqual(['MODEL_REMOVED', 'MODEL_REMOVED']);
  });
});

describe('lifecycle dates that change', () => {
  it.each([
    ['an end of life moved earlier is a warning', { endOfLifeTime: '2026-03-28T08:00:00.000Z' }, 'warning'],
    ['an end of life postponed is info', { endOfLifeTime: '2026-07-28T08:00:00.000Z' }, 'info'],
    ['a newly announced extended-access date is a warning', {}, 'warning'],
  ])('%s', (_name, change, severity) => {
    const before = legacySonnet(Object.keys(change).length === 0 ? { publicExtendedAccessTime: null } : {});
    const after = legacySonnet(change);
    const [, second] = sequence(['2025-11-01T00:00:00Z', [before]], ['2025-11-02T00:00:00Z', [after]]);
    const changed = second?.events.find((e) => e.kind === 'LIFECYCLE_DATES_CHANGED');
    expect(changed?.severity).toBe(severity);
    expect(changed?.previousDates).toEqual({
      legacyTime: before.legacyTime,
      publicExtendedAccessTime: before.publicExtendedAccessTime,
      endOfLifeTime: before.endOfLifeTime,
    });
  });

  it('counts deadline thresholds afresh for a moved date', () => {
    const [first, second] = sequence(
      ['2026-04-22T00:00:00Z', [legacySonnet()]],
      // 7 days 8 hours left: 8 days, so the new date's tightest threshold reached is 14.
      ['2026-04-23T00:00:00Z', [legacySonnet({ endOfLifeTime: '2026-04-30T08:00:00.000Z' })]],
    );
    expect(
      first?.events.filter((e) => e.kind === 'DEADLINE_APPROACHING').map((e) => e.thresholdDays),
    ).toEqual([7]);
    expect(second?.events.map((e) => [e.kind, e.thresholdDays])).toEqual([
      ['LIFECYCLE_DATES_CHANGED', null],
      ['DEADLINE_APPROACHING', 14],
    ]);
  });

  it('does not report dates as changed for a model that had none', () => {
    const [, second] = sequence(
      ['2025-10-01T00:00:00Z', [catalogModel()]],
      ['2025-10-29T00:00:00Z', [legacySonnet()]],
    );
    expect(kinds(second as DiffResult)).toEqual(['MODEL_LEGACY']);
  });
});

describe('deadline reminders', () => {
  it('are critical within 7 days and warnings before', () => {
    const results = sequence(
      ['2026-02-01T00:00:00Z', [legacySonnet()]],
      ['2026-03-30T00:00:00Z', [legacySonnet()]],
      ['2026-04-21T08:00:00Z', [legacySonnet()]],
    );
    const reminders = results.flatMap((r) => r.events.filter((e) => e.kind === 'DEADLINE_APPROACHING'));
    expect(reminders.map((e) => [e.deadline, e.thresholdDays, e.daysRemaining, e.severity])).toEqual([
      ['END_OF_LIFE', 90, 87, 'warning'],
      ['END_OF_LIFE', 30, 30, 'warning'],
      ['END_OF_LIFE', 7, 7, 'critical'],
    ]);
  });
});

describe('odd data', () => {
  it('gives an unknown status phase UNKNOWN, warns, and raises no transition', () => {
    const [, second, third] = sequence(
      ['2025-11-01T00:00:00Z', [legacySonnet()]],
      [
        '2025-11-02T00:00:00Z',
        [
          legacySonnet({
            status: 'RETIRED',
            legacyTime: null,
            publicExtendedAccessTime: null,
            endOfLifeTime: null,
          }),
        ],
      ],
      ['2025-11-03T00:00:00Z', [legacySonnet()]],
    );
    expect(second?.events).toEqual([]);
    expect(second?.state.models[0]?.phase).toBe('UNKNOWN');
    expect(second?.warnings).toEqual([
      'us-east-1: anthropic.claude-3-7-sonnet-20250219-v1:0 has lifecycle status "RETIRED"; its phase is UNKNOWN',
    ]);
    // Back to the known phase it had: nothing happened as far as a user is concerned.
    expect(third?.events).toEqual([]);
  });
});

describe('event ids', () => {
  it('are the same for the same condition, whenever it is observed', () => {
    const a = sequence(
      ['2025-10-01T00:00:00Z', [catalogModel()]],
      ['2025-10-29T00:00:00Z', [legacySonnet()]],
    );
    const b = sequence(
      ['2025-10-01T00:00:00Z', [catalogModel()]],
      ['2025-10-30T06:00:00Z', [legacySonnet()]],
    );
    expect(a[1]?.events[0]?.eventId).toMatch(/^[0-9a-f]{32}$/);
    expect(a[1]?.events[0]?.eventId).toBe(b[1]?.events[0]?.eventId);
    expect(a[1]?.events[0]?.observedAt).not.toBe(b[1]?.events[0]?.observedAt);
  });

  it('differ between regions and between kinds', () => {
    const [east, west] = ['us-east-1', 'us-west-2'].map((region) =>
      diffRegion({
        region,
        previous: undefined,
        listing: [legacySonnet()],
        t: new Date('2025-11-01T00:00:00Z'),
        thresholds: THRESHOLDS,
      }),
    );
    const ids = [...(east?.events ?? []), ...(west?.events ?? [])].map((e) => e.eventId);
    expect(ids).toHaveLength(4);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
