import type { CatalogModel } from './model';
import { modelFamily } from './model-family';
import { phaseAt } from './phase';

/** At most this many candidates per model: enough to choose from, short enough to read. */
export const MAX_REPLACEMENT_CANDIDATES = 5;

const newestFirst = (a: CatalogModel, b: CatalogModel): number =>
  (b.startOfLifeTime ?? '').localeCompare(a.startOfLifeTime ?? '') || a.modelId.localeCompare(b.modelId);

/**
 * Finds, for a model, the ACTIVE models of the same provider and family listed in the same region
 * at t, newest launch first: what to test as its replacement.
 */
export function replacementFinder(
  listing: readonly CatalogModel[],
  t: Date,
): (model: CatalogModel) => string[] {
  const byFamily = new Map<string, CatalogModel[]>();
  for (const model of listing) {
    if (phaseAt(model, t) !== 'ACTIVE') continue;
    const key = modelFamily(model.modelId, model.modelName).key;
    byFamily.set(key, [...(byFamily.get(key) ?? []), model]);
  }
  for (const models of byFamily.values()) models.sort(newestFirst);
  return (model) =>
    (byFamily.get(modelFamily(model.modelId, model.modelName).key) ?? [])
      .filter((candidate) => candidate.modelId !== model.modelId)
      .slice(0, MAX_REPLACEMENT_CANDIDATES)
      .map((candidate) => candidate.modelId);
}
