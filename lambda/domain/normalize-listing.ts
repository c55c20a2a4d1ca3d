import type { CatalogModel } from './model';
import { singleLine } from './text';
import { isRecord } from './values';

export interface NormalizedListing {
  readonly models: CatalogModel[];
  readonly warnings: string[];
}

const text = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value : null;

/** A name or provider on one line (see singleLine); null when nothing printable is left. */
const label = (value: unknown): string | null => {
  const given = text(value);
  return given === null ? null : text(singleLine(given));
};

/** The strings of a listed array (modalities, inference types); anything else reads as none. */
const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];

/**
 * Lifecycle times seen, as wire text → ISO string. Every region repeats the same few dates, so a
 * run parses each once. Bounded: cleared if an odd listing ever fills it.
 */
const seenTimes = new Map<string, string | undefined>();

/** ISO string of a lifecycle time; undefined when the value is present but not a valid time. */
function isoTime(value: unknown): string | null | undefined {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString();
  if (typeof value !== 'string') return undefined;
  if (!seenTimes.has(value)) {
    if (seenTimes.size >= 10_000) seenTimes.clear();
    const time = Date.parse(value);
    seenTimes.set(value, Number.isNaN(time) ? undefined : new Date(time).toISOString());
  }
  return seenTimes.get(value);
}

const partitionOf = (region: string): string =>
  region.startsWith('cn-') ? 'aws-cn' : region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws';

/** The lifecycle times of a model summary's `modelLifecycle`. */
export const LIFECYCLE_TIMES = [
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
      modelName: label(summary.modelName) ?? modelId,
      provider: label(summary.providerName) ?? 'unknown',
      status: readable ? (text(lifecycle?.status) ?? '') : null,
      startOfLifeTime: startOfLifeTime ?? null,
      legacyTime: legacyTime ?? null,
      publicExtendedAccessTime: publicExtendedAccessTime ?? null,
      endOfLifeTime: endOfLifeTime ?? null,
      inputModalities: strings(summary.inputModalities),
      outputModalities: strings(summary.outputModalities),
      inferenceTypes: strings(summary.inferenceTypesSupported),
    });
  });
  return { models, warnings };
}
