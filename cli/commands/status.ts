import { PHASES, type Phase } from '../../lambda/domain/model';
import { day, modelIdsText, PHASE_LABEL, plural } from '../../lambda/messages/wording';
import { daysOption, listOption, parseOptions, UsageError } from '../args';
import { listCatalogs, regionsOrDefault } from '../aws';
import { type Io, PHASE_STYLE, table, writeJson, writeLine } from '../output';
import { byUrgency, mergeRegions, nextDeadlineDays, statusRows } from '../status-rows';
import type { Command } from './command';

const HELP = `Usage: bedrock-lifecycle status [--regions r1,r2] [--phase P,...] [--within DAYS] [--json]

Lists the foundation models Bedrock offers now, with their lifecycle phase and dates, most urgent
first. Calls ListFoundationModels live with your AWS credentials; no deployment needed.

Options:
  --regions r1,r2   Regions to list (default: your configured region)
  --phase P,...     Only these phases: ${PHASES.join(', ')}
  --within DAYS     Only models with an extended-access or end-of-life date within DAYS
  --json            Print JSON: one object per model and region`;

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
    });
    const phases = listOption(options.phase)?.map((p) => p.toUpperCase());
    const unknown = phases?.find((p) => !(PHASES as readonly string[]).includes(p));
    if (unknown !== undefined) throw new UsageError(`--phase takes ${PHASES.join(', ')}, not "${unknown}"`);
    const within = daysOption(options.within, 'within');
    const regions = await regionsOrDefault(listOption(options.regions));

    const catalogs = await listCatalogs(regions, io.err);
    const rows = statusRows(catalogs, io.now)
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
        ['MODEL', 'PROVIDER', 'REGIONS', 'PHASE', 'LEGACY', 'EXT. ACCESS', 'END OF LIFE', 'NEXT DEADLINE'],
        merged.map((row) => {
          const next = nextDeadlineDays(row);
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
