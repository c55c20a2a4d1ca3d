import type { CatalogModel, TrackedModel } from '../../lambda/domain/model';

/** A catalog model with sensible defaults; dates are ISO strings. */
export function catalogModel(overrides: Partial<CatalogModel> & { modelId?: string } = {}): CatalogModel {
  const modelId = overrides.modelId ?? 'anthropic.claude-3-7-sonnet-20250219-v1:0';
  return {
    modelId,
    modelArn: `arn:aws:bedrock:us-east-1::foundation-model/${modelId}`,
    modelName: 'Claude 3.7 Sonnet',
    provider: 'Anthropic',
    status: 'ACTIVE',
    startOfLifeTime: '2025-02-24T00:00:00.000Z',
    legacyTime: null,
    publicExtendedAccessTime: null,
    endOfLifeTime: null,
    ...overrides,
  };
}

/** Claude 3.7 Sonnet's real schedule: Legacy 2025-10-28, extended access 2026-01-27, EOL 2026-04-28. */
export const SONNET_37_DATES = {
  legacyTime: '2025-10-28T08:00:00.000Z',
  publicExtendedAccessTime: '2026-01-27T08:00:00.000Z',
  endOfLifeTime: '2026-04-28T08:00:00.000Z',
} as const;

export const legacySonnet = (overrides: Partial<CatalogModel> = {}): CatalogModel =>
  catalogModel({ status: 'LEGACY', ...SONNET_37_DATES, ...overrides });

/** A catalog model as the monitor tracks it: listed, present on its last run, nothing sent yet. */
export const trackedModel = (model: CatalogModel, overrides: Partial<TrackedModel> = {}): TrackedModel => ({
  ...model,
  phase: 'LEGACY',
  knownPhase: 'LEGACY',
  listed: true,
  missingRuns: 0,
  missingSince: null,
  removedAt: null,
  notified: {},
  ...overrides,
});
