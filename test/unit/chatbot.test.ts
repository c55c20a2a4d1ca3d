import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { simulateRuns } from '../../lab/simulated-runs';
import { diffRegion } from '../../lambda/domain/diff';
import { groupEvents } from '../../lambda/messages/alert-groups';
import type { PlannedAlert } from '../../lambda/messages/alert-plan';
import { CHAT_LIMITS, renderChat } from '../../lambda/messages/chatbot';
import { escapeMarkdown } from '../../lambda/messages/markdown';
import { chatTextFields } from '../support/hostile-catalog';
import { catalogModel, legacySonnet } from '../support/models';

const schema = JSON.parse(
  readFileSync(join(__dirname, '..', 'fixtures', 'chatbot-custom-notification.schema.json'), 'utf8'),
);
const validate = new Ajv({ allErrors: true }).compile(schema);

const chatOf = (alert: PlannedAlert) => renderChat({ ...alert, groups: groupEvents(alert.events) });

/** Real models and dates: a week before Claude 3.7 Sonnet's end of life, after a run in March. */
const [, april] = simulateRuns(['us-east-1', 'us-west-2'], ['2026-03-01T00:00:00Z', '2026-04-21T08:00:00Z']);
const critical = april?.find((a) => a.severity === 'critical') as PlannedAlert;
const warning = april?.find((a) => a.severity === 'warning') as PlannedAlert;

describe('the Chatbot custom notification', () => {
  it('matches the custom notification schema', () => {
    for (const alert of april ?? []) {
      const chat = chatOf(alert);
      expect(validate(chat), JSON.stringify(validate.errors)).toBe(true);
    }
  });

  it('leads its title with the most severe change and the severity’s emoji', () => {
    expect(chatOf(critical).content.title).toBe('🚨 Claude 3.7 Sonnet (us-east-1 +1) reaches EOL in 7 days');
    expect(chatOf(warning).content.title).toMatch(/^⚠️ /);
  });

  it('lists each change once for all its regions: name, id, regions, phase change, dates and days left', () => {
    expect(chatOf(critical).content.description).toBe(
      [
        '*1.* *Claude 3.7 Sonnet reaches end of life in 7 days*',
        '`anthropic.claude-3-7-sonnet-20250219-v1:0` · us-east-1, us-west-2 · Public extended access',
        'Legacy 2025-10-28 (passed) · Extended access 2026-01-27 (passed) · End of life 2026-04-28 (7 days left)',
        'Replace with `anthropic.claude-sonnet-4-6`, `anthropic.claude-sonnet-4-5-20250929-v1:0`',
      ].join('\n'),
    );
  });

  it('says what to do next, naming the replacement and the date', () => {
    expect(chatOf(critical).content.nextSteps).toEqual([
      'Claude 3.7 Sonnet: Test replacement anthropic.claude-sonnet-4-6',
      'Claude 3.7 Sonnet: Move traffic before 2026-04-28',
    ]);
  });

  it('tags the severity, the kinds of change and the providers', () => {
    expect(chatOf(critical).content.keywords).toEqual(['critical', 'DEADLINE_APPROACHING', 'Anthropic']);
  });

  it('threads one model’s alerts together and names the models’ ARNs', () => {
    const chat = chatOf(critical);
    expect(chat.metadata).toEqual({
      threadId: 'bedrock-lifecycle/anthropic.claude-3-7-sonnet-20250219-v1:0',
      summary: 'Bedrock model lifecycle: 1 critical change in 2 regions, observed 2026-04-21 08:00 UTC',
      eventType: 'BedrockModelLifecycle/DEADLINE_APPROACHING',
      relatedResources: [
        'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-7-sonnet-20250219-v1:0',
        'arn:aws:bedrock:us-west-2::foundation-model/anthropic.claude-3-7-sonnet-20250219-v1:0',
      ],
      additionalContext: {
        observedAt: '2026-04-21T08:00:00.000Z',
        severity: 'critical',
        regions: 'us-east-1, us-west-2',
        changes: '1',
        part: '1/1',
      },
    });
    expect(chat.id).toBe('2026-04-21T08:00:00.000Z#critical#1');
  });

  it('posts a digest of several models without a thread of its own', () => {
    const chat = chatOf(warning);
    expect(new Set(warning.events.map((e) => e.modelId)).size).toBeGreaterThan(1);
    expect(chat.metadata.threadId).toBeUndefined();
  });

  it('confirms a baseline with the counts of each region', () => {
    const [[started] = []] = simulateRuns(['us-east-1'], ['2025-10-01T00:00:00Z']);
    const chat = chatOf(started as PlannedAlert);
    expect(chat.content.title).toBe('ℹ️ Monitoring started: 12 models, all Active (us-east-1)');
    expect(chat.content.description).toBe('*Now watching* us-east-1: 12 models (12 Active)');
    expect(validate(chat)).toBe(true);
  });
});

