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

  it('does not believe an empty listing: no removal, previous models kept, a warning', () => {
    const results = sequence(
      ['2025-11-01T00:00:00Z', others(10)],
      ['2025-11-02T00:00:00Z', []],
      ['2025-11-03T00:00:00Z', []],
      ['2025-11-04T00:00:00Z', []],
    );
    for (const result of results.slice(1)) {
      expect(result.events).toEqual([]);
      expect(result.warnings.join()).toMatch(
        /listing shrank from 10 to 0 models.*an empty listing is not believed/,
      );
      expect(result.state.models.filter((m) => m.listed)).toHaveLength(10);
    }
  });

  it('believes a suspicious loss (3 of 10 at once) once it has lasted 3 runs in a row', () => {
    const [, first, second, third] = sequence(
      ['2025-11-01T00:00:00Z', others(10)],
      ['2025-11-02T00:00:00Z', others(7)],
      ['2025-11-03T00:00:00Z', others(7)],
      ['2025-11-04T00:00:00Z', others(7)],
    );
    for (const result of [first, second]) {
      expect(result?.events).toEqual([]);
      expect(result?.warnings.join()).toMatch(/listing shrank from 10 to 7 models \(3 gone at once\)/);
    }
    expect(third?.events.map((e) => [e.kind, e.modelId, e.severity])).toEqual([
      ['MODEL_REMOVED', 'amazon.model-7-v1:0', 'critical'],
      ['MODEL_REMOVED', 'amazon.model-8-v1:0', 'critical'],
      ['MODEL_REMOVED', 'amazon.model-9-v1:0', 'critical'],
    ]);
  });

  it('reports the one model a region of four loses, after 3 runs', () => {
    const results = sequence(
      ['2025-11-01T00:00:00Z', others(4)],
      ['2025-11-02T00:00:00Z', others(3)],
      ['2025-11-03T00:00:00Z', others(3)],
      ['2025-11-04T00:00:00Z', others(3)],
    );
    expect(results.map(kinds)).toEqual([[], [], [], ['MODEL_REMOVED']]);
  });

  it('measures a later loss against the last believed listing, so one real drop does not mask it', () => {
    const results = sequence(
      ['2025-11-01T00:00:00Z', others(10)],
      ['2025-11-02T00:00:00Z', others(7)],
      ['2025-11-03T00:00:00Z', others(7)],
      ['2025-11-04T00:00:00Z', others(7)],
      // 1 of the 7 now believed listed: an ordinary removal, after 2 runs.
      ['2025-11-05T00:00:00Z', others(6)],
      ['2025-11-06T00:00:00Z', others(6)],
    );
    expect(results[4]?.warnings).toEqual([]);
    expect(results[5]?.events.map((e) => [e.kind, e.modelId])).toEqual([
      ['MODEL_REMOVED', 'amazon.model-6-v1:0'],
    ]);
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
  it.each<[string, Partial<CatalogModel>, string, string, Partial<CatalogModel>]>([
    [
      'an end of life moved earlier is a warning',
      { endOfLifeTime: '2026-03-28T08:00:00.000Z' },
      'LIFECYCLE_DATES_CHANGED',
      'warning',
      {},
    ],
    [
      'an end of life postponed is info',
      { endOfLifeTime: '2026-07-28T08:00:00.000Z' },
      'LIFECYCLE_DATES_CHANGED',
      'info',
      {},
    ],
    [
      'a newly announced extended-access date is an announcement',
      {},
      'LIFECYCLE_ANNOUNCED',
      'warning',
      { publicExtendedAccessTime: null },
    ],
    [
      'a new date with another moved later is a warning',
      { endOfLifeTime: '2026-07-28T08:00:00.000Z' },
      'LIFECYCLE_DATES_CHANGED',
      'warning',
      { publicExtendedAccessTime: null },
    ],
  ])('%s', (_name, change, kind, severity, was) => {
    const before = legacySonnet(was);
    const after = legacySonnet(change);
    const [, second] = sequence(['2025-11-01T00:00:00Z', [before]], ['2025-11-02T00:00:00Z', [after]]);
    expect(second?.events.filter((e) => e.kind.startsWith('LIFECYCLE_')).map((e) => e.kind)).toEqual([kind]);
    const changed = second?.events.find((e) => e.kind === kind);
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
  it('reports an unknown status once, as a warning, and raises no transition for it', () => {
    const [, second, third, fourth] = sequence(
      ['2025-11-01T00:00:00Z', [legacySonnet()]],
      ['2025-11-02T00:00:00Z', [legacySonnet({ status: 'RETIRED' })]],
      ['2025-11-03T00:00:00Z', [legacySonnet({ status: 'RETIRED' })]],
      ['2025-11-04T00:00:00Z', [legacySonnet()]],
    );
    expect(second?.events.map((e) => [e.kind, e.severity, e.phase, e.status])).toEqual([
      ['STATUS_UNRECOGNISED', 'warning', 'UNKNOWN', 'RETIRED'],
    ]);
    expect(second?.state.models[0]?.phase).toBe('UNKNOWN');
    expect(second?.warnings).toEqual([
      'us-east-1: anthropic.claude-3-7-sonnet-20250219-v1:0 has lifecycle status "RETIRED"; its phase is UNKNOWN',
    ]);
    expect(third?.events).toEqual([]);
    // Back to the known phase it had: nothing happened as far as a user is concerned.
    expect(fourth?.events).toEqual([]);
  });

  it('keeps a model of unknown status watched: its dates change, its reminders and its end of life come', () => {
    const odd = (change: Partial<CatalogModel> = {}) => legacySonnet({ status: 'DEPRECATED', ...change });
    const results = sequence(
      ['2026-03-01T00:00:00Z', [odd()]],
      ['2026-03-02T00:00:00Z', [odd({ endOfLifeTime: '2026-04-29T08:00:00.000Z' })]],
      ['2026-04-22T09:00:00Z', [odd({ endOfLifeTime: '2026-04-29T08:00:00.000Z' })]],
      ['2026-04-29T08:00:00Z', [odd({ endOfLifeTime: '2026-04-29T08:00:00.000Z' })]],
    );
    expect(results.map((r) => r.events.map((e) => [e.kind, e.severity, e.thresholdDays]))).toEqual([
      [
        ['STATUS_UNRECOGNISED', 'warning', null],
        ['BASELINE', 'info', null],
        ['DEADLINE_APPROACHING', 'warning', 90],
      ],
      [
        ['LIFECYCLE_DATES_CHANGED', 'info', null],
        ['DEADLINE_APPROACHING', 'warning', 90],
      ],
      [['DEADLINE_APPROACHING', 'critical', 7]],
      [['MODEL_EOL', 'critical', null]],
    ]);
  });
});

describe('announcements and the Legacy deadline', () => {
  const haiku = (change: Partial<CatalogModel> = {}) =>
    catalogModel({
      modelId: 'anthropic.claude-3-haiku-20240307-v1:0',
      modelName: 'Claude 3 Haiku',
      startOfLifeTime: '2024-03-13T00:00:00.000Z',
      ...change,
    });
  const successor = catalogModel({
    modelId: 'anthropic.claude-haiku-4-5-20251001-v1:0',
    modelName: 'Claude Haiku 4.5',
    startOfLifeTime: '2025-10-15T00:00:00.000Z',
  });
  const announced = { legacyTime: '2026-06-01T08:00:00.000Z', endOfLifeTime: '2026-12-01T08:00:00.000Z' };

  it('announces dates that appear on an Active model, as a warning with replacements', () => {
    const [, second, third] = sequence(
      ['2026-01-01T00:00:00Z', [haiku(), successor]],
      ['2026-01-02T00:00:00Z', [haiku(announced), successor]],
      ['2026-01-03T00:00:00Z', [haiku(announced), successor]],
    );
    expect(second?.events.map((e) => [e.kind, e.severity, e.phase])).toEqual([
      ['LIFECYCLE_ANNOUNCED', 'warning', 'ACTIVE'],
    ]);
    expect(second?.events[0]).toMatchObject({
      ...announced,
      previousDates: { legacyTime: null, publicExtendedAccessTime: null, endOfLifeTime: null },
      replacementCandidates: ['anthropic.claude-haiku-4-5-20251001-v1:0'],
    });
    expect(third?.events).toEqual([]);
  });

  it('announces dates published later for a model already Legacy', () => {
    const [, second] = sequence(
      ['2026-01-01T00:00:00Z', [haiku({ status: 'LEGACY' })]],
      ['2026-01-02T00:00:00Z', [haiku({ status: 'LEGACY', endOfLifeTime: '2026-12-01T08:00:00.000Z' })]],
    );
    expect(kinds(second as DiffResult)).toEqual(['LIFECYCLE_ANNOUNCED']);
  });

  it('reminds of a future Legacy date at the thresholds, once per date, as warnings even within 7 days', () => {
    const results = sequence(
      ['2026-01-02T00:00:00Z', [haiku(announced)]],
      ['2026-03-05T00:00:00Z', [haiku(announced)]],
      ['2026-05-03T00:00:00Z', [haiku(announced)]],
      ['2026-05-27T00:00:00Z', [haiku(announced)]],
      ['2026-05-28T00:00:00Z', [haiku(announced)]],
    );
    const reminders = results.flatMap((r) => r.events.filter((e) => e.kind === 'DEADLINE_APPROACHING'));
    expect(reminders.map((e) => [e.deadline, e.thresholdDays, e.daysRemaining, e.severity])).toEqual([
      ['LEGACY', 90, 89, 'warning'],
      ['LEGACY', 30, 30, 'warning'],
      ['LEGACY', 7, 6, 'warning'],
    ]);
    expect(reminders[0]?.replacementCandidates).toEqual([]);
  });
});

describe('corrections of critical alerts', () => {
  it('sends an end of life postponed after MODEL_EOL at critical severity, as a correction', () => {
    const [, eol, postponed] = sequence(
      ['2026-04-01T00:00:00Z', [legacySonnet()]],
      ['2026-04-28T08:00:00Z', [legacySonnet()]],
      ['2026-04-29T00:00:00Z', [legacySonnet({ endOfLifeTime: '2026-07-28T08:00:00.000Z' })]],
    );
    expect(kinds(eol as DiffResult)).toEqual(['MODEL_EOL']);
    expect(postponed?.events.map((e) => [e.kind, e.severity, e.corrects, e.phase])).toEqual([
      ['LIFECYCLE_DATES_CHANGED', 'critical', 'MODEL_EOL', 'EXTENDED_ACCESS'],
    ]);
  });

  it('sends a removed model listed again at critical severity, as a correction', () => {
    const results = sequence(
      ['2025-11-01T00:00:00Z', [catalogModel(), ...others(9)]],
      ['2025-11-02T00:00:00Z', others(9)],
      ['2025-11-03T00:00:00Z', others(9)],
      ['2025-11-04T00:00:00Z', [catalogModel(), ...others(9)]],
    );
    expect(results[2]?.events.map((e) => [e.kind, e.severity])).toEqual([['MODEL_REMOVED', 'critical']]);
    expect(results[3]?.events.map((e) => [e.kind, e.severity, e.corrects])).toEqual([
      ['MODEL_ADDED', 'critical', 'MODEL_REMOVED'],
    ]);
  });

  it('sends a retired model made Active again at critical severity, as a correction', () => {
    const [, eol, back] = sequence(
      ['2026-04-01T00:00:00Z', [legacySonnet()]],
      ['2026-04-28T08:00:00Z', [legacySonnet()]],
      ['2026-04-29T00:00:00Z', [catalogModel()]],
    );
    expect(kinds(eol as DiffResult)).toEqual(['MODEL_EOL']);
    expect(back?.events.map((e) => [e.kind, e.severity, e.corrects])).toEqual([
      ['LIFECYCLE_DATES_CHANGED', 'critical', 'MODEL_EOL'],
      ['MODEL_REACTIVATED', 'critical', 'MODEL_EOL'],
    ]);
  });
});

describe('event identity', () => {
  it('gives the same condition reached again after it ended a new id: Legacy, Active again, Legacy again', () => {
    const results = sequence(
      ['2025-10-01T00:00:00Z', [catalogModel(), ...others(3)]],
      ['2025-10-29T00:00:00Z', [legacySonnet(), ...others(3)]],
      ['2025-11-01T00:00:00Z', [catalogModel(), ...others(3)]],
      ['2025-11-02T00:00:00Z', [legacySonnet(), ...others(3)]],
    );
    const legacy = results.flatMap((r) => r.events.filter((e) => e.kind === 'MODEL_LEGACY'));
    expect(legacy.map((e) => e.legacyTime)).toEqual([SONNET_37_DATES.legacyTime, SONNET_37_DATES.legacyTime]);
    expect(new Set(legacy.map((e) => e.eventId)).size).toBe(2);
  });

  it('keeps the ids of a run retried from the same stored state', () => {
    const [first] = sequence(['2025-10-01T00:00:00Z', [catalogModel(), ...others(3)]]);
    const retry = () => diff(first?.state, [legacySonnet(), ...others(3)], '2025-10-29T00:00:00Z');
    expect(retry().events.map((e) => e.eventId)).toEqual(retry().events.map((e) => e.eventId));
    expect(retry().events.length).toBeGreaterThan(0);
  });
});
