import { daysUntil } from '../lambda/domain/deadlines';
import type { CatalogModel, Phase } from '../lambda/domain/model';
import { baseModelFirst, variantBase } from '../lambda/domain/model-reference';
import { phaseAt } from '../lambda/domain/phase';
import { moneyAtStake } from '../lambda/messages/cost-text';
import type { ModelUsage } from './usage-costs';

/** One model in one region, as `status --json` prints it; with --with-usage, its use and cost. */
export interface StatusRow extends Partial<ModelUsage> {
  readonly region: string;
  readonly modelId: string;
  readonly modelName: string;
  readonly provider: string;
  readonly phase: Phase;
  readonly legacyTime: string | null;
  readonly publicExtendedAccessTime: string | null;
  readonly endOfLifeTime: string | null;
  /** Whole days until the date, rounded up as alerts count them; 0 or less once it passed. */
  readonly daysToExtendedAccess: number | null;
  readonly daysToEndOfLife: number | null;
}

const days = (iso: string | null, now: Date) => (iso === null ? null : daysUntil(iso, now));

export function statusRows(
  catalogs: readonly { region: string; models: readonly CatalogModel[] }[],
  now: Date,
): StatusRow[] {
  return catalogs.flatMap(({ region, models }) =>
    models.map((m) => ({
      region,
      modelId: m.modelId,
      modelName: m.modelName,
      provider: m.provider,
      phase: phaseAt(m, now),
      legacyTime: m.legacyTime,
      publicExtendedAccessTime: m.publicExtendedAccessTime,
      endOfLifeTime: m.endOfLifeTime,
      daysToExtendedAccess: days(m.publicExtendedAccessTime, now),
      daysToEndOfLife: days(m.endOfLifeTime, now),
    })),
  );
}

/** Days to the next deadline still ahead (extended access or end of life), or null. */
export function nextDeadlineDays(row: StatusRow): number | null {
  const ahead = [row.daysToExtendedAccess, row.daysToEndOfLife].filter(
    (d): d is number => d !== null && d > 0,
  );
  return ahead.length === 0 ? null : Math.min(...ahead);
}

const PHASE_URGENCY: readonly Phase[] = ['EOL', 'UNKNOWN', 'EXTENDED_ACCESS', 'LEGACY', 'ACTIVE'];

/** Most urgent first: retired models, then the nearest deadline, then by phase and name. */
export function byUrgency(a: StatusRow, b: StatusRow): number {
  const retired = Number(b.phase === 'EOL') - Number(a.phase === 'EOL');
  const next =
    (nextDeadlineDays(a) ?? Number.POSITIVE_INFINITY) - (nextDeadlineDays(b) ?? Number.POSITIVE_INFINITY);
  return (
    retired ||
    (Number.isNaN(next) ? 0 : next) ||
    PHASE_URGENCY.indexOf(a.phase) - PHASE_URGENCY.indexOf(b.phase) ||
    a.modelName.localeCompare(b.modelName) ||
    a.modelId.localeCompare(b.modelId) ||
    a.region.localeCompare(b.region)
  );
}

/** The use and cost fields of a row (none without --with-usage). */
const USAGE_FIELDS = [
  'invocations',
  'tokens',
  'usageLookbackDays',
  'pricesPerMillionTokens',
  'priceSource',
  'monthlyCostUsd',
  'extendedAccessExtraMonthlyUsd',
] as const satisfies readonly (keyof ModelUsage)[];

const usageFields = (row: StatusRow): Partial<ModelUsage> =>
  Object.fromEntries(USAGE_FIELDS.map((field) => [field, row[field]]));

/** A table row: the model-region pairs that say the same, and the model ids and regions they cover. */
export type MergedRow = StatusRow & { readonly regions: string[]; readonly modelIds: string[] };

/**
 * Rows that say the same in several regions, or for a base model and its context-length variants,
 * merged into one naming them all (the base model's id first).
 */
export function mergeRegions(rows: readonly StatusRow[]): MergedRow[] {
  const merged = new Map<string, MergedRow>();
  for (const row of rows) {
    const key = JSON.stringify([
      variantBase(row.modelId),
      row.phase,
      row.legacyTime,
      row.publicExtendedAccessTime,
      row.endOfLifeTime,
    ]);
    const seen = merged.get(key);
    if (seen === undefined) {
      merged.set(key, { ...row, regions: [row.region], modelIds: [row.modelId] });
      continue;
    }
    // The region with the most money at stake speaks for the row, as in alerts.
    if ((moneyAtStake(row) ?? -1) > (moneyAtStake(seen) ?? -1)) Object.assign(seen, usageFields(row));
    if (!seen.regions.includes(row.region)) seen.regions.push(row.region);
    if (!seen.modelIds.includes(row.modelId)) seen.modelIds.push(row.modelId);
  }
  return [...merged.values()].map((row) => {
    const modelIds = [...row.modelIds].sort(baseModelFirst);
    return { ...row, modelId: modelIds[0] ?? row.modelId, modelIds };
  });
}
