import type { LifecycleEvent } from './events';
import type { CatalogModel } from './model';
import { modelFamily, modelTier } from './model-family';
import { variantBase } from './model-reference';
import { phaseAt } from './phase';
import type { InferenceProfile } from './usage';

/** At most this many candidates per model: enough to choose from, short enough to read. */
export const MAX_REPLACEMENT_CANDIDATES = 5;

/**
 * What a model may be replaced with: the candidates, newest first, and how far they were looked
 * for: in the model's own family (and tier), or, when that has no Active successor, among the same
 * provider's models that do the same job. The scope is null when there is no candidate.
 */
export interface Replacements {
  readonly candidates: string[];
  readonly scope: 'family' | 'provider' | null;
}

export const NO_REPLACEMENTS: Replacements = { candidates: [], scope: null };

// Plain code-unit comparison: ISO times and model ids are ASCII, and localeCompare is far slower.
const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const newestFirst = (a: CatalogModel, b: CatalogModel): number =>
  compare(b.startOfLifeTime ?? '', a.startOfLifeTime ?? '') || compare(a.modelId, b.modelId);

const known = (values: readonly string[] | undefined): values is readonly string[] =>
  values !== undefined && values.length > 0;

/**
 * A model that can be called as written: on demand or through an inference profile. Provisioned-only
 * models, context-length variants among them, cannot.
 */
const callable = (model: CatalogModel): boolean =>
  variantBase(model.modelId) === model.modelId &&
  (!known(model.inferenceTypes) ||
    model.inferenceTypes.some((type) => type === 'ON_DEMAND' || type === 'INFERENCE_PROFILE'));

/** A model that will stay: Active, with no retirement announced. */
const lasting = (model: CatalogModel, t: Date): boolean =>
  phaseAt(model, t) === 'ACTIVE' && model.legacyTime === null && model.endOfLifeTime === null;

/**
 * Whether a candidate does the retiring model's job: the same output modality (embeddings for
 * embeddings, images for images), inputs that cover the retiring model's (a vision model is not
 * replaced by a text-only one), and the same tier where its family has tiers.
 */
function sameJob(candidate: CatalogModel, retiring: CatalogModel): boolean {
  const outputs = retiring.outputModalities;
  const inputs = retiring.inputModalities;
  const sameOutputs =
    !known(outputs) ||
    !known(candidate.outputModalities) ||
    (outputs.length === candidate.outputModalities.length &&
      outputs.every((m) => candidate.outputModalities?.includes(m)));
  const coversInputs =
    !known(inputs) ||
    !known(candidate.inputModalities) ||
    inputs.every((m) => candidate.inputModalities?.includes(m));
  const tier = modelTier(retiring.modelId);
  const candidateTier = modelTier(candidate.modelId);
  return sameOutputs && coversInputs && (tier === null || candidateTier === null || tier === candidateTier);
}

/**
 * Finds, for a model, what to test as its replacement among the models listed in the same region
 * at t that can be called as written and will stay: the same provider and family first, newest
 * launch first; when the family has none, the same provider's models that do the same job. The
 * index is built on the first question, so a run without lifecycle events never pays for it.
 */
