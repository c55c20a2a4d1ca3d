import type { CatalogModel, Phase } from './model';

const at = (iso: string | null): number => (iso === null ? Number.POSITIVE_INFINITY : Date.parse(iso));

/**
 * The phase of a model at time t. End of life follows the date alone, so a model that lingers in
 * the listing (or has vanished) after its endOfLifeTime is EOL either way.
 */
export function phaseAt(model: CatalogModel, t: Date): Phase {
  const now = t.getTime();
  if (now >= at(model.endOfLifeTime)) return 'EOL';
  if (model.status === 'ACTIVE') return 'ACTIVE';
  if (model.status === 'LEGACY') {
    return now >= at(model.publicExtendedAccessTime) ? 'EXTENDED_ACCESS' : 'LEGACY';
  }
  return 'UNKNOWN';
}

const ORDER: Readonly<Record<Exclude<Phase, 'UNKNOWN'>, number>> = {
  ACTIVE: 0,
  LEGACY: 1,
  EXTENDED_ACCESS: 2,
  EOL: 3,
};

/** Position of a known phase on the one-way road Active → Legacy → extended access → EOL. */
export const phaseRank = (phase: Exclude<Phase, 'UNKNOWN'>): number => ORDER[phase];
