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
  'anthropic.claude-3-7-sonnet-20250219-v1:0',
];

/** The arguments `aws` receives when the footer's command is pasted into bash. */
function pasted(command: string): string[] {
  const script = `aws() { printf '%s\\0' "$@"; }\n${command}\n`;
  return execFileSync('bash', ['-c', script], { encoding: 'utf8' }).split('\0').slice(0, -1);
}

/** The history command of an email about a model with this id, as the reader would copy it. */
function footerCommand(modelId: string): string {
  const event = lifecycleEvent(
    'us-east-1',
    trackedModel(legacySonnet({ modelId })),
    '2026-04-21T08:00:00.000Z',
    { kind: 'MODEL_LEGACY', severity: 'warning', phase: 'LEGACY', previousPhase: 'ACTIVE', condition: [] },
  );
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
  it.each(HOSTILE_IDS)(
    'pass the model id %j to aws as data, whatever it holds, when pasted into bash',
    (modelId) => {
      const args = pasted(footerCommand(modelId));
      expect(args.slice(0, 6)).toEqual([
        'dynamodb',
        'query',
        '--region',
        'us-east-1',
        '--table-name',
        'BedrockLifecycleMonitor-History',
      ]);
      const values = args[args.indexOf('--expression-attribute-values') + 1] ?? '';
      expect(JSON.parse(values)).toEqual({ ':pk': { S: `MODEL#${modelId}` } });
      expect(existsSync(marker)).toBe(false);
    },
  );

  it.each([
    ['us-east-1', 'us-east-1'],
    ["it's", `'it'\\''s'`],
    ['', "''"],
    ['$HOME', "'$HOME'"],
  ])('quotes %j as %s', (value, quoted) => {
    expect(shellQuote(value)).toBe(quoted);
  });
});
