import { describe, expect, it } from 'vitest';
import type { ModelPrice } from '../../contract/model-prices';
import { configuredPrice, withCost } from '../../lambda/domain/cost';
import { type LifecycleEvent, lifecycleEvent } from '../../lambda/domain/events';
import type { Phase } from '../../lambda/domain/model';
import { costText, dollars } from '../../lambda/messages/cost-text';
import { legacySonnet, trackedModel } from '../support/models';

const SONNET_37 = 'anthropic.claude-3-7-sonnet-20250219-v1:0';

/** Claude 3.7 Sonnet in us-east-1 in a phase, with the usage a run read. */
function event(
  phase: Phase,
  use: {
    tokens: { input: number; output: number } | null;
    invocations?: number | null;
    days?: number | null;
  },
  dates: Partial<LifecycleEvent> = {},
): LifecycleEvent {
  const base = lifecycleEvent('us-east-1', trackedModel(legacySonnet()), '2026-01-01T00:00:00.000Z', {
    kind: 'DEADLINE_APPROACHING',
    severity: 'warning',
    phase,
    previousPhase: null,
    condition: [],
  });
  return {
    ...base,
    ...dates,
    inUse: use.tokens === null ? null : use.tokens.input + use.tokens.output > 0,
    tokens: use.tokens,
    invocations: use.invocations === undefined ? 1_000 : use.invocations,
    usageLookbackDays: use.days === undefined ? 14 : use.days,
  };
}

const SONNET_PRICE: ModelPrice = {
  model: 'anthropic.claude-3-7-sonnet',
  input: 3,
  output: 15,
  extendedInput: 6,
  extendedOutput: 30,
};

describe('choosing a model’s price', () => {
  const prices: ModelPrice[] = [
    { model: 'anthropic.', input: 1, output: 1 },
    { model: 'anthropic.claude-3-7', input: 2, output: 2 },
    { model: 'us.anthropic.claude-3-7-sonnet', input: 3, output: 3 },
    { model: 'anthropic.claude-3-7-sonnet', region: 'eu-central-1', input: 4, output: 4 },
    { model: 'meta.llama3', region: 'us-east-1', input: 5, output: 5 },
    { model: 'meta.', input: 6, output: 6 },
  ];
  it.each([
    // The longest prefix wins; a profile id counts as the model it routes to.
    ['us-east-1', SONNET_37, 3],
    // At the same length, the entry for the region wins.
    ['eu-central-1', SONNET_37, 4],
    ['us-east-1', 'anthropic.claude-3-7-haiku-v1:0', 2],
    ['us-east-1', 'anthropic.claude-v2', 1],
    // A region-bound entry applies only there, even when longer.
    ['us-east-1', 'meta.llama3-70b-instruct-v1:0', 5],
    ['us-west-2', 'meta.llama3-70b-instruct-v1:0', 6],
    ['us-east-1', 'cohere.command-r-v1:0', undefined],
  ])('in %s, %s costs the entry priced %s', (region, modelId, expected) => {
    expect(configuredPrice(prices, { region, modelId })?.input).toBe(expected);
  });
});

describe('cost on events', () => {
  const tokens = { input: 98_400_000, output: 9_100_000 };
  it.each([
    // tokens × price × 30 / lookback: 98.4M in × $3 + 9.1M out × $15 over 14 days → $925.07 a month.
    ['Legacy, extended access ahead', 'LEGACY', { tokens }, 925.07, 925.07],
    ['in extended access', 'EXTENDED_ACCESS', { tokens }, 925.07, 925.07],
    ['over 30 days, the same tokens', 'LEGACY', { tokens, days: 30 }, 431.7, 431.7],
    ['over 1 day', 'LEGACY', { tokens: { input: 1_000_000, output: 0 }, days: 1 }, 90, 90],
    ['a sliver of use, kept to the cent', 'LEGACY', { tokens: { input: 1_000, output: 100 } }, 0.01, 0.01],
    ['known to be unused', 'LEGACY', { tokens: { input: 0, output: 0 }, invocations: 0 }, 0, 0],
    ['past its end of life: no extra ahead', 'EOL', { tokens }, 925.07, null],
    ['usage unknown', 'LEGACY', { tokens: null, invocations: null, days: null }, null, null],
    ['tokens without calls', 'LEGACY', { tokens, invocations: 0 }, 925.07, 925.07],
    [
      'calls but no tokens recorded (billed per image, not token)',
      'LEGACY',
      { tokens: { input: 0, output: 0 } },
      null,
      null,
    ],
  ] as const)('%s: monthly %s, extra %s', (_, phase, use, monthly, extra) => {
    const [priced] = withCost([event(phase, use)], [SONNET_PRICE], new Map());
    expect([priced?.monthlyCostUsd, priced?.extendedAccessExtraMonthlyUsd]).toEqual([monthly, extra]);
  });

  it('leaves the extra unknown, not zero, when no source gives the extended-access price', () => {
    const [priced] = withCost(
      [event('LEGACY', { tokens })],
      [{ model: 'anthropic.', input: 3, output: 15 }],
      new Map(),
    );
    expect(priced).toMatchObject({
      monthlyCostUsd: 925.07,
      extendedAccessExtraMonthlyUsd: null,
      priceSource: 'modelPrices',
      pricesPerMillionTokens: { input: 3, output: 15, extendedInput: null, extendedOutput: null },
    });
  });

  it('gives no extra for a model with no extended-access period', () => {
    const [priced] = withCost(
      [event('LEGACY', { tokens }, { publicExtendedAccessTime: null })],
      [SONNET_PRICE],
      new Map(),
    );
    expect([priced?.monthlyCostUsd, priced?.extendedAccessExtraMonthlyUsd]).toEqual([925.07, null]);
  });

  it('takes the published price where the team gives none, and the team’s where it does', () => {
    const published = new Map([[`us-east-1 ${SONNET_37}`, { input: 3.3, output: 16.5 }]]);
    const [fromAws] = withCost([event('LEGACY', { tokens })], [], published);
    const [fromTeam] = withCost([event('LEGACY', { tokens })], [SONNET_PRICE], published);
    expect(fromAws).toMatchObject({
      priceSource: 'bedrock-agreement-offer',
      monthlyCostUsd: 1017.58,
      extendedAccessExtraMonthlyUsd: null,
    });
    expect(fromTeam?.priceSource).toBe('modelPrices');
  });

  it('costs nothing for a model known to be unused, priced or not', () => {
    const unused = event('LEGACY', { tokens: { input: 0, output: 0 }, invocations: 0 });
    const [priced] = withCost([unused], [SONNET_PRICE], new Map());
    const [unpriced] = withCost([unused], [], new Map());
    for (const costs of [priced, unpriced]) {
      expect([costs?.monthlyCostUsd, costs?.extendedAccessExtraMonthlyUsd]).toEqual([0, 0]);
    }
    expect(unpriced?.priceSource).toBeNull();
  });

  it('gives no cost at all (null, never 0) when no source has a price', () => {
    const [priced] = withCost([event('LEGACY', { tokens })], [], new Map());
    expect(priced).toMatchObject({
      pricesPerMillionTokens: null,
      priceSource: null,
      monthlyCostUsd: null,
      extendedAccessExtraMonthlyUsd: null,
    });
  });
});

