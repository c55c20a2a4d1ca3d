import type { Severity } from '../domain/events';
import type { RegionBaseline } from '../domain/model';
import type { AlertGroup } from './alert-groups';

/** Everything one message says, whatever the protocol. */
export interface MessageContent {
  readonly severity: Severity;
  readonly observedAt: string;
  /** The changes, most important first. */
  readonly groups: readonly AlertGroup[];
  /** Regions seen for the first time in this run (only on the first info message). */
  readonly baselines: readonly RegionBaseline[];
  readonly part: number;
  readonly parts: number;
}

/** Where the reader can look things up; part of every footer. */
export interface RenderContext {
  readonly tableName: string;
  readonly tableRegion: string;
}

export const totalModels = (baselines: readonly RegionBaseline[]): number =>
  baselines.reduce((sum, b) => sum + b.modelCount, 0);

/** Whether a message opens with the baseline: it has new regions and no change more urgent. */
export const leadsWithBaseline = (content: MessageContent): boolean =>
  content.baselines.length > 0 &&
  (content.groups[0] === undefined || content.groups[0].event.kind === 'BASELINE');
