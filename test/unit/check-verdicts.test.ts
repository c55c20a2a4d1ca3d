import { describe, expect, it } from 'vitest';
import { verdicts } from '../../cli/check-verdicts';
import type { StatusRow } from '../../cli/status-rows';

const row = (region: string, patch: Partial<StatusRow>): StatusRow => ({
  region,
  modelId: 'anthropic.claude-3-5-haiku-20241022-v1:0',
  modelName: 'Claude 3.5 Haiku',
  provider: 'Anthropic',
  phase: 'LEGACY',
  legacyTime: '2025-12-19T00:00:00.000Z',
  publicExtendedAccessTime: '2026-03-19T00:00:00.000Z',
  endOfLifeTime: '2026-06-19T00:00:00.000Z',
  daysToExtendedAccess: 60,
  daysToEndOfLife: 152,
  ...patch,
});

describe('check verdicts', () => {
  it('names each region once per reason, and regions failing alike together', () => {
    const [verdict] = verdicts(
      ['us.anthropic.claude-3-5-haiku-20241022-v1:0'],
      ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-south-1', 'ca-central-1'],
      [
        row('us-east-1', { daysToExtendedAccess: 12 }),
        row('us-west-2', { daysToExtendedAccess: 12 }),
        row('eu-west-1', { phase: 'EOL', endOfLifeTime: '2026-01-07T00:00:00.000Z', daysToEndOfLife: -5 }),
        row('ca-central-1', { phase: 'UNKNOWN' }),
      ],
      30,
    );
    expect(verdict).toEqual({
      reference: 'us.anthropic.claude-3-5-haiku-20241022-v1:0',
      modelId: 'anthropic.claude-3-5-haiku-20241022-v1:0',
      ok: false,
      reasons: [
        'extended access at a higher price on 2026-03-19 (12 days away) in us-east-1, us-west-2',
        'retired on 2026-01-07 (calls fail) in eu-west-1',
        'not listed in ap-south-1',
        'lifecycle unknown in ca-central-1',
      ],
    });
  });

  it('fails on the deadline still ahead within the window, not on one already passed', () => {
    const extendedAccess = (daysToEndOfLife: number) =>
      verdicts(
        ['anthropic.claude-3-5-haiku-20241022-v1:0'],
        ['us-east-1'],
        [row('us-east-1', { phase: 'EXTENDED_ACCESS', daysToExtendedAccess: -3, daysToEndOfLife })],
        30,
      )[0];
    expect(extendedAccess(29)?.reasons).toEqual(['end of life on 2026-06-19 (29 days away) in us-east-1']);
    // --fail-within 30 includes a deadline exactly 30 days away.
    expect(extendedAccess(30)).toEqual({
      reference: 'anthropic.claude-3-5-haiku-20241022-v1:0',
      modelId: 'anthropic.claude-3-5-haiku-20241022-v1:0',
      ok: false,
      reasons: ['end of life on 2026-06-19 (30 days away) in us-east-1'],
    });
    expect(extendedAccess(31)).toMatchObject({
      ok: true,
      reasons: ['Public extended access in us-east-1; no deadline within 30 days'],
    });
  });
});
