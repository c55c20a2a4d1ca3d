import type { HealthNotice } from './health-notice';
import type { RegionState, TrackedModel } from './model';
import { baseModelId } from './model-reference';
import { isPlainId } from './text';

/** A model a notice concerns, in one watched region, as the monitor last stored it. */
export interface NoticeMatch {
  readonly region: string;
  readonly model: TrackedModel;
}

/** The models a notice concerns: the region, the ids it names, and whether the catalog knows them. */
export interface NoticeModels {
  /** Models found in the catalog of a region the notice applies to. */
  readonly matches: readonly NoticeMatch[];
  /** Ids the notice names that no watched region's catalog has there (an unwatched region, a retired model). */
  readonly unknownIds: readonly string[];
}

/** Names shorter than this are too common in prose to be read as a model's ("Titan", "Nova"). */
const MIN_NAME_LENGTH = 8;
/** Characters that continue a model id: an id found inside a longer one is not that id. */
const ID_CHARACTER = /[A-Za-z0-9_:-]/;

/** Whether `needle` occurs in `haystack` at `at` as a whole id: no id character on either side. */
function wholeIdAt(haystack: string, at: number, length: number): boolean {
  const before = haystack[at - 1];
  const after = haystack[at + length];
  const next = haystack[at + length + 1];
  const continues =
    after !== undefined &&
    (ID_CHARACTER.test(after) || (after === '.' && next !== undefined && /[A-Za-z0-9]/.test(next)));
  return (before === undefined || !ID_CHARACTER.test(before)) && !continues;
}

/** Every occurrence of a model id in the text, as a whole id (a profile prefix before it is fine). */
function idsInText(text: string, ids: readonly string[]): Set<string> {
  const found = new Set<string>();
  for (const id of ids) {
    for (let at = text.indexOf(id); at !== -1; at = text.indexOf(id, at + 1)) {
      if (wholeIdAt(text, at, id.length)) {
        found.add(id);
        break;
      }
    }
  }
  return found;
}

/**
 * The catalog names in the text, case-insensitively and as whole words; where names overlap ("Claude
 * 3.5 Sonnet" inside "Claude 3.5 Sonnet v2"), only the longest counts.
 */
function namesInText(text: string, names: readonly string[]): Set<string> {
  const lower = text.toLowerCase();
  const spans: { name: string; start: number; end: number }[] = [];
  for (const name of names) {
    const needle = name.toLowerCase();
    for (let at = lower.indexOf(needle); at !== -1; at = lower.indexOf(needle, at + 1)) {
      const before = lower[at - 1];
      const after = lower[at + needle.length];
      const word = /[\p{L}\p{N}]/u;
      if ((before === undefined || !word.test(before)) && (after === undefined || !word.test(after))) {
        spans.push({ name, start: at, end: at + needle.length });
      }
    }
  }
  const kept = spans.filter(
    (span) =>
      !spans.some(
        (other) =>
          other !== span &&
          other.end - other.start > span.end - span.start &&
          other.start <= span.start &&
          other.end >= span.end,
      ),
  );
  return new Set(kept.map((span) => span.name));
}

/**
 * Finds the models an AWS Health notice concerns: the affected entities (model ids, profile ids,
 * ARNs) and the catalog's ids in its text, or, when it names no id, the catalog's names in it. A notice of one region is matched in that
 * region; one without a region (global), in every watched region.
 */
export function noticeModels(notice: HealthNotice, states: ReadonlyMap<string, RegionState>): NoticeModels {
  const regional = notice.eventRegion !== null && notice.eventRegion !== 'global';
  const regions = regional ? [notice.eventRegion ?? ''] : [...states.keys()];
  const everyModel = [...states.values()].flatMap((state) => state.models);
  const ids = [...new Set(everyModel.map((m) => m.modelId))];
  const names = [
    ...new Set(everyModel.map((m) => m.modelName).filter((name) => name.length >= MIN_NAME_LENGTH)),
  ];
  const named = new Set<string>();
  for (const entity of notice.entities) {
    const id = baseModelId(entity);
    if (isPlainId(id) && id.includes('.')) named.add(id);
  }
  for (const id of idsInText(notice.description, ids)) named.add(id);
  // Names only when no id names the model: a name is shared by a model's context variants.
  if (named.size === 0) {
    const byName = namesInText(notice.description, names);
    for (const model of everyModel) if (byName.has(model.modelName)) named.add(model.modelId);
  }

  const matches: NoticeMatch[] = [];
  const unknownIds: string[] = [];
  for (const id of [...named].sort()) {
    const found = regions.flatMap((region) => {
      const model = states.get(region)?.models.find((m) => m.modelId === id);
      return model ? [{ region, model }] : [];
    });
    if (found.length === 0) unknownIds.push(id);
    matches.push(...found);
  }
  return { matches, unknownIds };
}
