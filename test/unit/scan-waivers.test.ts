import { describe, expect, it } from 'vitest';
import { UsageError } from '../../cli/args';
import { findingResolver } from '../../cli/scan/findings';
import { KNOWN_PROVIDERS, mentionFinder } from '../../cli/scan/model-mentions';
import { gateOf } from '../../cli/scan/scan-report';
import { applyWaivers, parseWaivers } from '../../cli/scan/waivers';
import { legacySonnet } from '../support/models';

const SONNET = 'anthropic.claude-3-7-sonnet-20250219-v1:0';
const NOW = new Date('2026-04-21T08:00:00Z');

/** Claude 3.7 Sonnet a week before its end of life, named three ways. */
const findings = (() => {
  const resolve = findingResolver([{ region: 'us-east-1', models: [legacySonnet()] }], {
    now: NOW,
    withinDays: 30,
  });
  return mentionFinder(KNOWN_PROVIDERS)(
    `a = "${SONNET}"\nb = "us.${SONNET}"\nc = "anthropic.claude-v2:1"`,
  ).map((m) => resolve('app.py', m));
})();

const waiverFile = (waivers: unknown) => JSON.stringify({ waivers });

describe('waivers', () => {
  it('reads model, until and reason', () => {
    expect(
      parseWaivers(
        waiverFile([{ model: 'anthropic.claude-3-7', until: '2026-05-31', reason: 'Migration in JIRA-42' }]),
        'w.json',
      ),
    ).toEqual([{ model: 'anthropic.claude-3-7', until: '2026-05-31', reason: 'Migration in JIRA-42' }]);
  });

  it.each([
    ['{', /^w\.json: not valid JSON$/],
    ['[]', /^w\.json: must be an object with a "waivers" array$/],
    ['{"waiver": []}', /^w\.json: must be an object with a "waivers" array$/],
    ['{"waivers": [], "extra": 1}', /^w\.json: unknown key "extra" \(only "waivers"\)$/],
    [waiverFile(['x']), /^w\.json: waivers\[0\] must be an object with "model", "until" and "reason"$/],
    [
      waiverFile([{ model: 'a', until: '2026-01-01' }]),
      /^w\.json: waivers\[0\]\.reason must be a non-empty string$/,
    ],
    [
      waiverFile([{ model: ' ', until: '2026-01-01', reason: 'r' }]),
      /^w\.json: waivers\[0\]\.model must be a non-empty string$/,
    ],
    [
      waiverFile([
        { model: 'a', until: '2026-01-01', reason: 'r' },
        { model: 'a', until: '2026-02-30', reason: 'r' },
      ]),
      /^w\.json: waivers\[1\]\.until must be a date YYYY-MM-DD, not "2026-02-30"$/,
    ],
    [waiverFile([{ model: 'a', until: '31/12/2026', reason: 'r' }]), /not "31\/12\/2026"$/],
    [
      waiverFile([{ model: 'a', until: '2026-01-01', reason: 'r', owner: 'me' }]),
      /^w\.json: waivers\[0\] has an unknown key "owner"$/,
    ],
  ])('rejects a malformed file %s as a usage error naming the problem', (text, message) => {
    expect(() => parseWaivers(text, 'w.json')).toThrow(UsageError);
    expect(() => parseWaivers(text, 'w.json')).toThrow(message);
  });

  it('covers findings by id prefix, profile id or ARN up to and including its day, and keeps the gate passing', () => {
    const waivers = [{ model: 'anthropic.claude-3-7', until: '2026-04-21', reason: 'Migrating (JIRA-42)' }];
    const { findings: waived, expired } = applyWaivers(findings, waivers, NOW);
    expect(waived.map((f) => [f.reference, f.waiver?.until ?? null])).toEqual([
      [SONNET, '2026-04-21'],
      [`us.${SONNET}`, '2026-04-21'],
      ['anthropic.claude-v2:1', null],
    ]);
    expect(expired).toEqual([]);
    expect(gateOf(waived, ['eol'])).toEqual({ failOn: ['eol'], failed: false, failing: 0 });
    expect(gateOf(waived, ['eol', 'unknown'])).toEqual({
      failOn: ['eol', 'unknown'],
      failed: true,
      failing: 1,
    });
    expect(
      applyWaivers(findings, [{ model: `us.${SONNET}`, until: '2026-12-31', reason: 'r' }], NOW).findings.map(
        (f) => f.waiver !== null,
      ),
    ).toEqual([true, true, false]);
  });

  it('stops covering the day after its until, and is reported with the findings it would cover', () => {
    const waivers = [{ model: 'anthropic.claude-3-7', until: '2026-04-20', reason: 'Migrating (JIRA-42)' }];
    const { findings: waived, expired } = applyWaivers(findings, waivers, NOW);
    expect(waived.every((f) => f.waiver === null)).toBe(true);
    expect(expired).toEqual([{ ...waivers[0], findings: 2 }]);
    expect(gateOf(waived, ['eol'])).toMatchObject({ failed: true, failing: 2 });
  });
});
