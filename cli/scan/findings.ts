import { DEADLINE_DATES, daysUntil } from '../../lambda/domain/deadlines';
import type { Deadline } from '../../lambda/domain/events';
import type { CatalogModel, LifecycleDates, Phase } from '../../lambda/domain/model';
import { inGeography } from '../../lambda/domain/model-reference';
import { phaseAt, phaseRank } from '../../lambda/domain/phase';
import { replacementFinder } from '../../lambda/domain/replacements';
import type { InferenceProfile } from '../../lambda/domain/usage';
import { unique } from '../../lambda/domain/values';
import { day, plural } from '../../lambda/messages/wording';
import type { ModelMention } from './model-mentions';

/**
 * What a reference in code is up against, most urgent first. `--fail-on` takes the first four; an
 * announced date is worth a note, not a failed build.
 */
export const FINDING_CLASSES = ['eol', 'extended-access', 'legacy', 'unknown', 'announced'] as const;
export type FindingClass = (typeof FINDING_CLASSES)[number];
export const GATE_CLASSES = ['eol', 'extended-access', 'legacy', 'unknown'] as const;
export type GateClass = (typeof GATE_CLASSES)[number];
export const isGateClass = (value: string): value is GateClass =>
  (GATE_CLASSES as readonly string[]).includes(value);
export type Level = 'error' | 'warning' | 'note';

/** A referenced model in one region the reference reaches; `phase` null where it is not listed. */
export interface RegionLifecycle extends LifecycleDates {
  readonly region: string;
  readonly phase: Phase | null;
}

/** The deadline ahead (or, for a retired model, the end of life behind it), and the days to it. */
export interface NextDeadline {
  readonly deadline: Deadline;
  readonly date: string;
  readonly days: number;
  readonly regions: readonly string[];
}

/** A model reference in a file, resolved against the listings. */
export interface Finding extends Omit<ModelMention, 'geography' | 'arnRegion'> {
  /** The path relative to the scan root, with forward slashes. */
  readonly path: string;
  readonly modelName: string | null;
  /** Null for an Active model with no date announced: nothing to report. */
  readonly class: FindingClass | null;
  readonly level: Level | null;
  /** The most advanced phase among the regions that list it; null when none does. */
  readonly phase: Phase | null;
  readonly regions: readonly RegionLifecycle[];
  readonly nextDeadline: NextDeadline | null;
  readonly replacement: string | null;
  readonly message: string;
  /** The `--fail-on` classes this finding meets with `--within`. */
  readonly matches: readonly GateClass[];
}

export interface ResolveOptions {
  readonly now: Date;
  /** Days to an end of life that make it an error, and to a date that meets `--fail-on`. */
  readonly withinDays: number;
  /**
   * The application inference profiles of the regions whose ARNs the code names.
   * @default none: such ARNs cannot be checked
   */
  readonly applicationProfiles?: ApplicationProfiles;
}

const LEVEL: Readonly<Record<FindingClass, Level>> = {
  eol: 'error',
  'extended-access': 'warning',
  legacy: 'warning',
  unknown: 'warning',
  announced: 'note',
};

/** The gate classes a phase has reached: Legacy, extended access and end of life build on each other. */
const REACHED: Readonly<Record<Phase, readonly GateClass[]>> = {
  ACTIVE: [],
  LEGACY: ['legacy'],
  EXTENDED_ACCESS: ['legacy', 'extended-access'],
  EOL: ['legacy', 'extended-access', 'eol'],
  UNKNOWN: ['unknown'],
};

const DEADLINE_CLASS: Readonly<Record<Deadline, GateClass>> = {
  LEGACY: 'legacy',
  EXTENDED_ACCESS: 'extended-access',
  END_OF_LIFE: 'eol',
};

/** A deadline in a sentence. */
export const DEADLINE_WORDS: Readonly<Record<Deadline, string>> = {
  LEGACY: 'Legacy',
  EXTENDED_ACCESS: 'extended access',
  END_OF_LIFE: 'end of life',
};

/** Each region's application inference profiles, or why they could not be listed. */
export type ApplicationProfiles = ReadonlyMap<string, readonly InferenceProfile[] | Error>;

