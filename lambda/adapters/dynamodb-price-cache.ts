import { type DynamoDBClient, PutItemCommand, paginateQuery } from '@aws-sdk/client-dynamodb';
import type { CachedPrice, PriceCache } from '../ports';
import { PRICES_PK } from './table-keys';

/** What a region's item holds: per model id, its prices (or null: none published) and when read. */
type Stored = Record<string, { p: [number, number] | null; at: string }>;

const isStored = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isPrice = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n) && n >= 0;

/** An entry as written by `write`; null for anything else, which then counts as not cached. */
function cachedPrice(entry: unknown): CachedPrice | null {
  if (!isStored(entry) || typeof entry.at !== 'string' || Number.isNaN(Date.parse(entry.at))) return null;
  const { p } = entry;
  if (p === null) return { prices: null, readAt: entry.at };
  return Array.isArray(p) && p.length === 2 && isPrice(p[0]) && isPrice(p[1])
    ? { prices: { input: p[0], output: p[1] }, readAt: entry.at }
    : null;
}

/**
 * The price cache in the history table: one item per region (PK=PRICES, SK=<region>) whose
 * `models` attribute is a JSON object, read with one Query and replaced with one PutItem.
 */
export class DynamoDbPriceCache implements PriceCache {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  async read(regions: readonly string[]): Promise<ReadonlyMap<string, ReadonlyMap<string, CachedPrice>>> {
    const wanted = new Set(regions);
    const cached = new Map<string, Map<string, CachedPrice>>();
    const pages = paginateQuery(
      { client: this.client },
      {
        TableName: this.tableName,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': { S: PRICES_PK } },
        ConsistentRead: true,
      },
    );
    for await (const page of pages) {
      for (const item of page.Items ?? []) {
        const region = item.SK?.S;
        if (region === undefined || !wanted.has(region)) continue;
        let models: unknown;
        try {
          models = JSON.parse(item.models?.S ?? '{}');
        } catch {
          // A damaged cache item is a cache miss: the prices are read again and the item replaced.
          continue;
        }
        if (!isStored(models)) continue;
        const prices = new Map<string, CachedPrice>();
        for (const [modelId, entry] of Object.entries(models)) {
          const price = cachedPrice(entry);
          if (price !== null) prices.set(modelId, price);
        }
        cached.set(region, prices);
      }
    }
    return cached;
  }

  async write(region: string, prices: ReadonlyMap<string, CachedPrice>): Promise<void> {
    // fromEntries defines each key as data, even one named like an Object.prototype member.
    const models: Stored = Object.fromEntries(
      [...prices].map(([modelId, { prices: p, readAt }]) => [
        modelId,
        { p: p === null ? null : [p.input, p.output], at: readAt },
      ]),
    );
    await this.client.send(
      new PutItemCommand({
        TableName: this.tableName,
        Item: { PK: { S: PRICES_PK }, SK: { S: region }, models: { S: JSON.stringify(models) } },
      }),
    );
  }
}
