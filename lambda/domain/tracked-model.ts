import type { CatalogModel, LifecycleDates, Phase, TrackedModel } from './model';
import { DATE_FIELDS } from './model';
import { phaseAt } from './phase';

/** The fields a catalog listing gives a model. */
export const CATALOG_FIELDS = [
  'modelId',
  'modelArn',
  'modelName',
  'provider',
  'status',
  'startOfLifeTime',
  'legacyTime',
  'publicExtendedAccessTime',
  'endOfLifeTime',
] as const satisfies readonly (keyof CatalogModel)[];

/** The catalog fields of a model, without any tracking state. */
export const catalogFields = (m: CatalogModel): CatalogModel => ({
  modelId: m.modelId,
  modelArn: m.modelArn,
  modelName: m.modelName,
  provider: m.provider,
  status: m.status,
  startOfLifeTime: m.startOfLifeTime,
  legacyTime: m.legacyTime,
  publicExtendedAccessTime: m.publicExtendedAccessTime,
  endOfLifeTime: m.endOfLifeTime,
});

export const datesOf = (m: LifecycleDates): LifecycleDates => ({
  legacyTime: m.legacyTime,
  publicExtendedAccessTime: m.publicExtendedAccessTime,
  endOfLifeTime: m.endOfLifeTime,
});

export const hasDates = (m: LifecycleDates): boolean => DATE_FIELDS.some((field) => m[field] !== null);

/** The dates `after` has that `before` did not announce at all. */
export const addedDates = (before: LifecycleDates, after: LifecycleDates): (keyof LifecycleDates)[] =>
  DATE_FIELDS.filter((field) => before[field] === null && after[field] !== null);

/** Whether a date known before is earlier after. */
export const movedEarlier = (before: LifecycleDates, after: LifecycleDates): boolean =>
  DATE_FIELDS.some((field) => {
    const was = before[field];
    const now = after[field];
    return was !== null && now !== null && Date.parse(now) < Date.parse(was);
  });

export const knownPhaseOf = (phase: Phase): Exclude<Phase, 'UNKNOWN'> | null =>
  phase === 'UNKNOWN' ? null : phase;

/** A model seen for the first time (or again after its removal) at t. */
export function firstSighting(model: CatalogModel, t: Date): TrackedModel {
  const phase = phaseAt(model, t);
  return {
    ...catalogFields(model),
    phase,
    knownPhase: knownPhaseOf(phase),
    listed: true,
    missingRuns: 0,
    missingSince: null,
    removedAt: null,
    notified: {},
  };
}