/** The model a mention calls and the scanned regions its calls reach, or why it reaches none. */
function reach(
  mention: ModelMention,
  scanned: readonly string[],
  applicationProfiles: ApplicationProfiles,
): { modelId: string; regions: string[] } | string {
  const { arnRegion, geography, profileId } = mention;
  if (arnRegion !== null && !scanned.includes(arnRegion))
    return `its ARN names ${arnRegion}, which was not scanned (add it to --regions)`;
  if (profileId !== null) {
    const listed = applicationProfiles.get(arnRegion ?? '');
    if (listed === undefined || listed instanceof Error)
      return `the application inference profiles of ${arnRegion} could not be listed (${listed?.message ?? 'not read'})`;
    const targets = listed.find((p) => p.id === profileId)?.targets ?? [];
    const [first] = targets;
    if (first === undefined)
      return `${arnRegion} lists no application inference profile ${profileId} to these credentials: deleted, or another account's`;
    const regions = unique(targets.map((t) => t.region)).filter((r) => scanned.includes(r));
    return regions.length > 0
      ? { modelId: first.modelId, regions }
      : `the profile calls ${first.modelId} in ${unique(targets.map((t) => t.region)).join(', ')}, none of which was scanned (add one to --regions)`;
  }
  const regions = scanned.filter(
    (region) =>
      (arnRegion === null || region === arnRegion) && (geography === null || inGeography(geography, region)),
  );
  if (mention.modelId !== null && regions.length > 0) return { modelId: mention.modelId, regions };
  return `${geography}. profiles are called from regions of their geography, and none was scanned (add one to --regions)`;
}

const listedIn = (regions: readonly RegionLifecycle[]) => regions.filter((r) => r.phase !== null);

/** The dates ahead in the regions that list the model, soonest first, regions with the same date merged. */
function datesAhead(regions: readonly RegionLifecycle[], now: Date): NextDeadline[] {
  const ahead = new Map<string, NextDeadline>();
  for (const r of listedIn(regions)) {
    for (const [deadline, field] of DEADLINE_DATES) {
      const date = r[field];
      if (date === null || Date.parse(date) <= now.getTime()) continue;
      const key = `${deadline} ${date}`;
      const seen = ahead.get(key);
      ahead.set(key, {
        deadline,
        date,
        days: daysUntil(date, now),
        regions: [...(seen?.regions ?? []), r.region],
      });
    }
  }
  return [...ahead.values()].sort((a, b) => a.days - b.days);
}

function classify(
  regions: readonly RegionLifecycle[],
  ahead: readonly NextDeadline[],
  withinDays: number,
): { class: FindingClass | null; matches: GateClass[] } {
  const listed = listedIn(regions);
  const near = ahead.filter((d) => d.days <= withinDays).map((d) => DEADLINE_CLASS[d.deadline]);
  const reached = listed.flatMap((r) => (r.phase === null ? [] : REACHED[r.phase]));
  const matches = GATE_CLASSES.filter(
    (c) => (listed.length === 0 && c === 'unknown') || reached.includes(c) || near.includes(c),
  );
  const soonEol = near.includes('eol');
  const found: FindingClass | undefined = [...FINDING_CLASSES].find((c) =>
    c === 'eol'
      ? reached.includes('eol') || soonEol
      : c === 'unknown'
        ? matches.includes('unknown')
        : c === 'announced'
          ? ahead.length > 0
          : reached.includes(c),
  );
  return { class: found ?? null, matches };
}

const regionNames = (regions: readonly { region: string }[]) => regions.map((r) => r.region).join(', ');

function message(
  modelId: string,
  named: string,
  regions: readonly RegionLifecycle[],
  worst: Phase | null,
  found: FindingClass | null,
  ahead: readonly NextDeadline[],
  replacement: string | null,
): string {
  const listed = listedIn(regions);
  const where = regionNames(listed.filter((r) => r.phase === worst));
  const next = ahead
    .map((d) => `${DEADLINE_WORDS[d.deadline]} ${day(d.date)} (in ${plural(d.days, 'day')})`)
    .join(', ');
  const eolDate = listed.find((r) => r.phase === worst)?.endOfLifeTime;
  const instead = replacement === null ? '' : ` Test ${replacement} instead.`;
  switch (found) {
    case 'unknown': {
      const odd = listed.filter((r) => r.phase === 'UNKNOWN');
      if (odd.length > 0)
        return `${named} is in a lifecycle state Bedrock did not name in ${regionNames(odd)}.`;
      return `${modelId} is not listed in ${regionNames(regions)}: retired, misspelled, or not offered there.`;
    }
    case 'eol': {
      if (worst === 'EOL')
        return `${named} reached its end of life on ${day(eolDate ?? '')} in ${where}: calls to it fail.${instead}`;
      const eol = ahead.find((d) => d.deadline === 'END_OF_LIFE');
      return `${named} reaches its end of life on ${day(eol?.date ?? '')}, in ${plural(eol?.days ?? 0, 'day')}, in ${eol?.regions.join(', ')}: calls will fail from then on.${instead}`;
    }
    case 'extended-access':
      return `${named} is in public extended access, at a higher price, in ${where}${next ? `; next: ${next}` : ''}.${instead}`;
    case 'legacy':
      return `${named} is Legacy (deprecated) in ${where}${next ? `; next: ${next}` : ''}.${instead}`;
    case 'announced':
      return `${named} is Active in ${where}; announced: ${next}.${instead}`;
    default:
      return `${named} is Active in ${where}, with no date announced.`;
  }
}

