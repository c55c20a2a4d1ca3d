import { facesExtendedAccess } from '../../lambda/domain/cost';
import { PHASES, type Phase } from '../../lambda/domain/model';
import { usageKey } from '../../lambda/domain/usage';
import { dollars } from '../../lambda/messages/cost-text';
import { day, modelIdsText, PHASE_LABEL, plural } from '../../lambda/messages/wording';
import { daysOption, listOption, parseOptions, UsageError } from '../args';
import { listCatalogs, regionsOrDefault } from '../aws';
import { type Io, PHASE_STYLE, table, writeJson, writeLine } from '../output';
import { byUrgency, mergeRegions, nextDeadlineDays, type StatusRow, statusRows } from '../status-rows';
import { USAGE_HELP, USAGE_OPTIONS, usageOf, usageSettings } from '../usage-costs';
import type { Command } from './command';

const HELP = `Usage: bedrock-lifecycle status [--regions r1,r2] [--phase P,...] [--within DAYS] [--json]
                                [--with-usage [--lookback-days N] [--model-prices JSON]]

Lists the foundation models Bedrock offers now, with their lifecycle phase and dates, most urgent
first. Calls ListFoundationModels live with your AWS credentials; no deployment needed. With
--with-usage, also what your account used of each model and what that costs a month: COST/MO at
the standard price, EXTRA/MO what public extended access adds ("unknown" when no price is known).

Options:
  --regions r1,r2      Regions to list (default: your configured region)
  --phase P,...        Only these phases: ${PHASES.join(', ')}
  --within DAYS        Only models with an extended-access or end-of-life date within DAYS
${USAGE_HELP}
  --json               Print JSON: one object per model and region (with --with-usage, its
                       invocations, tokens, prices and costs as in the alert contract)`;

/** What a model costs a month at the standard price: "-" when unused, "unknown" without a price. */
function costCell(row: StatusRow): string {
  if (row.tokens === undefined) return '';
  if (row.tokens === null) return 'unknown';
  if (row.tokens.input + row.tokens.output === 0) return (row.invocations ?? 0) > 0 ? 'not per token' : '-';
  return row.monthlyCostUsd == null ? 'unknown' : dollars(row.monthlyCostUsd);
}

/** What public extended access adds a month: "-" when the model faces none or is unused. */
function extraCell(row: StatusRow): string {
  const used = row.tokens == null || row.tokens.input + row.tokens.output > 0;
  if (!used || !facesExtendedAccess(row)) return '-';
  const extra = row.extendedAccessExtraMonthlyUsd;
  return extra == null ? 'unknown' : extra <= 0 ? '$0' : `+${dollars(extra)}`;
}

const dateCell = (iso: string | null) => (iso === null ? '-' : day(iso));

export const status: Command = {
  name: 'status',
  summary: 'Live lifecycle status of Bedrock models, most urgent first',
  help: HELP,
  async run(argv: readonly string[], io: Io): Promise<number> {
    const options = parseOptions(argv, {
      regions: { type: 'string' },
      phase: { type: 'string' },
      within: { type: 'string' },
      ...USAGE_OPTIONS,
    });
    const usage = usageSettings(options);
    const phases = listOption(options.phase)?.map((p) => p.toUpperCase());
    const unknown = phases?.find((p) => !(PHASES as readonly string[]).includes(p));
    if (unknown !== undefined) throw new UsageError(`--phase takes ${PHASES.join(', ')}, not "${unknown}"`);
    const within = daysOption(options.within, 'within');
    const regions = await regionsOrDefault(listOption(options.regions));

    const catalogs = await listCatalogs(regions, io.err);
    const listed = statusRows(catalogs, io.now);
    const used = usage === null ? null : await usageOf(listed, usage, io.now, io.err);
    const rows = listed
      .map((row) => ({ ...row, ...used?.get(usageKey(row)) }))
      .filter((row) => phases === undefined || phases.includes(row.phase as Phase))
      .filter((row) => {
        const next = nextDeadlineDays(row);
        return within === undefined || (next !== null && next <= within);
      })
      .sort(byUrgency);

    if (options.json) {
      writeJson(io, rows);
      return 0;
    }
    const merged = mergeRegions(rows);
    writeLine(
      io.out,
      table(
        io,
        [
          'MODEL',
          'PROVIDER',
          'REGIONS',
          'PHASE',
          'LEGACY',
          'EXT. ACCESS',
          'END OF LIFE',
          'NEXT DEADLINE',
          ...(used === null ? [] : ['COST/MO', 'EXTRA/MO']),
        ],
        merged.map((row) => {
          const next = nextDeadlineDays(row);
          const costs: [string][] = used === null ? [] : [[costCell(row)], [extraCell(row)]];
          return [
            [`${row.modelName} (${modelIdsText(row.modelIds)})`],
            [row.provider],
            [row.regions.join(', ')],
            [PHASE_LABEL[row.phase], PHASE_STYLE[row.phase]],
            [dateCell(row.legacyTime)],
            [dateCell(row.publicExtendedAccessTime)],
            [dateCell(row.endOfLifeTime)],
            next === null
              ? ['-']
              : [plural(next, 'day'), next <= 7 ? 'red' : next <= 30 ? 'yellow' : undefined],
            ...costs,
          ];
        }),
      ),
    );
    writeLine(
      io.err,
      `${plural(merged.length, 'row')} for ${plural(rows.length, 'model-region pair')} in ${plural(regions.length, 'region')}`,
    );
    return 0;
  },
};