describe('the cost sentence', () => {
  const tokens = { input: 98_400_000, output: 9_100_000 };
  const say = (e: LifecycleEvent, prices: ModelPrice[]) =>
    costText(withCost([e], prices, new Map())[0] as LifecycleEvent);

  it.each([
    [0, 'under $1'],
    [0.99, 'under $1'],
    [1, '$1'],
    [3535.5, '$3,536'],
    [1_234_567.4, '$1,234,567'],
  ])('rounds $%s to %s', (usd, text) => {
    expect(dollars(usd)).toBe(text);
  });

  it.each([
    [
      'extended access ahead, prices known',
      event('LEGACY', { tokens }),
      [SONNET_PRICE],
      'Extended access from 2026-01-27 costs about $925 more a month at the last 14 days’ use (input $3 → $6, output $15 → $30 per million tokens; prices from modelPrices).',
    ],
    [
      'in extended access',
      event('EXTENDED_ACCESS', { tokens }),
      [SONNET_PRICE],
      'Extended access since 2026-01-27 costs about $925 more a month at the last 14 days’ use (input $3 → $6, output $15 → $30 per million tokens; prices from modelPrices).',
    ],
    [
      'no extended-access price',
      event('LEGACY', { tokens, days: 1 }),
      [{ model: 'anthropic', input: 0.8, output: 4 }],
      'About $3,454 a month at the last day’s use (input $0.80, output $4 per million tokens; prices from modelPrices); what extended access from 2026-01-27 adds is unknown: no source gives its price (add extendedInput and extendedOutput to modelPrices).',
    ],
    [
      'extended access at the standard price',
      event('LEGACY', { tokens }),
      [{ ...SONNET_PRICE, extendedInput: 3, extendedOutput: 15 }],
      'Extended access from 2026-01-27 costs no more at the last 14 days’ use (input $3 → $3, output $15 → $15 per million tokens; prices from modelPrices).',
    ],
    [
      'a sliver of use',
      event('LEGACY', { tokens: { input: 20_000, output: 2_000 } }),
      [SONNET_PRICE],
      'Extended access from 2026-01-27 costs under $1 more a month at the last 14 days’ use (input $3 → $6, output $15 → $30 per million tokens; prices from modelPrices).',
    ],
    [
      'no extended-access period, under a dollar',
      event('LEGACY', { tokens: { input: 20_000, output: 2_000 } }, { publicExtendedAccessTime: null }),
      [SONNET_PRICE],
      'Under $1 a month at the last 14 days’ use (input $3, output $15 per million tokens; prices from modelPrices).',
    ],
    [
      'a removed model: no extended access ahead',
      event('EXTENDED_ACCESS', { tokens }, { kind: 'MODEL_REMOVED' }),
      [SONNET_PRICE],
      'About $925 a month at the last 14 days’ use (input $3, output $15 per million tokens; prices from modelPrices).',
    ],
    [
      'no extended-access period',
      event('LEGACY', { tokens }, { publicExtendedAccessTime: null }),
      [SONNET_PRICE],
      'About $925 a month at the last 14 days’ use (input $3, output $15 per million tokens; prices from modelPrices).',
    ],
    [
      'no price',
      event('LEGACY', { tokens }),
      [],
      'Cost unknown: no price for this model, so what extended access from 2026-01-27 adds is unknown too (add it to modelPrices).',
    ],
    [
      'no tokens used',
      event('LEGACY', { tokens: { input: 0, output: 0 }, invocations: 0 }),
      [SONNET_PRICE],
      null,
    ],
    ['usage unknown', event('LEGACY', { tokens: null, days: null }), [SONNET_PRICE], null],
  ] as const)('%s', (_, e, prices, text) => {
    expect(say(e, [...prices])).toBe(text);
  });
});
