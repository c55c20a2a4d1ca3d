import { describe, expect, it } from 'vitest';
import sample from '../../lab/fixtures/list-foundation-models-sample.json';
import { normalizeListing } from '../../lambda/domain/normalize-listing';

describe('normalizeListing', () => {
  it('reads the real ListFoundationModels shape, lifecycle times as ISO strings', () => {
    const { models, warnings } = normalizeListing('us-west-2', sample.modelSummaries);
    expect(warnings).toEqual([]);
    expect(models).toHaveLength(sample.modelSummaries.length);
    expect(models[0]).toEqual({
      modelId: 'anthropic.claude-sonnet-4-20250514-v1:0',
      modelArn: 'arn:aws:bedrock:us-west-2::foundation-model/anthropic.claude-sonnet-4-20250514-v1:0',
      modelName: 'Claude Sonnet 4',
      provider: 'Anthropic',
      status: 'LEGACY',
      startOfLifeTime: '2025-05-22T00:00:00.000Z',
      legacyTime: '2026-04-14T08:00:00.000Z',
      publicExtendedAccessTime: '2026-07-14T08:00:00.000Z',
      endOfLifeTime: '2026-10-14T08:00:00.000Z',
      // Kept for choosing replacements that do the same job and can be called.
      inputModalities: ['TEXT', 'IMAGE'],
      outputModalities: ['TEXT'],
      inferenceTypes: ['INFERENCE_PROFILE'],
    });
  });

  it('accepts Date objects, as the SDK deserialises them', () => {
    const { models } = normalizeListing('us-east-1', [
      {
        modelId: 'a.b-v1:0',
        modelLifecycle: { status: 'LEGACY', endOfLifeTime: new Date('2026-04-28T08:00:00Z') },
      },
    ]);
    expect(models[0]?.endOfLifeTime).toBe('2026-04-28T08:00:00.000Z');
  });

  it('keeps an unknown status as listed, for the phase to become UNKNOWN', () => {
    const { models, warnings } = normalizeListing('us-east-1', [
      { modelId: 'a.b-v1:0', modelLifecycle: { status: 'RETIRED' } },
    ]);
    expect(models[0]?.status).toBe('RETIRED');
    expect(warnings).toEqual([]);
  });

  it('gives a model without modelLifecycle no status and no dates', () => {
    const { models } = normalizeListing('us-east-1', [{ modelId: 'a.b-v1:0', modelName: 'B' }]);
    expect(models[0]).toMatchObject({ status: null, legacyTime: null, endOfLifeTime: null });
  });

  it('derives the ARN, name and provider when they are missing, in the region’s partition', () => {
    const { models } = normalizeListing('cn-north-1', [
      { modelId: 'a.b-v1:0', modelLifecycle: { status: 'ACTIVE' } },
    ]);
    expect(models[0]).toMatchObject({
      modelArn: 'arn:aws-cn:bedrock:cn-north-1::foundation-model/a.b-v1:0',
      modelName: 'a.b-v1:0',
      provider: 'unknown',
    });
  });

  it.each([
    [
      'a record without modelId',
      [{ modelName: 'x' }],
      [],
      'us-east-1: model summary #0 has no modelId; skipped',
    ],
    [
      'a record that is not an object',
      ['nonsense'],
      [],
      'us-east-1: model summary #0 has no modelId; skipped',
    ],
    [
      'a duplicated model id (the first record wins)',
      [
        { modelId: 'a.b-v1:0', modelName: 'first' },
        { modelId: 'a.b-v1:0', modelName: 'second' },
      ],
      ['first'],
      'us-east-1: a.b-v1:0 is listed more than once; the first record is used',
    ],
    [
      'an unreadable lifecycle time (the lifecycle is ignored)',
      [{ modelId: 'a.b-v1:0', modelLifecycle: { status: 'LEGACY', endOfLifeTime: 'soon' } }],
      ['a.b-v1:0'],
      'us-east-1: a.b-v1:0 has an unreadable lifecycle time; its lifecycle is ignored',
    ],
  ])('rejects %s with a warning instead of failing', (_name, summaries, kept, warning) => {
    const { models, warnings } = normalizeListing('us-east-1', summaries);
    expect(warnings).toEqual([warning]);
    expect(models.map((m) => m.modelName)).toEqual(kept);
  });

  it('treats a model with an unreadable lifecycle time as having no lifecycle', () => {
    const { models } = normalizeListing('us-east-1', [
      { modelId: 'a.b-v1:0', modelLifecycle: { status: 'LEGACY', endOfLifeTime: 'soon' } },
    ]);
    expect(models[0]).toMatchObject({ status: null, endOfLifeTime: null });
  });
});
