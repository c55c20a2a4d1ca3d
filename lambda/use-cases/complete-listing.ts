import type { CatalogModel, ModelDetails, RegionState } from '../domain/model';
import { cachedDetails, listingKey, needsDetails, withDates } from '../domain/model-details';
import { datesOf } from '../domain/tracked-model';
import type { Log, ModelCatalog } from '../ports';
import { describeError } from './describe-error';
import { mapConcurrent } from './map-concurrent';

/** GetFoundationModel calls at once per region: few models need one, and Bedrock throttles bursts. */
const DETAILS_CONCURRENCY = 4;

export interface CompletedListing {
  readonly models: readonly CatalogModel[];
  /** The details the region's state keeps, by model id. */
  readonly details: ReadonlyMap<string, ModelDetails>;
}

/**
 * Completes a region's listing with the dates only GetFoundationModel gives: one call for each
 * Legacy model listed without an end of life, unless the state already holds the answer for the
 * same listed record. A quiet run therefore makes no call beyond the listing. A failed call leaves
 * the model as listed, and is tried again on the next run.
 */
export async function completeListing(
  region: string,
  listed: readonly CatalogModel[],
  previous: RegionState | undefined,
  { catalog, log }: { catalog: ModelCatalog; log: Log },
): Promise<CompletedListing> {
  const wanted = listed.filter(needsDetails);
  if (wanted.length === 0) return { models: listed, details: new Map() };
  const kept = new Map(previous?.models.map((m) => [m.modelId, m.details]));
  const found = await mapConcurrent(wanted, DETAILS_CONCURRENCY, async (model) => {
    const cached = cachedDetails(model, kept.get(model.modelId));
    if (cached) return [model.modelId, cached] as const;
    try {
      const record = await catalog.details(region, model.modelId);
      return [model.modelId, { listing: listingKey(model), dates: datesOf(record ?? model) }] as const;
    } catch (error) {
      log.warn('GetFoundationModel failed; the listed record is used as it is', {
        region,
        modelId: model.modelId,
        error: describeError(error),
      });
      return null;
    }
  });
  const details = new Map(found.filter((entry) => entry !== null));
  return {
    models: listed.map((model) => {
      const completed = details.get(model.modelId);
      return completed ? withDates(model, completed.dates) : model;
    }),
    details,
  };
}
