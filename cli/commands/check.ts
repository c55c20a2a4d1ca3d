import { DEFAULT_GATE_DAYS, daysOption, listOption, parseOptions, required } from '../args';
import { listCatalogs, regionsOrDefault } from '../aws';
import { verdicts } from '../check-verdicts';
import { type Io, paint, terminalText, writeJson, writeLine } from '../output';
import { statusRows } from '../status-rows';
import type { Command } from './command';

const HELP = `Usage: bedrock-lifecycle check --models id1,id2 [--regions r1,r2] [--fail-within DAYS] [--json]

A gate for an application's CI pipeline. Exits 1 when any named model, in any named region, is
retired, of unknown lifecycle, not listed, or has an extended-access or end-of-life date within
DAYS; exits 0 otherwise. Prints one line per model saying why.

Options:
  --models id1,id2     Model ids as your code calls them: foundation-model ids, inference-profile
                       ids (us.anthropic.…, global.…) or ARNs
  --regions r1,r2      Regions to check (default: your configured region)
  --fail-within DAYS   Fail on a deadline this close (default ${DEFAULT_GATE_DAYS})
  --json               Print JSON verdicts`;

export const check: Command = {
  name: 'check',
  summary: 'CI gate: exit 1 if a model you use is retired, missing or near a deadline',
  help: HELP,
  async run(argv: readonly string[], io: Io): Promise<number> {
    const options = parseOptions(argv, {
      models: { type: 'string' },
      regions: { type: 'string' },
      'fail-within': { type: 'string' },
    });
    const models = required(listOption(options.models), 'models');
    const failWithin = daysOption(options['fail-within'], 'fail-within') ?? DEFAULT_GATE_DAYS;
    const regions = await regionsOrDefault(listOption(options.regions));
    const catalogs = await listCatalogs(regions, io.err);
    const results = verdicts(models, regions, statusRows(catalogs, io.now), failWithin);
    if (options.json) writeJson(io, results);
    else {
      for (const v of results) {
        const named = v.reference === v.modelId ? v.modelId : `${v.reference} (${v.modelId})`;
        writeLine(
          io.out,
          `${v.ok ? paint(io, 'green', 'OK  ') : paint(io, 'red', 'FAIL')} ${terminalText(`${named}: ${v.reasons.join('; ')}`)}`,
        );
      }
    }
    return results.every((v) => v.ok) ? 0 : 1;
  },
};
