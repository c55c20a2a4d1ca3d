import type { HistoryEvent } from '../../lambda/adapters/history-reader';
import { headline } from '../../lambda/messages/headline';
import { PHASE_LABEL, phaseChange } from '../../lambda/messages/wording';
import { listOption, parseOptions, timeOption } from '../args';
import { historyReader, TABLE_OPTIONS } from '../aws';
import { type Io, SEVERITY_STYLE, table, writeJson, writeLine } from '../output';
import { withProgress } from '../progress';
import type { Command } from './command';

const HELP = `Usage: bedrock-lifecycle history [--model ID] [--region R] [--since DATE] [--until DATE] [--kind K,...]
                                 [--table NAME | --stack NAME] [--json]

The lifecycle history the deployed monitor recorded, oldest first. Reads the table with Query only.

Options:
  --model ID       One model's history across regions (one partition)
  --region R       Only this region
  --since DATE     From this date or ISO time (inclusive)
  --until DATE     Up to this date or ISO time (inclusive; a date means its whole day)
  --kind K,...     Only these event kinds, e.g. MODEL_EOL,DEADLINE_APPROACHING
  --table NAME     The history table (default: the TableName output of --stack)
  --stack NAME     The monitor's stack (default BedrockLifecycleMonitor)
  --json           Print the history items as JSON`;

export const history: Command = {
  name: 'history',
  summary: 'What happened to which model, from the deployed history table',
  help: HELP,
  async run(argv: readonly string[], io: Io): Promise<number> {
    const options = parseOptions(argv, {
      model: { type: 'string' },
      region: { type: 'string' },
      since: { type: 'string' },
      until: { type: 'string' },
      kind: { type: 'string' },
      ...TABLE_OPTIONS,
    });
    const kinds = listOption(options.kind)?.map((k) => k.toUpperCase());
    const range = {
      ...(options.model ? { modelId: options.model } : {}),
      ...(options.since ? { since: timeOption(options.since, 'since', 'start') } : {}),
      ...(options.until ? { until: timeOption(options.until, 'until', 'end') } : {}),
    };
    const reader = await historyReader(options);
    const events = (
      await withProgress('Reading the history table', () => reader.events(range), io.err)
    ).filter(
      (e: HistoryEvent) =>
        (options.region === undefined || e.region === options.region) &&
        (kinds === undefined || kinds.includes(e.kind)),
    );
    if (options.json) {
      writeJson(io, events);
      return 0;
    }
    writeLine(
      io.out,
      table(
        io,
        ['OBSERVED (UTC)', 'REGION', 'SEVERITY', 'KIND', 'WHAT HAPPENED', 'PHASE'],
        events.map((e) => [
          [e.observedAt.slice(0, 16).replace('T', ' ')],
          [e.region],
          [e.severity, SEVERITY_STYLE[e.severity]],
          [e.kind],
          [headline(e)],
          [e.previousPhase === null ? PHASE_LABEL[e.phase] : phaseChange(e)],
        ]),
      ),
    );
    writeLine(io.err, `${events.length} events`);
    return 0;
  },
};
