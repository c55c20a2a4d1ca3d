import { DEFAULTS } from '../../contract/settings';
import { plural } from '../../lambda/messages/wording';
import { parseOptions } from '../args';
import { readDeployment } from '../doctor/deployment-facts';
import { type Finding, findingsOf } from '../doctor/findings';
import { type Io, paint, type Style, terminalText, writeJson, writeLine } from '../output';
import { withProgress } from '../progress';
import type { Command } from './command';

const HELP = `Usage: bedrock-lifecycle doctor [--stack NAME] [--json]

Checks that a deployed monitor works, from its stack's outputs and the AWS APIs: email
subscriptions still waiting for confirmation, topics nobody receives, the schedule and the last
completed run, messages in the dead-letter queues, alarms in ALARM, member accounts the monitor
cannot enter (asked of the function itself, which alone may assume the reader roles), the
StackSet's instances and trusted access, and Chatbot configurations that are gone. One line per
finding: what, why, and the fix. Exits 1 when anything needs attention or could not be checked.

Options:
  --stack NAME   The monitor's stack (default ${DEFAULTS.stackName})
  --json         Print the findings as JSON`;

const MARK: Readonly<Record<Finding['status'], [string, Style]>> = {
  ok: ['✓', 'green'],
  attention: ['✗', 'red'],
  unchecked: ['?', 'yellow'],
};

const line = (io: Io, f: Finding): string => {
  const [mark, style] = MARK[f.status];
  const text = [f.what, f.why, f.fix && `fix: ${f.fix}`].filter(Boolean).join(' — ');
  return `${paint(io, style, mark)} ${terminalText(text)}`;
};

export const doctor: Command = {
  name: 'doctor',
  summary: 'Check that the deployed monitor works, and say how to fix what does not',
  help: HELP,
  async run(argv: readonly string[], io: Io): Promise<number> {
    const options = parseOptions(argv, { stack: { type: 'string' } });
    const stackName = options.stack ?? DEFAULTS.stackName;
    const facts = await withProgress(
      `Checking the stack ${stackName}`,
      () => readDeployment(stackName),
      io.err,
    );
    const findings = findingsOf(facts, io.now);
    const needAttention = findings.filter((f) => f.status === 'attention').length;
    const notChecked = findings.filter((f) => f.status === 'unchecked').length;
    if (options.json) writeJson(io, { stackName, needAttention, notChecked, findings });
    else {
      for (const finding of findings) writeLine(io.out, line(io, finding));
      writeLine(
        io.err,
        [
          needAttention === 0
            ? 'Nothing needs attention'
            : `${plural(needAttention, 'finding')} need${needAttention === 1 ? 's' : ''} attention`,
          ...(notChecked > 0 ? [`${plural(notChecked, 'check')} could not be made`] : []),
        ].join('; '),
      );
    }
    // A check that could not be made proves nothing: a script must not read it as health.
    return needAttention === 0 && notChecked === 0 ? 0 : 1;
  },
};
