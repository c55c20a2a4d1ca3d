import { describe, expect, it } from 'vitest';
import { diffRegion } from '../../lambda/domain/diff';
import { replacementFinder } from '../../lambda/domain/replacements';
import { catalogModel, legacySonnet } from '../support/models';

const t = new Date('2026-05-01T00:00:00Z');
const model = (modelId: string, modelName: string, startOfLifeTime: string, extra = {}) =>
  catalogModel({ modelId, modelName, startOfLifeTime, ...extra });

const SONNET_4 = model(
  'anthropic.claude-sonnet-4-20250514-v1:0',
  'Claude Sonnet 4',
  '2025-05-22T00:00:00.000Z',
  {
    status: 'LEGACY',
    legacyTime: '2026-04-14T08:00:00.000Z',
  },
);
const SONNET_45 = model(
  'anthropic.claude-sonnet-4-5-20250929-v1:0',
  'Claude Sonnet 4.5',
  '2025-09-29T00:00:00.000Z',
);
const SONNET_46 = model('anthropic.claude-sonnet-4-6', 'Claude Sonnet 4.6', '2026-02-17T18:00:00.000Z');
const HAIKU_45 = model(
  'anthropic.claude-haiku-4-5-20251001-v1:0',
  'Claude Haiku 4.5',
  '2025-10-15T17:00:00.000Z',
);
const NOVA_PRO = model('amazon.nova-pro-v1:0', 'Nova Pro', '2024-12-03T00:00:00.000Z', {
  provider: 'Amazon',
});
const SONNET_37 = legacySonnet();
const LISTING = [SONNET_37, SONNET_4, SONNET_45, SONNET_46, HAIKU_45, NOVA_PRO];

describe('replacement candidates', () => {
  it('are the ACTIVE models of the same provider and family, newest launch first', () => {
    const candidates = replacementFinder(LISTING, t);
    expect(candidates(SONNET_37)).toEqual([
      'anthropic.claude-sonnet-4-6',
      'anthropic.claude-sonnet-4-5-20250929-v1:0',
    ]);
  });

  it('leave out the model itself, Legacy siblings, other families and other providers', () => {
    const candidates = replacementFinder(LISTING, t);
    expect(candidates(SONNET_4)).toEqual([
      'anthropic.claude-sonnet-4-6',
      'anthropic.claude-sonnet-4-5-20250929-v1:0',
    ]);
    expect(candidates(HAIKU_45)).toEqual([]);
  });

  it('come from the region’s own listing', () => {
    expect(replacementFinder([SONNET_37, SONNET_45], t)(SONNET_37)).toEqual([
      'anthropic.claude-sonnet-4-5-20250929-v1:0',
    ]);
    expect(replacementFinder([SONNET_37], t)(SONNET_37)).toEqual([]);
  });

  it('are at most five', () => {
    const many = Array.from({ length: 8 }, (_, i) =>
      model(`meta.llama4-v${i}-instruct-v1:0`, `Llama 4 v${i}`, `2026-0${i + 1}-01T00:00:00.000Z`),
    );
    const old = model('meta.llama3-8b-instruct-v1:0', 'Llama 3 8B', '2024-04-01T00:00:00.000Z', {
      status: 'LEGACY',
    });
    expect(replacementFinder([old, ...many], t)(old)).toHaveLength(5);
  });
});

describe('replacement candidates on events', () => {
  const region = 'us-east-1';
  const thresholds = [90, 30, 14, 7, 1];

  it('go with events about Legacy, extended-access and retired models', () => {
    const { events } = diffRegion({ region, previous: undefined, listing: LISTING, t, thresholds });
    const sonnet37 = events.filter((e) => e.modelId === SONNET_37.modelId);
    expect(sonnet37.map((e) => [e.kind, e.phase])).toEqual([['BASELINE', 'EOL']]);
    expect(sonnet37[0]?.replacementCandidates).toEqual([
      'anthropic.claude-sonnet-4-6',
      'anthropic.claude-sonnet-4-5-20250929-v1:0',
    ]);
  });

  it('are empty for events about Active models', () => {
    const first = diffRegion({ region, previous: undefined, listing: [SONNET_45], t, thresholds });
    const second = diffRegion({
      region,
      previous: first.state,
      listing: [SONNET_45, SONNET_46],
      t,
      thresholds,
    });
    expect(second.events.map((e) => [e.kind, e.replacementCandidates])).toEqual([['MODEL_ADDED', []]]);
  });

  it('go with a removal, whatever phase the model was in', () => {
    const listing = [
      SONNET_45,
      SONNET_46,
      ...Array.from({ length: 8 }, (_, i) => model(`amazon.nova-${i}`, `N${i}`, '2025-01-01T00:00:00.000Z')),
    ];
    const states = [diffRegion({ region, previous: undefined, listing, t, thresholds })];
    for (const day of ['2026-05-02', '2026-05-03']) {
      const previous = states.at(-1)?.state;
      states.push(
        diffRegion({
          region,
          previous,
          listing: listing.filter((m) => m !== SONNET_45),
          t: new Date(`${day}T00:00:00Z`),
          thresholds,
        }),
      );
    }
    expect(states[2]?.events.map((e) => [e.kind, e.phase, e.replacementCandidates])).toEqual([
      ['MODEL_REMOVED', 'ACTIVE', ['anthropic.claude-sonnet-4-6']],
    ]);
  });
});
