import { unique } from '../../lambda/domain/values';
import { listCatalogs, listProfiles } from '../aws';
import { findingResolver, type GateClass } from './findings';
import { KNOWN_PROVIDERS, type ModelMention, mentionFinder } from './model-mentions';
import { gateOf, type ScanReport } from './scan-report';
import { type Exclusions, type Skipped, sourceFiles, unreadableReason } from './source-files';
import { applyWaivers, type Waiver } from './waivers';

/** What a scan reads and how it judges: shared by `scan` and the MCP server's `scan_code`. */
export interface ScanRequest {
  /** Paths in the report are relative to it. */
  readonly root: string;
  /** Absolute files and directories under the root. */
  readonly paths: readonly string[];
  readonly regions: readonly string[];
  readonly withinDays: number;
  readonly failOn: readonly GateClass[];
  readonly waivers: readonly Waiver[];
  readonly exclude: Exclusions;
  readonly now: Date;
}

/**
 * Lists the regions' models (one ListFoundationModels call each), finds the model references in
 * the text files under the paths, resolves each against the catalogs (and the application
 * inference profiles the code names, listed once per region), and applies the waivers.
 */
export async function runScan(
  request: ScanRequest,
  err: NodeJS.WritableStream & { isTTY?: boolean },
): Promise<ScanReport> {
  const { root, regions, withinDays, now } = request;
  const catalogs = await listCatalogs(regions, err);
  const providers = new Set<string>(KNOWN_PROVIDERS);
  for (const { models } of catalogs) for (const m of models) providers.add(m.modelId.split('.')[0] ?? '');
  const find = mentionFinder([...providers].filter(Boolean));
  const skipped: Skipped = { binary: 0, tooLarge: 0, unreadable: [] };
  const mentions: [string, ModelMention][] = [];
  let files = 0;
  for (const file of sourceFiles(root, request.paths, request.exclude, skipped)) {
    files++;
    // One pathological file is reported and skipped, never the end of the scan.
    try {
      for (const mention of find(file.text)) mentions.push([file.path, mention]);
    } catch (error) {
      skipped.unreadable.push({ path: file.path, reason: `not searched (${unreadableReason(error)})` });
    }
  }
  // An application inference profile's model is known only to the profile: its region's
  // profiles are listed, once, when the code names one.
  const profileRegions = unique(
    mentions.flatMap(([, m]) => (m.profileId !== null && m.arnRegion !== null ? [m.arnRegion] : [])),
  ).filter((region) => regions.includes(region));
  const applicationProfiles =
    profileRegions.length === 0 ? new Map() : await listProfiles(profileRegions, err);
  const resolveFinding = findingResolver(catalogs, { now, withinDays, applicationProfiles });
  const found = mentions.map(([path, mention]) => resolveFinding(path, mention));
  const { findings, expired } = applyWaivers(found, request.waivers, now);
  return {
    root,
    regions,
    evaluatedAt: now.toISOString(),
    withinDays,
    files,
    skipped,
    findings,
    expiredWaivers: expired,
    gate: gateOf(findings, request.failOn),
  };
}
