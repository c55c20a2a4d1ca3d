import type { CatalogModel } from './model';
import { modelFamily } from './model-family';
import { phaseAt } from './phase';

/** At most this many candidates per model: enough to choose from, short enough to read. */
export const MAX_REPLACEMENT_CANDIDATES = 5;

// Plain code-unit comparison: ISO times and model ids are ASCII, and localeCompare is far slower.
const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const newestFirst = (a: CatalogModel, b: CatalogModel): number =>
  compare(b.startOfLifeTime ?? '', a.startOfLifeTime ?? '') || compare(a.modelId, b.modelId);

/**
 * Finds, for a model, the ACTIVE models of the same provider and family listed in the same region
 * at t, newest launch first: what to test as its replacement. The index is built on the first
 * question, so a run without lifecycle events never pays for it.
 */
export function replacementFinder(
  listing: readonly CatalogModel[],
  t: Date,
): (model: CatalogModel) => string[] {
  let byFamily: Map<string, CatalogModel[]> | undefined;
  const index = () => {
    const families = new Map<string, CatalogModel[]>();
    for (const model of listing) {
      if (phaseAt(model, t) !== 'ACTIVE') continue;
      const key = modelFamily(model.modelId, model.modelName).key;
      const family = families.get(key);
      if (family) family.push(model);
      else families.set(key, [model]);
    }
    for (const models of families.values()) models.sort(newestFirst);
    return families;
  };
  return (model) => {
    byFamily ??= index();
    return (byFamily.get(modelFamily(model.modelId, model.modelName).key) ?? [])
      .filter((candidate) => candidate.modelId !== model.modelId)
      .slice(0, MAX_REPLACEMENT_CANDIDATES)
      .map((candidate) => candidate.modelId);
  };
}