export function replacementFinder(
  listing: readonly CatalogModel[],
  t: Date,
): (model: CatalogModel) => Replacements {
  let index:
    | {
        byFamily: Map<string, CatalogModel[]>;
        byProvider: Map<string, CatalogModel[]>;
        byId: Map<string, CatalogModel>;
      }
    | undefined;
  const build = () => {
    const byFamily = new Map<string, CatalogModel[]>();
    const byProvider = new Map<string, CatalogModel[]>();
    const add = (map: Map<string, CatalogModel[]>, key: string, model: CatalogModel) => {
      const models = map.get(key);
      if (models) models.push(model);
      else map.set(key, [model]);
    };
    for (const model of listing) {
      if (!callable(model) || !lasting(model, t)) continue;
      add(byFamily, modelFamily(model.modelId, model.modelName).key, model);
      add(byProvider, model.provider, model);
    }
    for (const models of [...byFamily.values(), ...byProvider.values()]) models.sort(newestFirst);
    return { byFamily, byProvider, byId: new Map(listing.map((model) => [model.modelId, model])) };
  };
  return (model) => {
    index ??= build();
    // The listed record knows the model's modalities; a model gone from the listing is matched by
    // family alone.
    const retiring = index.byId.get(model.modelId) ?? model;
    // The newest few that qualify; the scan stops there, so a provider with thousands of models
    // costs a first run of thousands of events no more than a small one.
    const pick = (models: readonly CatalogModel[] | undefined) => {
      const picked: string[] = [];
      for (const candidate of models ?? []) {
        if (picked.length === MAX_REPLACEMENT_CANDIDATES) break;
        if (candidate.modelId !== model.modelId && sameJob(candidate, retiring))
          picked.push(candidate.modelId);
      }
      return picked;
    };
    const family = pick(index.byFamily.get(modelFamily(model.modelId, model.modelName).key));
    if (family.length > 0) return { candidates: family, scope: 'family' };
    const modalitiesKnown = known(retiring.outputModalities);
    const provider = modalitiesKnown ? pick(index.byProvider.get(model.provider)) : [];
    return provider.length > 0 ? { candidates: provider, scope: 'provider' } : NO_REPLACEMENTS;
  };
}

/** A model callable only through an inference profile (no on-demand calls). */
const profileOnly = (model: CatalogModel): boolean =>
  known(model.inferenceTypes) &&
  model.inferenceTypes.includes('INFERENCE_PROFILE') &&
  !model.inferenceTypes.includes('ON_DEMAND');

/**
 * The system-defined inference profile that calls a model from a region: one that keeps the calls
 * within the region's geography (`us.`, `eu.`, `apac.`, …) before `global.`; null when none routes
 * there.
 */
export function profileFor(
  region: string,
  modelId: string,
  profiles: readonly InferenceProfile[],
): string | null {
  const routes = profiles
    .filter(
      (p) =>
        p.type === 'SYSTEM_DEFINED' && p.targets.some((t) => t.region === region && t.modelId === modelId),
    )
    .sort(
      (a, b) =>
        Number(a.id.startsWith('global.')) - Number(b.id.startsWith('global.')) || compare(a.id, b.id),
    );
  return routes[0]?.id ?? null;
}

/**
 * Replacement candidates as they can be called: a model offered only through inference profiles is
 * named by the system-defined profile for the event's region, taken from ListInferenceProfiles, and
 * left out when no such profile is known there. A region's listing is looked through only when one
 * of its events has candidates.
 */
export function callableCandidates(
  events: readonly LifecycleEvent[],
  listingIn: (region: string) => readonly CatalogModel[],
  profilesIn: (region: string) => readonly InferenceProfile[],
): LifecycleEvent[] {
  const profileOnlyIds = new Map<string, ReadonlySet<string>>();
  const profileOnlyIn = (region: string): ReadonlySet<string> => {
    let ids = profileOnlyIds.get(region);
    if (ids === undefined) {
      ids = new Set(
        listingIn(region)
          .filter(profileOnly)
          .map((m) => m.modelId),
      );
      profileOnlyIds.set(region, ids);
    }
    return ids;
  };
  return events.map((event) => {
    if (event.replacementCandidates.length === 0) return event;
    const only = profileOnlyIn(event.region);
    if (!event.replacementCandidates.some((id) => only.has(id))) return event;
    const profiles = profilesIn(event.region);
    const candidates = event.replacementCandidates.flatMap((id) =>
      only.has(id) ? (profileFor(event.region, id, profiles) ?? []) : [id],
    );
    return {
      ...event,
      replacementCandidates: candidates,
      replacementScope: candidates.length > 0 ? event.replacementScope : null,
    };
  });
}
