import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ScheduledModel } from '../../lab/bedrock-stand-in';
import type { ChatNotification } from '../../lambda/messages/chatbot';

/**
 * A catalog whose names, providers and ids try to steer every place they reach: a shell (quotes,
 * `$(…)`), an email (a forged line), chat (`<!channel>`, `@here`, links, markdown), a terminal (ESC,
 * OSC 8, BEL, an 8-bit CSI) and a browser (`<script>`). Code run from it would create `marker`.
 */
export const marker = join(mkdtempSync(join(tmpdir(), 'hostile-')), 'pwned');
const ESC = '\u001b';
const BEL = '\u0007';
const HOSTILE_NAME =
  `Evil\n2. [CRITICAL] forged line <!channel> @here <https://evil.example|click> *bold* ` +
  `[x](https://evil.example) ${ESC}]8;;https://evil.example${BEL}link${ESC}]8;;${BEL} ${ESC}[31mred\u009b2J ` +
  `<script>alert(1)</script> '$(touch ${marker})'`;
const HOSTILE_PROVIDER = `Corp<!here>\n${ESC}[2J @channel`;
export const HOSTILE_IDS = [
  `vendor.model'$(touch ${marker})'-v1:0`,
  `vendor.line\nbreak${ESC}[2J-v1:0`,
  'vendor.<script>alert(1)</script>-v1:0',
  'vendor.plain-model-v1:0',
];
/** The first run sees the models Active; at T1 all of them become Legacy. */
export const T0 = '2025-10-01T00:00:00Z';
export const T1 = '2025-10-28T12:00:00Z';
/** An Active model of the same provider: the replacement the alerts name, by its hostile id. */
export const HOSTILE_SUCCESSOR_ID = `vendor.next\ngen${ESC}[2J-v2:0`;
export const HOSTILE_MODELS: ScheduledModel[] = [
  {
    modelId: HOSTILE_SUCCESSOR_ID,
    modelName: `${HOSTILE_NAME} successor`,
    providerName: HOSTILE_PROVIDER,
    regions: ['us-east-1'],
    startOfLifeTime: '2025-09-01T00:00:00Z',
  },
  ...HOSTILE_IDS.map((modelId, i) => ({
    modelId,
    modelName: `${HOSTILE_NAME} #${i}`,
    providerName: HOSTILE_PROVIDER,
    regions: ['us-east-1'],
    startOfLifeTime: '2025-01-01T00:00:00Z',
    legacyTime: T1,
    publicExtendedAccessTime: '2026-01-27T08:00:00Z',
    endOfLifeTime: '2026-04-28T08:00:00Z',
  })),
];

/** Anything a terminal or a text reader would act on: C0 controls but the line break, DEL, C1. */
export const CONTROL = /(?!\n)\p{Cc}/u;

/**
 * The arguments `aws` receives when the commands an email suggests are pasted into bash: from its
 * first `aws` line to the line before "More queries", with a no-op `aws` that prints its arguments.
 */
export function pastedArgs(email: string): string[] {
  const lines = email.split('\n');
  const start = lines.findIndex((line) => line.startsWith('  aws '));
  const end = lines.findIndex((line) => line.startsWith('More queries'));
  const script = `aws() { printf '%s\\0' "$@"; }\n${lines.slice(start, end).join('\n')}\n`;
  return execFileSync('bash', ['-c', script], { encoding: 'utf8' }).split('\0').slice(0, -1);
}

/** Every field of a Chatbot notification that a chat client shows as markdown. */
export const chatTextFields = (chat: ChatNotification): string[] => [
  chat.content.title,
  chat.content.description,
  ...chat.content.nextSteps,
  ...chat.content.keywords,
  chat.metadata.summary,
];
