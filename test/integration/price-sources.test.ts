import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { beforeEach, describe, expect, inject, it } from 'vitest';
import { CATALOG } from '../../lab/fixtures/catalog';
import { createHistoryTable, dynamoDb } from '../../lab/moto-resources';
import { StandInTenant } from '../../lab/stand-in-tenant';
import { BedrockOffers } from '../../lambda/adapters/bedrock-offers';
import { DynamoDbPriceCache } from '../../lambda/adapters/dynamodb-price-cache';
import { type LifecycleEvent, lifecycleEvent } from '../../lambda/domain/events';
import { lookupPrices } from '../../lambda/use-cases/lookup-prices';
import { legacySonnet, trackedModel } from '../support/models';
import { recordingLog } from '../support/recording-log';

const BUDGET = { maxAttempts: 2, attemptTimeoutMs: 2_000, regionTimeoutMs: 10_000 };
const SONNET_37 = 'anthropic.claude-3-7-sonnet-20250219-v1:0';
const NOVA_PRO = 'amazon.nova-pro-v1:0';
const NOW = '2026-04-21T08:00:00.000Z';
const OFFERS_PATH = '/list-foundation-model-agreement-offers';
/** How long all the offers of one lookup may take. */
const TIMEOUT_MS = 10_000;

/** Claude 3.7 Sonnet's public offer: regional rates in two regions, and a global one. */
const SONNET_OFFERS = [
  {
    offerToken: 'token',
    termDetails: {
      usageBasedPricingTerm: {
        rateCard: [
          {
            dimension: 'USE1_InputTokenCount',
            price: '3',
            description: 'Million Input Tokens Regional',
            unit: 'Units',
          },
          {
            dimension: 'USE1_OutputTokenCount',
            price: '15',
            description: 'Million Output Tokens Regional',
            unit: 'Units',
          },
          { dimension: 'USW2_InputTokenCount', price: '3.3', unit: 'Units' },
          { dimension: 'USW2_OutputTokenCount', price: '16.5', unit: 'Units' },
          { dimension: 'USE1_InputTokenCount_Global', price: '2.7', unit: 'Units' },
        ],
      },
    },
  },
];

/** An event about a model in a region, with the tokens a run read. */
function used(region: string, modelId: string, input: number): LifecycleEvent {
  const model = trackedModel(legacySonnet({ modelId }));
  const event = lifecycleEvent(region, model, NOW, {
    kind: 'DEADLINE_APPROACHING',
    severity: 'warning',
    phase: 'LEGACY',
    previousPhase: null,
    condition: [],
  });
  return {
    ...event,
    inUse: input > 0,
    invocations: 10,
    tokens: { input, output: input / 10 },
    usageLookbackDays: 14,
  };
}

describe('BedrockOffers against the Bedrock stand-in', () => {
  let tenant: StandInTenant;
  const offers = () => {
    Object.assign(process.env, tenant.env());
    return new BedrockOffers(BUDGET);
  };

  beforeEach(async () => {
    tenant = new StandInTenant(inject('standInUrl'), 'OFFERS');
    await tenant.set({ time: NOW, models: CATALOG, offers: { [SONNET_37]: SONNET_OFFERS } });
  });

  it('reads a model’s public offers, and null for a model sold under no agreement', async () => {
    expect(await offers().offers('us-east-1', SONNET_37)).toEqual(SONNET_OFFERS);
    expect(await offers().offers('us-east-1', NOVA_PRO)).toBeNull();
    expect((await tenant.requests()).map((r) => [r.method, r.path])).toEqual([
      ['GET', `${OFFERS_PATH}/${encodeURIComponent(SONNET_37)}`],
      ['GET', `${OFFERS_PATH}/${encodeURIComponent(NOVA_PRO)}`],
    ]);
  });

  it('fails when Bedrock refuses, for the run to leave the prices unknown', async () => {
    await tenant.update({
      faults: [{ path: OFFERS_PATH, status: 403, errorType: 'AccessDeniedException', times: -1 }],
    });
    await expect(offers().offers('us-east-1', SONNET_37)).rejects.toThrow(/AccessDenied/);
  });
});

