import type { CatalogModel, LifecycleDates, ModelDetails } from './model';
import { catalogFields } from './tracked-model';

/**
 * A Legacy model listed without an end of life: its end of life may be in GetFoundationModel only,
 * and without it the model vanishing on that date would read as removed rather than retired.
 */
export const needsDetails = (model: CatalogModel): boolean =>
  model.status === 'LEGACY' && model.endOfLifeTime === null;

/** What identifies a listed record: details read for it hold until it changes. */
export const listingKey = (model: CatalogModel): string => JSON.stringify(catalogFields(model));

/** The details kept for this very record, if any. */
export const cachedDetails = (
  model: CatalogModel,
  kept: ModelDetails | undefined,
): ModelDetails | undefined => (kept !== undefined && kept.listing === listingKey(model) ? kept : undefined);

/** The listed record with the dates it lacks taken from its details. */
export const withDates = (model: CatalogModel, dates: LifecycleDates): CatalogModel => ({
  ...model,
  legacyTime: model.legacyTime ?? dates.legacyTime,
  publicExtendedAccessTime: model.publicExtendedAccessTime ?? dates.publicExtendedAccessTime,
  endOfLifeTime: model.endOfLifeTime ?? dates.endOfLifeTime,
});
