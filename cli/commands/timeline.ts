import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { plural } from '../../lambda/messages/wording';
import { parseOptions } from '../args';
import { catalogsFrom, FROM_OPTIONS } from '../aws';
import { type Io, writeJson, writeLine } from '../output';
import { timelineHtml, timelineRows } from '../timeline-html';
import type { Command } from './command';

const HELP = `Usage: bedrock-lifecycle timeline [--from live|table] [--out timeline.html] [--all] [--regions r1,r2]
                                  [--table NAME | --stack NAME] [--json]

Writes a self-contained HTML page (no script, nothing fetched) with a Gantt-style chart: a row per
model with its Active, Legacy, extended-access and end-of-life spans, a line for today, and the
exact dates on hover.

Options:
  --from live|table  List Bedrock now (default), or read the monitor's stored state
  --out FILE         Where to write the page (default timeline.html)
  --all              Include Active models without lifecycle dates
  --regions r1,r2    Regions (default: your configured region)
  --table NAME       The history table, with --from table (default: the TableName output of --stack)
  --stack NAME       The monitor's stack (default BedrockLifecycleMonitor)
  --json             Print the chart's rows as JSON instead of writing the page`;

export const timeline: Command = {
  name: 'timeline',
  summary: 'Write an HTML Gantt chart of model lifecycles',
  help: HELP,
  async run(argv: readonly string[], io: Io): Promise<number> {
    const options = parseOptions(argv, {
      out: { type: 'string' },
      all: { type: 'boolean' },
      regions: { type: 'string' },
      ...FROM_OPTIONS,
    });
    const { regions, catalogs } = await catalogsFrom(options, io.err, { listedOnly: true });
    const { rows, window } = timelineRows(catalogs, io.now, options.all ?? false);
    if (options.json) {
      writeJson(io, { window, rows });
      return 0;
    }
    const out = resolve(options.out ?? 'timeline.html');
    const title = `Bedrock model lifecycles · ${regions.join(', ')} · ${io.now.toISOString().slice(0, 10)}`;
    writeFileSync(out, timelineHtml(rows, window, io.now, title));
    writeLine(io.out, `Wrote ${out} (${plural(rows.length, 'model')})`);
    return 0;
  },
};