describe('published prices, read at most once a day and kept in the table', () => {
  const motoUrl = inject('motoUrl');
  let tenant: StandInTenant;
  let tableName: string;
  const ports = () => {
    Object.assign(process.env, tenant.env());
    const log = recordingLog();
    return {
      log,
      offers: new BedrockOffers(BUDGET),
      priceCache: new DynamoDbPriceCache(dynamoDb(motoUrl), tableName),
    };
  };
  const offerCalls = async () =>
    (await tenant.requests()).filter((r) => r.path.startsWith(OFFERS_PATH)).length;
  const events = [
    used('us-east-1', SONNET_37, 1_000_000),
    used('us-west-2', SONNET_37, 1_000_000),
    used('us-east-1', NOVA_PRO, 5_000),
  ];

  beforeEach(async () => {
    tenant = new StandInTenant(inject('standInUrl'), `PRICES-${Math.random().toString(36).slice(2)}`);
    await tenant.set({ time: NOW, models: CATALOG, offers: { [SONNET_37]: SONNET_OFFERS } });
    tableName = await createHistoryTable(motoUrl);
  });

  it('reads each used model’s offer once, keeps it, and reads it again only after a day', async () => {
    const first = await lookupPrices(events, [], new Date(NOW), TIMEOUT_MS, ports());
    expect(Object.fromEntries(first)).toEqual({
      [`us-east-1 ${SONNET_37}`]: { input: 3, output: 15 },
      [`us-west-2 ${SONNET_37}`]: { input: 3.3, output: 16.5 },
    });
    expect(await offerCalls()).toBe(3);
    // Within the day: from the table, no call, and the model with no offer is not asked again.
    const later = await lookupPrices(events, [], new Date('2026-04-22T07:59:00.000Z'), TIMEOUT_MS, ports());
    expect(later).toEqual(first);
    expect(await offerCalls()).toBe(3);
    // A day on: read again.
    await lookupPrices(events, [], new Date('2026-04-22T08:00:00.000Z'), TIMEOUT_MS, ports());
    expect(await offerCalls()).toBe(6);
  });

  it('asks nothing for models the team prices or nobody calls', async () => {
    const prices = await lookupPrices(
      [...events, used('us-east-1', 'cohere.command-r-plus-v1:0', 0)],
      [{ model: 'anthropic.', input: 3, output: 15 }],
      new Date(NOW),
      TIMEOUT_MS,
      ports(),
    );
    expect(prices.size).toBe(0);
    expect(await offerCalls()).toBe(1);
  });

  it('fails soft: a denied call is one warning, those prices are unknown, and nothing is cached for them', async () => {
    await tenant.update({
      faults: [{ path: OFFERS_PATH, status: 403, errorType: 'AccessDeniedException', times: -1 }],
    });
    const withPorts = ports();
    const prices = await lookupPrices(events, [], new Date(NOW), TIMEOUT_MS, withPorts);
    expect(prices.size).toBe(0);
    expect(withPorts.log.messages('warn')).toEqual([
      'Prices unknown for 3 models: their agreement offers (ListFoundationModelAgreementOffers) could not be read',
    ]);
    await tenant.update({ faults: [] });
    const next = await lookupPrices(events, [], new Date(NOW), TIMEOUT_MS, ports());
    expect(next.size).toBe(2);
  });

  it('gives up on the offers not read within its time, prices unknown, with one warning', async () => {
    await tenant.update({ delayMs: 2_000 });
    const withPorts = ports();
    const prices = await lookupPrices(events, [], new Date(NOW), 200, withPorts);
    await tenant.update({ delayMs: 0 });
    expect(prices.size).toBe(0);
    expect(withPorts.log.entries.filter((e) => e.level === 'warn')).toMatchObject([
      {
        message:
          'Prices unknown for 3 models: their agreement offers (ListFoundationModelAgreementOffers) could not be read',
        extra: { error: expect.stringContaining('Timed out after') },
      },
    ]);
  });

  it('reads from AWS, and leaves the cache as it was, when the cache cannot be read', async () => {
    const withPorts = ports();
    const writes: string[] = [];
    const prices = await lookupPrices(events, [], new Date(NOW), TIMEOUT_MS, {
      ...withPorts,
      // A port standing in for a table that refuses reads: no emulator fails one item type alone.
      priceCache: {
        read: () => Promise.reject(new Error('ProvisionedThroughputExceededException')),
        write: async (region) => {
          writes.push(region);
        },
      },
    });
    expect(prices.size).toBe(2);
    expect(writes).toEqual([]);
    expect(withPorts.log.messages('warn')).toEqual([
      'Price cache could not be read: prices are read from AWS again',
    ]);
  });

  it('treats a damaged cache item as a miss, and replaces it', async () => {
    await dynamoDb(motoUrl).send(
      new PutItemCommand({
        TableName: tableName,
        Item: { PK: { S: 'PRICES' }, SK: { S: 'us-east-1' }, models: { S: '{"not json' } },
      }),
    );
    const prices = await lookupPrices(events, [], new Date(NOW), TIMEOUT_MS, ports());
    expect(prices.get(`us-east-1 ${SONNET_37}`)).toEqual({ input: 3, output: 15 });
    const cached = await new DynamoDbPriceCache(dynamoDb(motoUrl), tableName).read(['us-east-1']);
    expect(cached.get('us-east-1')?.get(SONNET_37)).toEqual({
      prices: { input: 3, output: 15 },
      readAt: NOW,
    });
    expect(cached.get('us-east-1')?.get(NOVA_PRO)).toEqual({ prices: null, readAt: NOW });
  });
});