/** The most advanced known phase among the regions; UNKNOWN only where no region's phase is known. */
const worstPhase = (listed: readonly RegionLifecycle[]): Phase | null =>
  listed.reduce<Phase | null>((worst, r) => {
    if (r.phase === null || r.phase === 'UNKNOWN') return worst ?? r.phase;
    if (worst === null || worst === 'UNKNOWN') return r.phase;
    return phaseRank(r.phase) > phaseRank(worst) ? r.phase : worst;
  }, null);

/**
 * Resolves mentions against each scanned region's listing: the phase where the reference reaches
 * (an ARN's region, a profile's geography, otherwise every scanned region), its next deadline, a
 * replacement to test, its class and level, and the gate classes it meets.
 */
export function findingResolver(
  catalogs: readonly { region: string; models: readonly CatalogModel[] }[],
  { now, withinDays, applicationProfiles = new Map() }: ResolveOptions,
): (path: string, mention: ModelMention) => Finding {
  const scanned = catalogs.map((c) => c.region);
  const byRegion = new Map(
    catalogs.map((c) => [c.region, new Map(c.models.map((m) => [m.modelId, m]))] as const),
  );
  const replacements = new Map(catalogs.map((c) => [c.region, replacementFinder(c.models, now)] as const));
  type Resolved = Omit<Finding, Exclude<keyof ModelMention, 'modelId'> | 'path'>;
  const resolved = new Map<string, Resolved>();

  const resolve = (mention: ModelMention): Resolved => {
    const reached = reach(mention, scanned, applicationProfiles);
    if (typeof reached === 'string') {
      return {
        modelId: mention.modelId,
        modelName: null,
        class: 'unknown',
        level: 'warning',
        phase: null,
        regions: [],
        nextDeadline: null,
        replacement: null,
        message: `${mention.reference} cannot be checked: ${reached}.`,
        matches: ['unknown'],
      };
    }
    const { modelId } = reached;
    const models = reached.regions.map((region) => ({ region, model: byRegion.get(region)?.get(modelId) }));
    const regions: RegionLifecycle[] = models.map(({ region, model }) => ({
      region,
      phase: model ? phaseAt(model, now) : null,
      legacyTime: model?.legacyTime ?? null,
      publicExtendedAccessTime: model?.publicExtendedAccessTime ?? null,
      endOfLifeTime: model?.endOfLifeTime ?? null,
    }));
    const ahead = datesAhead(regions, now);
    const { class: found, matches } = classify(regions, ahead, withinDays);
    const phase = worstPhase(listedIn(regions));
    // `regions` holds the models' lifecycles in the same order.
    const worst = models[regions.findIndex((r) => r.phase === phase)];
    const replacement =
      worst?.model && found !== null && found !== 'unknown'
        ? (replacements.get(worst.region)?.(worst.model).candidates[0] ?? null)
        : null;
    const modelName = worst?.model?.modelName ?? null;
    const named = modelName === null ? modelId : `${modelName} (${modelId})`;
    const retired = regions.find((r) => r.phase === 'EOL' && r.endOfLifeTime !== null);
    return {
      modelId,
      modelName,
      class: found,
      level: found === null ? null : LEVEL[found],
      phase,
      regions,
      nextDeadline:
        ahead[0] ??
        (retired?.endOfLifeTime
          ? {
              deadline: 'END_OF_LIFE',
              date: retired.endOfLifeTime,
              days: daysUntil(retired.endOfLifeTime, now),
              regions: regions.filter((r) => r.phase === 'EOL').map((r) => r.region),
            }
          : null),
      replacement,
      message: message(modelId, named, regions, phase, found, ahead, replacement),
      matches,
    };
  };

  return (path, mention) => {
    const key = JSON.stringify([mention.modelId, mention.geography, mention.arnRegion, mention.reference]);
    let known = resolved.get(key);
    if (known === undefined) {
      known = resolve(mention);
      resolved.set(key, known);
    }
    const { geography: _g, arnRegion: _a, ...where } = mention;
    return { path, ...where, ...known };
  };
}
