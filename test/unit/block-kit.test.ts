import { describe, expect, it } from 'vitest';
import { simulateRuns } from '../../lab/simulated-runs';
import { diffRegion } from '../../lambda/domain/diff';
import type { PlannedAlert } from '../../lambda/messages/alert-plan';
import { BLOCK_KIT_LIMITS, renderBlockKit } from '../../lambda/messages/block-kit';
import { legacySonnet } from '../support/models';

const [, april] = simulateRuns(['us-east-1', 'us-west-2'], ['2026-03-01T00:00:00Z', '2026-04-21T08:00:00Z']);
const critical = april?.find((a) => a.severity === 'critical') as PlannedAlert;

describe('the Slack Block Kit message', () => {
  it('has a header, one section and one context line of dates per change, and a footer', () => {
    expect(renderBlockKit(critical)).toEqual({
      text: 'Bedrock model lifecycle: 1 critical change in 2 regions, observed 2026-04-21 08:00 UTC',
      blocks: [
        {
          type: 'header',
          text: {
            type: 'plain_text',
            text: '🚨 Claude 3.7 Sonnet (us-east-1 +1) reaches EOL in 7 days',
            emoji: true,
          },
        },
        {
          type: 'section',
          text: {
            type: 'mrkdwn',
            verbatim: true,
            text: [
              '*Claude 3.7 Sonnet reaches end of life in 7 days*',
              '`anthropic.claude-3-7-sonnet-20250219-v1:0` · us-east-1, us-west-2 · Public extended access',
              'Replace with `anthropic.claude-sonnet-4-6`, `anthropic.claude-sonnet-4-5-20250929-v1:0`',
              '_Test replacement anthropic.claude-sonnet-4-6. Move traffic before 2026-04-28._',
            ].join('\n'),
          },
        },
        {
          type: 'context',
          elements: [
            {
              type: 'mrkdwn',
              verbatim: true,
              text: 'Legacy 2025-10-28 (passed) · Extended access 2026-01-27 (passed) · End of life 2026-04-28 (7 days left)',
            },
          ],
        },
        {
          type: 'context',
          elements: [
            {
              type: 'mrkdwn',
              verbatim: true,
              text: 'Bedrock model lifecycle: 1 critical change in 2 regions, observed 2026-04-21 08:00 UTC · bedrock-lifecycle-monitor',
            },
          ],
        },
      ],
    });
  });

  it('opens a baseline with the counts of each new region', () => {
    const [alerts = []] = simulateRuns(['us-east-1', 'eu-central-1'], ['2026-02-01T00:00:00Z']);
    const info = renderBlockKit(alerts.find((a) => a.severity === 'info') as PlannedAlert);
    expect(info.blocks[1]).toEqual({
      type: 'section',
      text: {
        type: 'mrkdwn',
        verbatim: true,
        text: '*Now watching*\nus-east-1: 13 models (9 Active, 3 Legacy (deprecated), 1 Public extended access)\neu-central-1: 9 models (8 Active, 1 Public extended access)',
      },
    });
  });

  it('stays within 50 blocks and says how many changes did not fit', () => {
    const many = Array.from({ length: 60 }, (_, i) =>
      legacySonnet({ modelId: `meta.llama-${i}-instruct-v1:0`, modelName: `Llama ${i}`, provider: 'Meta' }),
    );
    const events = diffRegion({
      region: 'us-east-1',
      previous: undefined,
      listing: many,
      t: new Date('2026-01-01T00:00:00Z'),
      thresholds: [30],
    }).events.filter((e) => e.severity === 'info');
    const { blocks } = renderBlockKit({ severity: 'info', observedAt: '2026-01-01T00:00:00.000Z', events });
    expect(blocks.length).toBeLessThanOrEqual(BLOCK_KIT_LIMITS.blocks);
    const sections = blocks.filter((b) => b.type === 'section');
    const more = sections.at(-1);
    expect(more).toEqual({
      type: 'section',
      text: {
        type: 'mrkdwn',
        verbatim: true,
        text: `_+${60 - (sections.length - 1)} more changes: see the email or the history table_`,
      },
    });
  });

  it('keeps the header within 150 characters and escapes markdown in names', () => {
    const odd = legacySonnet({ modelName: `*Claude* <!channel> ${'x'.repeat(5_000)}` });
    const events = diffRegion({
      region: 'us-east-1',
      previous: undefined,
      listing: [odd],
      t: new Date('2026-01-01T00:00:00Z'),
      thresholds: [30],
    }).events.filter((e) => e.severity === 'warning');
    const { blocks } = renderBlockKit({
      severity: 'warning',
      observedAt: '2026-01-01T00:00:00.000Z',
      events,
    });
    const header = blocks[0];
    expect(header?.type === 'header' && header.text.text.length).toBeLessThanOrEqual(BLOCK_KIT_LIMITS.header);
    const body = JSON.stringify(blocks.slice(1));
    expect(body).not.toContain('<!channel>');
    expect(body).toContain('∗Claude∗ &lt;!channel&gt;');
    for (const block of blocks)
      if (block.type === 'section')
        expect(block.text.text.length).toBeLessThanOrEqual(BLOCK_KIT_LIMITS.section);
  });
});
