import type { AlertGroup } from './alert-groups';
import type { LifecycleEvent, Severity } from './events';
import { DATE_FIELDS, type LifecycleDates } from './model';
import { action, dateWithDaysLeft, day, headline, meaning, PHASE_LABEL, regionList } from './wording';

/** Where the reader can look things up; part of every footer. */
export interface RenderContext {
  readonly tableName: string;
  readonly tableRegion: string;
}

const DATE_LABEL: Readonly<Record<keyof LifecycleDates, string>> = {
  legacyTime: 'Legacy',
  publicExtendedAccessTime: 'Extended access',
  endOfLifeTime: 'End of life',
};

const SEVERITY_LABEL: Readonly<Record<Severity, string>> = {
  critical: 'CRITICAL',
  warning: 'WARNING',
  info: 'INFO',
};

const field = (label: string, value: string): string => `   ${`${label}:`.padEnd(17)}${value}`;

function phaseLine(event: LifecycleEvent): string {
  const now = PHASE_LABEL[event.phase];
  return event.previousPhase !== null && event.previousPhase !== event.phase
    ? `${PHASE_LABEL[event.previousPhase]} → ${now}`
    : now;
}

function dateLine(event: LifecycleEvent, key: keyof LifecycleDates): string {
  const value = dateWithDaysLeft(event[key], event.observedAt);
  const before = event.previousDates?.[key];
  const moved = before !== undefined && before !== event[key];
  return field(
    DATE_LABEL[key],
    moved ? `${value}, was ${before === null ? 'not announced' : day(before)}` : value,
  );
}

function section(group: AlertGroup, index: number): string {
  const event = group.event;
  const todo = action(event);
  return [
    `${index + 1}. [${SEVERITY_LABEL[event.severity]}] ${headline(event)}`,
    field('Model', `${event.modelName} (${event.modelId}), ${event.provider}`),
    field(group.regions.length === 1 ? 'Region' : 'Regions', regionList(group)),
    field('Phase', phaseLine(event)),
    ...DATE_FIELDS.map((key) => dateLine(event, key)),
    field('What it means', meaning(event)),
    ...(todo === null ? [] : [field('What to do', todo)]),
  ].join('\n');
}

const plural = (n: number, unit: string): string => `${n} ${unit}${n === 1 ? '' : 's'}`;

/** The one-line summary that opens a message. */
export function summaryLine(severity: Severity, groups: readonly AlertGroup[], observedAt: string): string {
  const regions = plural(new Set(groups.flatMap((g) => g.regions)).size, 'region');
  const when = `observed ${observedAt.slice(0, 16).replace('T', ' ')} UTC`;
  return groups.every((g) => g.event.kind === 'BASELINE')
    ? `Bedrock model lifecycle baseline: ${plural(groups.length, 'model')} in ${regions} already on the way out, ${when}`
    : `Bedrock model lifecycle: ${plural(groups.length, `${severity} change`)} in ${regions}, ${when}`;
}

/** The readable text for email and SMS-like subscribers. */
export function renderText(
  severity: Severity,
  groups: readonly AlertGroup[],
  observedAt: string,
  context: RenderContext,
  part: { index: number; count: number },
): string {
  const first = groups[0]?.event.modelId ?? 'MODEL_ID';
  const footer = [
    '--',
    `Part ${part.index} of ${part.count} of the alerts observed at ${observedAt}.`,
    'History of a model across regions:',
    `  aws dynamodb query --region ${context.tableRegion} --table-name ${context.tableName} \\`,
    `    --key-condition-expression "PK = :pk" --expression-attribute-values '{":pk":{"S":"MODEL#${first}"}}'`,
    'More queries: see "History queries" in the bedrock-lifecycle-monitor README.',
    'To stop these emails, use the unsubscribe link below, or remove your subscription from the topic.',
  ];
  return [
    summaryLine(severity, groups, observedAt),
    '',
    groups.map((group, i) => section(group, i)).join('\n\n'),
    '',
    ...footer,
  ].join('\n');
}
