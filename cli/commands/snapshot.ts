import { phaseAt } from '../../lambda/domain/phase';
import { day, PHASE_LABEL } from '../../lambda/messages/wording';
import { parseOptions, required, timeOption } from '../args';
import { historyReader, TABLE_OPTIONS } from '../aws';
import { type Io, PHASE_STYLE, table, writeJson, writeLine } from '../output';
import { withProgress } from '../progress';
import type { Command } from './command';

const HELP = `Usage: bedrock-lifecycle snapshot --region R --at DATE [--table NAME | --stack NAME] [--json]

A region's catalog as the monitor stored it at a past time: the newest snapshot taken at or before
DATE (a date means the end of that day). Reads the table with one Query.

Options:
  --region R     The region
  --at DATE      A date (2026-03-01) or ISO time
  --table NAME   The history table (default: the TableName output of --stack)
  --stack NAME   The monitor's stack (default BedrockLifecycleMonitor)
  --json         Print the snapshot as JSON`;

export const snapshot: Command = {
  name: 'snapshot',
  summary: 'A region’s catalog as it stood at a past time',
  help: HELP,
  async run(argv: readonly string[], io: Io): Promise<number> {
    const options = parseOptions(argv, {
      region: { type: 'string' },
      at: { type: 'string' },
      ...TABLE_OPTIONS,
    });
    const region = required(options.region, 'region');
    const at = required(timeOption(options.at, 'at', 'end'), 'at');
    const reader = await historyReader(options);
    const found = await withProgress('Reading the history table', () => reader.snapshot(region, at), io.err);
    if (!found)
      throw new Error(`no snapshot of ${region} at or before ${at}: the monitor had not run there yet`);
    const models = found.models.map((m) => ({ ...m, phase: phaseAt(m, new Date(at)) }));
    if (options.json) {
      writeJson(io, { region, at, snapshotTakenAt: found.observedAt, models });
      return 0;
    }
    writeLine(io.err, `${region} as of ${at} (snapshot taken ${found.observedAt}), ${models.length} models`);
    writeLine(
      io.out,
      table(
        io,
        ['MODEL', 'PROVIDER', 'STATUS', 'PHASE THEN', 'LEGACY', 'EXT. ACCESS', 'END OF LIFE'],
        models.map((m) => [
          [`${m.modelName} (${m.modelId})`],
          [m.provider],
          [m.status ?? '-'],
          [PHASE_LABEL[m.phase], PHASE_STYLE[m.phase]],
          [m.legacyTime ? day(m.legacyTime) : '-'],
          [m.publicExtendedAccessTime ? day(m.publicExtendedAccessTime) : '-'],
          [m.endOfLifeTime ? day(m.endOfLifeTime) : '-'],
        ]),
      ),
    );
    return 0;
  },
};
