import type { AlertGroup } from './alert-groups';
import type { LifecycleEvent, Severity } from './events';
import { DATE_FIELDS, type LifecycleDates, type RegionBaseline } from './model';
import {
  DATE_LABEL,
  dateText,
  headline,
  IN_USE,
  meaning,
  nextSteps,
  phaseChange,
  phaseCounts,
  plural,
  regionList,
  usageText,
} from './wording';

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

const SEVERITY_LABEL: Readonly<Record<Severity, string>> = {
  critical: 'CRITICAL',
  warning: 'WARNING',
  info: 'INFO',
};

const field = (label: string, value: string): string => `   ${`${label}:`.padEnd(17)}${value}`;

const dateLine = (event: LifecycleEvent, key: keyof LifecycleDates): string =>
  field(DATE_LABEL[key], dateText(event, key));

function section(group: AlertGroup, index: number): string {
  const event = group.event;
  const steps = nextSteps(event, group.replacementCandidates);
  const usage = usageText(event, group.invocations);
  return [
    `${index + 1}. [${SEVERITY_LABEL[event.severity]}] ${event.inUse ? `${IN_USE} — ` : ''}${headline(event)}`,
    field('Model', `${event.modelName} (${event.modelId}), ${event.provider}`),
    field(group.regions.length === 1 ? 'Region' : 'Regions', regionList(group)),
    ...(usage === null ? [] : [field('Usage', usage)]),
    field('Phase', phaseChange(event)),
    ...DATE_FIELDS.map((key) => dateLine(event, key)),
    ...(group.replacementCandidates.length > 0
      ? [field('Replace with', `${group.replacementCandidates.join(', ')} (newest first)`)]
      : []),
    field('What it means', meaning(event)),
    ...(steps.length > 0 ? [field('What to do', steps.map((step) => `${step}.`).join(' '))] : []),
  ].join('\n');
}

export const totalModels = (baselines: readonly RegionBaseline[]): number =>
  baselines.reduce((sum, b) => sum + b.modelCount, 0);

/** Whether a message opens with the baseline: it has new regions and no change more urgent. */
export const leadsWithBaseline = (content: MessageContent): boolean =>
  content.baselines.length > 0 &&
  (content.groups[0] === undefined || content.groups[0].event.kind === 'BASELINE');

/** The one-line summary that opens a message. */
export function summaryLine(content: MessageContent): string {
  const { severity, groups, baselines, observedAt } = content;
  const when = `observed ${observedAt.slice(0, 16).replace('T', ' ')} UTC`;
  if (leadsWithBaseline(content)) {
    const attention =
      groups.length === 0
        ? 'no model is Legacy, in extended access or retired'
        : `${plural(groups.length, 'model')} already Legacy, in extended access, retired or dated`;
    return (
      `Bedrock model lifecycle: monitoring started in ${plural(baselines.length, 'region')} ` +
      `(${plural(totalModels(baselines), 'model')}); ${attention}, ${when}`
    );
  }
  const regions = plural(new Set(groups.flatMap((g) => g.regions)).size, 'region');
  return `Bedrock model lifecycle: ${plural(groups.length, `${severity} change`)} in ${regions}, ${when}`;
}

const baselineBlock = (baselines: readonly RegionBaseline[]): string[] =>
  baselines.length === 0
    ? []
    : [
        'Now watching:',
        ...baselines.map((b) => field(b.region, `${plural(b.modelCount, 'model')} (${phaseCounts(b)})`)),
        '',
      ];

/** The readable text for email and SMS-like subscribers. */
export function renderText(content: MessageContent, context: RenderContext): string {
  const { groups, observedAt } = content;
  const first = groups[0]?.event.modelId;
  const table = `aws dynamodb query --region ${context.tableRegion} --table-name ${context.tableName}`;
  const query =
    first === undefined
      ? [
          'Every change since this run:',
          `  ${table} --index-name GSI1 \\`,
          `    --key-condition-expression "GSI1PK = :p AND GSI1SK >= :t" --expression-attribute-values '{":p":{"S":"EVENTS"},":t":{"S":"${observedAt}"}}'`,
        ]
      : [
          'History of a model across regions:',
          `  ${table} \\`,
          `    --key-condition-expression "PK = :pk" --expression-attribute-values '{":pk":{"S":"MODEL#${first}"}}'`,
        ];
  const footer = [
    '--',
    `Part ${content.part} of ${content.parts} of the alerts observed at ${observedAt}.`,
    ...query,
    'More queries: see "History queries" in the bedrock-lifecycle-monitor README.',
    'To stop these emails, use the unsubscribe link below, or remove your subscription from the topic.',
  ];
  return [
    summaryLine(content),
    '',
    ...baselineBlock(content.baselines),
    ...(groups.length > 0 ? [groups.map((group, i) => section(group, i)).join('\n\n'), ''] : []),
    ...footer,
  ].join('\n');
}
