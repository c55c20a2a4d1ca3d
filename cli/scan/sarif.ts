import { pathToFileURL } from 'node:url';
import { version } from '../../package.json';
import { DEFAULT_GATE_DAYS } from '../args';
import { FINDING_CLASSES, type FindingClass, type Level } from './findings';
import { reported, type ScanReport } from './scan-report';

/** AWS's page on the model lifecycle, which every rule's help points to. */
const LIFECYCLE_DOCS = 'https://docs.aws.amazon.com/bedrock/latest/userguide/model-lifecycle.html';

const WAIVER_EXAMPLE = '{"waivers": [{"model": "<id or prefix>", "until": "YYYY-MM-DD", "reason": "…"}]}';
/** What to do about any finding, with the waiver shape as plain text or as Markdown code. */
const whatToDo = (code: (text: string) => string): string =>
  `Test the replacement the result names and move the code to it. To keep the model for now, add a waiver with a date and a reason to ${code('.bedrock-lifecycle.json')}: ${code(WAIVER_EXAMPLE)}`;

interface Rule {
  readonly id: string;
  readonly name: string;
  readonly level: Level;
  readonly short: string;
  readonly full: string;
}

/** One rule per finding class, with the help a reviewer reads next to the code. */
export const RULES: Readonly<Record<FindingClass, Rule>> = {
  eol: {
    id: 'bedrock-model/end-of-life',
    name: 'ModelEndOfLife',
    level: 'error',
    short: 'Bedrock model past or near its end of life',
    full: `The code names an Amazon Bedrock model that has reached its end of life, or reaches it within the --within days (${DEFAULT_GATE_DAYS} by default). From its end of life, calls to the model fail.`,
  },
  'extended-access': {
    id: 'bedrock-model/extended-access',
    name: 'ModelInExtendedAccess',
    level: 'warning',
    short: 'Bedrock model in public extended access',
    full: 'The code names an Amazon Bedrock model in public extended access: its Legacy period is over and calls to it cost more, at a price its provider sets, until its end of life.',
  },
  legacy: {
    id: 'bedrock-model/legacy',
    name: 'ModelLegacy',
    level: 'warning',
    short: 'Bedrock model is Legacy (deprecated)',
    full: 'The code names a Legacy (deprecated) Amazon Bedrock model. New customers cannot use it, accounts that have not called it lately may lose access, and its end of life follows.',
  },
  unknown: {
    id: 'bedrock-model/unknown',
    name: 'ModelUnknown',
    level: 'warning',
    short: 'Bedrock model not listed in the scanned regions',
    full: 'No scanned region lists the model the code names: it may be retired and gone from the listing, misspelled, or not offered in those regions, and calls to it may fail. An ARN or inference profile whose region was not scanned cannot be checked either.',
  },
  announced: {
    id: 'bedrock-model/announced-deadline',
    name: 'ModelDeadlineAnnounced',
    level: 'note',
    short: 'Bedrock model has an announced lifecycle date',
    full: 'The code names an Active Amazon Bedrock model with an announced Legacy, extended-access or end-of-life date. Plan the move before it.',
  },
};

/** A path relative to the root as a URI reference: each segment percent-encoded. */
const uriOf = (path: string): string => path.split('/').map(encodeURIComponent).join('/');

/**
 * The report as SARIF 2.1.0, for GitHub code scanning and other viewers: a rule per finding class,
 * a result per finding with its location relative to %SRCROOT% (the scan root), waived findings as
 * results with an accepted external suppression, and expired waivers as notifications.
 *
 * With `omitWaived`, waived findings are left out of the results, and a notification says how many
 * and under which waivers: GitHub code scanning ignores `suppressions` (its SARIF support page
 * lists the result properties it reads, and "the rest of the supported fields are ignored";
 * github/codeql-action#1230), so a waived finding uploaded there shows as an open alert.
 */
export function sarifLog(
  report: ScanReport,
  { omitWaived = false }: { readonly omitWaived?: boolean } = {},
): object {
  const classes = [...FINDING_CLASSES];
  const shown = reported(report);
  const omitted = omitWaived ? shown.filter((f) => f.waiver !== null) : [];
  const leftOut = new Set(omitted);
  const byWaiver = new Map<string, number>();
  for (const f of omitted) {
    const key = `${f.waiver?.model} until ${f.waiver?.until} (${f.waiver?.reason})`;
    byWaiver.set(key, (byWaiver.get(key) ?? 0) + 1);
  }
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'bedrock-lifecycle',
            semanticVersion: version,
            informationUri: LIFECYCLE_DOCS,
            rules: classes.map((c) => {
              const rule = RULES[c];
              return {
                id: rule.id,
                name: rule.name,
                shortDescription: { text: rule.short },
                fullDescription: { text: rule.full },
                help: {
                  text: `${rule.full}\n\n${whatToDo((text) => text)}`,
                  markdown: `${rule.full}\n\n${whatToDo((text) => `\`${text}\``)}`,
                },
                helpUri: LIFECYCLE_DOCS,
                defaultConfiguration: { level: rule.level },
                properties: { tags: ['bedrock', 'model-lifecycle'] },
              };
            }),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: `${pathToFileURL(report.root).href}/` } },
        columnKind: 'utf16CodeUnits',
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: [
              ...report.expiredWaivers.map((w) => ({
                level: 'warning',
                message: {
                  text: `The waiver for ${w.model} expired on ${w.until} (${w.reason}); it covers nothing now, and ${w.findings} finding(s) count again.`,
                },
              })),
              ...(omitted.length === 0
                ? []
                : [
                    {
                      level: 'note',
                      message: {
                        text: `${omitted.length} waived finding(s) left out of the results (--omit-waived): ${[...byWaiver].map(([waiver, n]) => `${n} under ${waiver}`).join('; ')}.`,
                      },
                    },
                  ]),
            ],
          },
        ],
        properties: {
          regions: report.regions,
          evaluatedAt: report.evaluatedAt,
          withinDays: report.withinDays,
          omittedWaived: omitted.length,
        },
        results: shown
          .filter((f) => !leftOut.has(f))
          .map((f) => {
            const c = f.class ?? 'unknown';
            return {
              ruleId: RULES[c].id,
              ruleIndex: classes.indexOf(c),
              level: f.level ?? 'none',
              message: { text: f.message },
              locations: [
                {
                  physicalLocation: {
                    artifactLocation: { uri: uriOf(f.path), uriBaseId: '%SRCROOT%' },
                    region: { startLine: f.line, startColumn: f.column, endColumn: f.endColumn },
                  },
                },
              ],
              ...(f.waiver
                ? {
                    suppressions: [
                      {
                        kind: 'external',
                        status: 'accepted',
                        justification: `${f.waiver.reason} (waived until ${f.waiver.until})`,
                      },
                    ],
                  }
                : {}),
              properties: {
                reference: f.reference,
                modelId: f.modelId,
                phase: f.phase,
                regions: f.regions.map((r) => ({ region: r.region, phase: r.phase })),
                nextDeadline: f.nextDeadline,
                replacement: f.replacement,
              },
            };
          }),
      },
    ],
  };
}
