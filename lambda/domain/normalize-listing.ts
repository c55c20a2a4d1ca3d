import type { CatalogModel } from './model';

export interface NormalizedListing {
  readonly models: CatalogModel[];
  readonly warnings: string[];
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const text = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value : null;

/** ISO string of a lifecycle time; undefined when the value is present but not a valid time. */
function isoTime(value: unknown): string | null | undefined {
  if (value === undefined || value === null) return null;
  const time =
    value instanceof Date ? value.getTime() : typeof value === 'string' ? Date.parse(value) : Number.NaN;
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

const partitionOf = (region: string): string =>
  region.startsWith('cn-') ? 'aws-cn' : region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws';

const LIFECYCLE_TIMES = [
  'startOfLifeTime',
  'legacyTime',
  'publicExtendedAccessTime',
  'endOfLifeTime',
] as const;

/**
 * Turns a ListFoundationModels `modelSummaries` array into catalog models without trusting its
 * shape: a record without a model id is skipped, a repeated id keeps its first record, and a record
 * whose lifecycle is missing or unreadable keeps no lifecycle (its phase becomes UNKNOWN). Each of
 * these is reported as a warning instead of failing the run.
 */
export function normalizeListing(region: string, summaries: readonly unknown[]): NormalizedListing {
  const models: CatalogModel[] = [];
  const warnings: string[] = [];
  const seen = new Set<string>();
  summaries.forEach((summary, index) => {
    const modelId = isRecord(summary) ? text(summary.modelId) : null;
    if (!isRecord(summary) || modelId === null) {
      warnings.push(`${region}: model summary #${index} has no modelId; skipped`);
      return;
    }
    if (seen.has(modelId)) {
      warnings.push(`${region}: ${modelId} is listed more than once; the first record is used`);
      return;
    }
    seen.add(modelId);
    const lifecycle = isRecord(summary.modelLifecycle) ? summary.modelLifecycle : null;
    const times = LIFECYCLE_TIMES.map((field) => isoTime(lifecycle?.[field]));
    const readable = lifecycle !== null && times.every((time) => time !== undefined);
    if (lifecycle !== null && !readable) {
      warnings.push(`${region}: ${modelId} has an unreadable lifecycle time; its lifecycle is ignored`);
    }
    const [startOfLifeTime, legacyTime, publicExtendedAccessTime, endOfLifeTime] = readable ? times : [];
    models.push({
      modelId,
      modelArn:
        text(summary.modelArn) ?? `arn:${partitionOf(region)}:bedrock:${region}::foundation-model/${modelId}`,
      modelName: text(summary.modelName) ?? modelId,
      provider: text(summary.providerName) ?? 'unknown',
      status: readable ? (text(lifecycle?.status) ?? '') : null,
      startOfLifeTime: startOfLifeTime ?? null,
      legacyTime: legacyTime ?? null,
      publicExtendedAccessTime: publicExtendedAccessTime ?? null,
      endOfLifeTime: endOfLifeTime ?? null,
    });
  });
  return { models, warnings };
}
