import { describe, expect, it } from 'vitest';
import { diffRegion } from '../../lambda/domain/diff';
import type { CatalogModel } from '../../lambda/domain/model';
import { profileFor, replacementFinder } from '../../lambda/domain/replacements';
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
    const candidates = (m: CatalogModel) => replacementFinder(LISTING, t)(m).candidates;
    expect(candidates(SONNET_37)).toEqual([
      'anthropic.claude-sonnet-4-6',
      'anthropic.claude-sonnet-4-5-20250929-v1:0',
    ]);
  });

  it('leave out the model itself, Legacy siblings, other families and other providers', () => {
    const candidates = (m: CatalogModel) => replacementFinder(LISTING, t)(m).candidates;
    expect(candidates(SONNET_4)).toEqual([
      'anthropic.claude-sonnet-4-6',
      'anthropic.claude-sonnet-4-5-20250929-v1:0',
    ]);
    expect(candidates(HAIKU_45)).toEqual([]);
  });

  it('come from the region’s own listing', () => {
    expect(replacementFinder([SONNET_37, SONNET_45], t)(SONNET_37).candidates).toEqual([
      'anthropic.claude-sonnet-4-5-20250929-v1:0',
    ]);
    expect(replacementFinder([SONNET_37], t)(SONNET_37)).toEqual({ candidates: [], scope: null });
  });

  it('are at most five', () => {
    const many = Array.from({ length: 8 }, (_, i) =>
      model(`meta.llama4-v${i}-instruct-v1:0`, `Llama 4 v${i}`, `2026-0${i + 1}-01T00:00:00.000Z`),
    );
    const old = model('meta.llama3-8b-instruct-v1:0', 'Llama 3 8B', '2024-04-01T00:00:00.000Z', {
      status: 'LEGACY',
    });
    expect(replacementFinder([old, ...many], t)(old).candidates).toHaveLength(5);
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

describe('replacement candidates a user can call, that do the same job', () => {
  const text = { inputModalities: ['TEXT'], outputModalities: ['TEXT'], inferenceTypes: ['ON_DEMAND'] };
  const amazon = (modelId: string, modelName: string, launched: string, extra: Partial<CatalogModel> = {}) =>
    model(modelId, modelName, launched, { provider: 'Amazon', ...text, ...extra });
  const retiring = (m: CatalogModel) => ({ ...m, status: 'LEGACY', legacyTime: '2026-04-01T08:00:00.000Z' });

  it('keep the tier: Nova Lite for Nova Lite, not Nova Pro', () => {
    const lite = retiring(amazon('amazon.nova-lite-v1:0', 'Nova Lite', '2024-12-03T00:00:00.000Z'));
    const listing = [
      lite,
      amazon('amazon.nova-pro-v2:0', 'Nova Pro 2', '2026-01-01T00:00:00.000Z'),
      amazon('amazon.nova-2-lite-v1:0', 'Nova 2 Lite', '2025-12-01T00:00:00.000Z'),
    ];
    expect(replacementFinder(listing, t)(lite)).toEqual({
      candidates: ['amazon.nova-2-lite-v1:0'],
      scope: 'family',
    });
  });

  it('keep the size of a Llama: 70B for 90B, not 8B', () => {
    const meta = (modelId: string, launched: string) =>
      model(modelId, modelId, launched, { provider: 'Meta', ...text });
    const big = retiring(meta('meta.llama3-2-90b-instruct-v1:0', '2024-09-25T00:00:00.000Z'));
    const listing = [
      big,
      meta('meta.llama3-1-8b-instruct-v1:0', '2026-01-01T00:00:00.000Z'),
      meta('meta.llama3-3-70b-instruct-v1:0', '2024-12-19T00:00:00.000Z'),
    ];
    expect(replacementFinder(listing, t)(big).candidates).toEqual(['meta.llama3-3-70b-instruct-v1:0']);
  });

  it('do the same job: embeddings for embeddings, and a vision model only by one that takes images', () => {
    const embed = retiring(
      amazon('amazon.titan-embed-text-v1', 'Titan Embeddings G1 - Text', '2023-09-28T00:00:00.000Z', {
        outputModalities: ['EMBEDDING'],
      }),
    );
    const vision = retiring(
      amazon('amazon.nova-pro-v1:0', 'Nova Pro', '2024-12-03T00:00:00.000Z', {
        inputModalities: ['TEXT', 'IMAGE'],
      }),
    );
    const listing = [
      embed,
      vision,
      amazon('amazon.titan-embed-text-v2:0', 'Titan Text Embeddings V2', '2024-04-30T00:00:00.000Z', {
        outputModalities: ['EMBEDDING'],
      }),
      amazon('amazon.titan-text-premier-v1:0', 'Titan Text Premier', '2024-05-01T00:00:00.000Z'),
      amazon('amazon.nova-pro-v2:0', 'Nova Pro 2', '2026-01-01T00:00:00.000Z'),
      amazon('amazon.nova-pro-v3:0', 'Nova Pro 3', '2026-02-01T00:00:00.000Z', {
        inputModalities: ['TEXT', 'IMAGE', 'VIDEO'],
      }),
    ];
    const find = replacementFinder(listing, t);
    expect(find(embed).candidates).toEqual(['amazon.titan-embed-text-v2:0']);
    expect(find(vision).candidates).toEqual(['amazon.nova-pro-v3:0']);
  });

  it('are never provisioned-only, a context variant, or a model whose own retirement is announced', () => {
    const old = retiring(amazon('amazon.nova-micro-v1:0', 'Nova Micro', '2024-12-03T00:00:00.000Z'));
    const listing = [
      old,
      amazon('amazon.nova-micro-v2:0', 'Nova Micro 2', '2026-03-01T00:00:00.000Z', {
        inferenceTypes: ['PROVISIONED'],
      }),
      amazon('amazon.nova-micro-v1:0:128k', 'Nova Micro', '2026-02-01T00:00:00.000Z'),
      amazon('amazon.nova-micro-v3:0', 'Nova Micro 3', '2026-01-01T00:00:00.000Z', {
        endOfLifeTime: '2027-01-01T00:00:00.000Z',
      }),
      amazon('amazon.nova-2-micro-v1:0', 'Nova 2 Micro', '2025-12-01T00:00:00.000Z', {
        inferenceTypes: ['INFERENCE_PROFILE'],
      }),
    ];
    expect(replacementFinder(listing, t)(old).candidates).toEqual(['amazon.nova-2-micro-v1:0']);
  });

  it('fall back to the same provider and job, newest first, when the family has no Active successor', () => {
    const titan = retiring(
      amazon('amazon.titan-text-express-v1', 'Titan Text G1 - Express', '2023-11-29T00:00:00.000Z'),
    );
    const listing = [
      titan,
      amazon('amazon.nova-lite-v1:0', 'Nova Lite', '2024-12-03T00:00:00.000Z'),
      amazon('amazon.nova-2-lite-v1:0', 'Nova 2 Lite', '2025-12-01T00:00:00.000Z'),
      amazon('amazon.titan-embed-text-v2:0', 'Titan Text Embeddings V2', '2024-04-30T00:00:00.000Z', {
        outputModalities: ['EMBEDDING'],
      }),
      model('anthropic.claude-haiku-4-5-20251001-v1:0', 'Claude Haiku 4.5', '2025-10-15T00:00:00.000Z', text),
    ];
    expect(replacementFinder(listing, t)(titan)).toEqual({
      candidates: ['amazon.nova-2-lite-v1:0', 'amazon.nova-lite-v1:0'],
      scope: 'provider',
    });
  });
});

describe('candidates callable only through a profile', () => {
  const profile = (id: string, type = 'SYSTEM_DEFINED') => ({
    id,
    arn: `arn:aws:bedrock:us-east-1::inference-profile/${id}`,
    type,
    targets: [{ region: 'us-east-1', modelId: 'amazon.nova-2-lite-v1:0' }],
  });

  it('are named by the geography’s system-defined profile, before global, and left out without one', () => {
    expect(
      profileFor('us-east-1', 'amazon.nova-2-lite-v1:0', [
        profile('global.amazon.nova-2-lite-v1:0'),
        profile('us.amazon.nova-2-lite-v1:0'),
      ]),
    ).toBe('us.amazon.nova-2-lite-v1:0');
    expect(
      profileFor('us-east-1', 'amazon.nova-2-lite-v1:0', [profile('global.amazon.nova-2-lite-v1:0')]),
    ).toBe('global.amazon.nova-2-lite-v1:0');
    expect(profileFor('us-east-1', 'amazon.nova-2-lite-v1:0', [profile('app', 'APPLICATION')])).toBeNull();
    expect(
      profileFor('eu-west-1', 'amazon.nova-2-lite-v1:0', [profile('us.amazon.nova-2-lite-v1:0')]),
    ).toBeNull();
  });
});
