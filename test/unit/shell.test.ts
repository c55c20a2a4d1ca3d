import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lifecycleEvent } from '../../lambda/domain/events';
import { groupEvents } from '../../lambda/messages/alert-groups';
import { renderText } from '../../lambda/messages/email-text';
import { shellQuote } from '../../lambda/messages/shell';
import { legacySonnet, trackedModel } from '../support/models';

const marker = join(mkdtempSync(join(tmpdir(), 'shell-')), 'pwned');
const HOSTILE_IDS = [
  `vendor.model'$(touch ${marker})'-v1:0`,
  `vendor.$(touch ${marker})-v1:0`,
  `vendor.\`touch ${marker}\`-v1:0`,
  `vendor.a"b\\'c-v1:0`,
  'vendor.line\nbreak-v1:0',
  `vendor.x; touch ${marker}; #-v1:0`,
];
const PLAIN_ID = 'anthropic.claude-3-7-sonnet-20250219-v1:0';
const OBSERVED_AT = '2026-04-21T08:00:00.000Z';

/** The arguments `aws` receives when the footer's command is pasted into bash. */
function pasted(command: string): string[] {
  const script = `aws() { printf '%s\\0' "$@"; }\n${command}\n`;
  return execFileSync('bash', ['-c', script], { encoding: 'utf8' }).split('\0').slice(0, -1);
}

/** The history command of an email about a model with this id, as the reader would copy it. */
function footerCommand(modelId: string): string {
  const event = lifecycleEvent('us-east-1', trackedModel(legacySonnet({ modelId })), OBSERVED_AT, {
    kind: 'MODEL_LEGACY',
    severity: 'warning',
    phase: 'LEGACY',
    previousPhase: 'ACTIVE',
    condition: [],
  });
  const text = renderText(
    {
      severity: 'warning',
      observedAt: event.observedAt,
      groups: groupEvents([event]),
      baselines: [],
      part: 1,
      parts: 1,
    },
    { tableName: 'BedrockLifecycleMonitor-History', tableRegion: 'us-east-1' },
  );
  const lines = text.split('\n');
  const start = lines.findIndex((line) => line.startsWith('  aws dynamodb query'));
  return lines.slice(start, start + 2).join('\n');
}

describe('commands suggested in emails', () => {
  const table = [
    'dynamodb',
    'query',
    '--region',
    'us-east-1',
    '--table-name',
    'BedrockLifecycleMonitor-History',
  ];
  const valuesOf = (args: readonly string[]) =>
    JSON.parse(args[args.indexOf('--expression-attribute-values') + 1] ?? '') as unknown;

  it.each(HOSTILE_IDS)(
    'leave the model id %j out of the command pasted into bash: the time query stands in for it',
    (modelId) => {
      const command = footerCommand(modelId);
      const args = pasted(command);
      expect(args.slice(0, 6)).toEqual(table);
      expect(valuesOf(args)).toEqual({ ':p': { S: 'EVENTS' }, ':t': { S: OBSERVED_AT } });
      expect(command).not.toContain('vendor.');
      expect(existsSync(marker)).toBe(false);
    },
  );

  it('names a plain model id in its history command, passed to aws as data', () => {
    const args = pasted(footerCommand(PLAIN_ID));
    expect(args.slice(0, 6)).toEqual(table);
    expect(valuesOf(args)).toEqual({ ':pk': { S: `MODEL#${PLAIN_ID}` } });
  });

  it.each([
    ['us-east-1', 'us-east-1'],
    ["it's", `'it'\\''s'`],
    ['', "''"],
    ['$HOME', "'$HOME'"],
  ])('quotes %j as %s', (value, quoted) => {
    expect(shellQuote(value)).toBe(quoted);
  });
});
