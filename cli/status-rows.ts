import { daysUntil } from '../lambda/domain/deadlines';
import type { CatalogModel, Phase } from '../lambda/domain/model';
import { phaseAt } from '../lambda/domain/phase';

/** One model in one region, as `status --json` prints it. */
export interface StatusRow {
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

/** Rows that say the same in several regions, merged into one naming them all. */
export function mergeRegions(rows: readonly StatusRow[]): (StatusRow & { regions: string[] })[] {
  const merged = new Map<string, StatusRow & { regions: string[] }>();
  for (const row of rows) {
    const key = JSON.stringify([
      row.modelId,
      row.phase,
      row.legacyTime,
      row.publicExtendedAccessTime,
      row.endOfLifeTime,
    ]);
    const seen = merged.get(key);
    if (seen) seen.regions.push(row.region);
    else merged.set(key, { ...row, regions: [row.region] });
  }
  return [...merged.values()];
}
