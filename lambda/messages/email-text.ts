import type { LifecycleEvent, Severity } from '../domain/events';
import { DATE_FIELDS, type LifecycleDates, type RegionBaseline } from '../domain/model';
import { isPlainId, visible } from '../domain/text';
import type { AlertGroup } from './alert-groups';
import type { MessageContent, RenderContext } from './content';
import { costText } from './cost-text';
import { headline, IN_USE, summaryLine } from './headline';
import { shellQuote } from './shell';
import {
  DATE_LABEL,
  dateText,
  meaning,
  modelIdsText,
  nextSteps,
  phaseChange,
  phaseCounts,
  plural,
  regionList,
  replacementNote,
  usageText,
} from './wording';

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
  const usage = usageText(event, group.invocations, group.accounts);
  return [
    `${index + 1}. [${SEVERITY_LABEL[event.severity]}] ${event.inUse ? `${IN_USE} — ` : ''}${headline(event)}`,
    field('Model', `${event.modelName} (${modelIdsText(group.modelIds)}), ${event.provider}`),
    field(group.regions.length === 1 ? 'Region' : 'Regions', regionList(group)),
    ...(usage === null ? [] : [field('Usage', usage)]),
    ...[costText(group.costEvent) ?? []].flat().map((cost) => field('At stake', cost)),
    field('Phase', phaseChange(event)),
    ...DATE_FIELDS.map((key) => dateLine(event, key)),
    ...(group.replacementCandidates.length > 0
      ? [
          field(
            'Replace with',
            `${group.replacementCandidates.map(visible).join(', ')} (${replacementNote(event)})`,
          ),
        ]
      : []),
    ...noticeLines(event),
    field('What it means', meaning(event)),
    ...(steps.length > 0 ? [field('What to do', steps.map((step) => `${step}.`).join(' '))] : []),
  ].join('\n');
}

/**
 * An AWS Health notice, quoted line by line: every line starts with "   > ", so text AWS wrote
 * (untrusted, with its line breaks) cannot pass for a line of the message.
 */
function noticeLines(event: LifecycleEvent): string[] {
  const { notice } = event;
  if (notice === null) return [];
  const facts = [
    notice.eventTypeCategory,
    notice.statusCode,
    notice.startTime === null ? null : `from ${notice.startTime.slice(0, 10)}`,
  ]
    .filter((fact): fact is string => fact !== null)
    .join(', ');
  return [
    field(
      'AWS Health',
      `${notice.eventTypeCode} (${facts})${notice.account === null ? '' : ` for account ${notice.account}`}, ${notice.eventArn}`,
    ),
    ...notice.description.split('\n').map((line) => `   > ${line}`),
    ...(notice.descriptionCut ? ['   > […] (cut: the whole notice is in the AWS Health Dashboard)'] : []),
  ];
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
  // An id with characters no Bedrock id has would be safe quoted, but could still break the
  // command across lines: the time query, which names no model, stands in for it.
  const first = groups.map((g) => g.event.modelId).find(isPlainId);
  // Every value is quoted for the shell: the model id is data from AWS, pasted by a reader.
  const table = `aws dynamodb query --region ${shellQuote(context.tableRegion)} --table-name ${shellQuote(context.tableName)}`;
  const values = (value: Record<string, { S: string }>) =>
    `--expression-attribute-values ${shellQuote(JSON.stringify(value))}`;
  const query =
    first === undefined
      ? [
          'Every change since this run:',
          `  ${table} --index-name GSI1 \\`,
          `    --key-condition-expression "GSI1PK = :p AND GSI1SK >= :t" ${values({ ':p': { S: 'EVENTS' }, ':t': { S: observedAt } })}`,
        ]
      : [
          'History of a model across regions:',
          `  ${table} \\`,
          `    --key-condition-expression "PK = :pk" ${values({ ':pk': { S: `MODEL#${first}` } })}`,
        ];
  const footer = [
    '--',
    `Part ${content.part} of ${content.parts} of the alerts observed at ${observedAt}.`,
    ...query,
    'More queries: docs/history.md in the bedrock-lifecycle-monitor repository.',
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