describe('Chatbot size limits', () => {
  const t = new Date('2026-01-01T00:00:00Z');
  const many = Array.from({ length: 60 }, (_, i) =>
    legacySonnet({
      modelId: `meta.llama-${i}-instruct-v1:0`,
      modelName: `Llama model number ${i}`,
      provider: 'Meta',
    }),
  );
  const events = diffRegion({
    region: 'us-east-1',
    previous: undefined,
    listing: many,
    t,
    thresholds: [30],
  }).events;
  const content = {
    severity: 'info' as const,
    observedAt: t.toISOString(),
    groups: groupEvents(events.filter((e) => e.severity === 'info')),
    baselines: [],
    part: 1,
    parts: 1,
  };

  it('stops at whole changes and says how many more there are', () => {
    const description = renderChat(content).content.description;
    expect(description.length).toBeLessThanOrEqual(CHAT_LIMITS.description);
    const shown = description.match(/^\*\d+\.\* /gm) ?? [];
    const more = Number(/_\+(\d+) more changes: see the email or the history table_$/.exec(description)?.[1]);
    expect(shown.length + more).toBe(60);
    // Every change shown is whole: title, model and regions, dates (no replacement is listed here).
    const blocks = description.split('\n\n').slice(0, -1);
    expect(blocks).toHaveLength(shown.length);
    for (const block of blocks) {
      const lines = block.split('\n');
      expect(lines).toHaveLength(3);
      expect(lines[2]).toMatch(
        /^Legacy 2025-10-28 \(passed\) · .* · End of life 2026-04-28 \(118 days left\)$/,
      );
    }
  });

  it('keeps at most 5 next steps and 10 keywords', () => {
    const chat = renderChat(content);
    expect(chat.content.nextSteps.length).toBeLessThanOrEqual(5);
    expect(chat.content.keywords.length).toBeLessThanOrEqual(10);
    expect(validate(chat), JSON.stringify(validate.errors)).toBe(true);
  });

  it('shortens a title that a 10 KB model name would blow up, keeping the regions', () => {
    const huge = legacySonnet({ modelName: `Claude ${'x'.repeat(10_000)}` });
    const diff = diffRegion({
      region: 'us-east-1',
      previous: undefined,
      listing: [huge],
      t,
      thresholds: [30],
    });
    const chat = renderChat({
      ...content,
      severity: 'warning',
      groups: groupEvents(diff.events.filter((e) => e.severity === 'warning')),
    });
    expect(chat.content.title.length).toBeLessThanOrEqual(CHAT_LIMITS.title);
    expect(chat.content.title).toMatch(/… \(us-east-1\) enters extended access in 27 days$/);
    expect(validate(chat), JSON.stringify(validate.errors)).toBe(true);
  });
});

describe('markdown escaping', () => {
  it.each([
    ['*bold* claims', '∗bold∗ claims'],
    ['_italic_ ~strike~ `code`', 'ˍitalicˍ ∼strike∼ ˋcodeˋ'],
    [
      '<!channel> & <https://evil.example|click>',
      '&lt;!channel&gt; &amp; &lt;https://evil.example|click&gt;',
    ],
  ])('makes %j inert', (name, escaped) => {
    expect(escapeMarkdown(name)).toBe(escaped);
  });

  it('applies to model names in the description', () => {
    const odd = catalogModel({
      modelId: 'vendor.odd-v1:0',
      modelName: '*Odd* <!here>',
      status: 'LEGACY',
      endOfLifeTime: '2026-02-01T00:00:00Z',
    });
    const diff = diffRegion({
      region: 'us-east-1',
      previous: undefined,
      listing: [odd],
      t: new Date('2026-01-01T00:00:00Z'),
      thresholds: [90],
    });
    const chat = renderChat({
      severity: 'info',
      observedAt: '2026-01-01T00:00:00.000Z',
      groups: groupEvents(diff.events.filter((e) => e.severity === 'info')),
      baselines: [],
      part: 1,
      parts: 1,
    });
    expect(chat.content.description).toContain('*1.* *Baseline: ∗Odd∗ &lt;!here&gt; is Legacy (deprecated)*');
    expect(chat.content.description).not.toContain('<!here>');
  });

  it('escapes every field that carries a name or provider: no mention, link, formatting or control character', () => {
    const hostile = catalogModel({
      modelId: 'vendor.hostile-v1:0',
      modelName:
        'Evil <!channel> @here <https://evil.example|click> *bold* [x](https://evil.example) \u001b[31m',
      provider: 'Corp <!here> _it_ `code`',
      status: 'LEGACY',
      legacyTime: '2026-04-01T00:00:00.000Z',
      endOfLifeTime: '2026-05-01T00:00:00.000Z',
    });
    const { events } = diffRegion({
      region: 'us-east-1',
      previous: undefined,
      listing: [hostile],
      t: new Date('2026-04-21T08:00:00.000Z'),
      thresholds: [30, 7],
    });
    const chat = renderChat({
      severity: 'critical',
      observedAt: '2026-04-21T08:00:00.000Z',
      groups: groupEvents(events.map((e) => ({ ...e, severity: 'critical' as const }))),
      baselines: [],
      part: 1,
      parts: 1,
    });
    const fields = chatTextFields(chat);
    expect(fields.join('\n')).toContain('Evil');
    for (const field of fields) {
      expect(field).not.toMatch(/<[!h]|@here|\*bold\*|_it_|`code`|\]\(/);
      expect(field).not.toContain(String.fromCharCode(27));
    }
  });
});
