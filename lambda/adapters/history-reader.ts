import {
  type DynamoDBClient,
  GetItemCommand,
  QueryCommand,
  type QueryCommandInput,
} from '@aws-sdk/client-dynamodb';
import type { LifecycleEvent } from '../domain/events';
import type { CatalogModel, RegionState, TrackedModel } from '../domain/model';
import { fromItem, type Item, toItem } from './attribute-values';
import { unpackModels } from './packed-models';
import {
  CURSOR_KEY,
  EVENT_PREFIX,
  EVENTS_GSI,
  EVENTS_GSI_PK,
  modelPk,
  regionPk,
  SNAPSHOT_PREFIX,
  STATE_SK,
  snapshotSk,
} from './table-keys';

/** A history item: the event as it was alerted, and the ledger item that delivered it. */
export type HistoryEvent = LifecycleEvent & { readonly alertId: string };

export interface HistoryRange {
  /** Only this model's history (one partition). @default every model, from the time index */
  readonly modelId?: string;
  /** ISO time, inclusive. */
  readonly since?: string;
  /** ISO time, inclusive. */
  readonly until?: string;
}

/** ISO times sort as strings; '~' sorts after every character a key can hold after the time. */
const UPPER = '~';
/** Before every ISO time; DynamoDB refuses an empty string as a key value, so '' cannot be the bound. */
const LOWER = '0';

/**
 * Reads the history table the monitor writes, with Query and GetItem only: the access patterns
 * the table was laid out for (see table-keys.ts).
 */
export class HistoryReader {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  /** Events in time order: one model's partition, or every model's through the time index. */
  async events(range: HistoryRange = {}): Promise<HistoryEvent[]> {
    const from = range.since ?? LOWER;
    const to = `${range.until ?? ''}${UPPER}`;
    const input: QueryCommandInput =
      range.modelId === undefined
        ? {
            TableName: this.tableName,
            IndexName: EVENTS_GSI,
            KeyConditionExpression: 'GSI1PK = :pk AND GSI1SK BETWEEN :from AND :to',
            ExpressionAttributeValues: toItem({ ':pk': EVENTS_GSI_PK, ':from': from, ':to': to }),
          }
        : {
            TableName: this.tableName,
            KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
            ExpressionAttributeValues: toItem({
              ':pk': modelPk(range.modelId),
              ':from': `${EVENT_PREFIX}${from}`,
              ':to': `${EVENT_PREFIX}${to}`,
            }),
          };
    return (await this.queryAll(input)).map((item) => fromItem(item) as unknown as HistoryEvent);
  }

  /** The region's catalog as stored by the newest snapshot at or before `at`. */
  async snapshot(
    region: string,
    at: string,
  ): Promise<{ observedAt: string; models: CatalogModel[] } | undefined> {
    const { Items = [] } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'PK = :pk AND SK BETWEEN :first AND :at',
        ExpressionAttributeValues: toItem({
          ':pk': regionPk(region),
          ':first': SNAPSHOT_PREFIX,
          ':at': `${snapshotSk(at)}${UPPER}`,
        }),
        ScanIndexForward: false,
        Limit: 1,
      }),
    );
    const [item] = Items.map(fromItem);
    return item && { observedAt: String(item.observedAt), models: unpackModels<CatalogModel>(item.models) };
  }

  /** The observation time of the last run the monitor committed (every run that listed a region); null before the first. */
  async lastCommittedRun(): Promise<string | null> {
    const { Item } = await this.client.send(
      new GetItemCommand({
        TableName: this.tableName,
        Key: toItem(CURSOR_KEY),
        ProjectionExpression: 'observedAt',
      }),
    );
    return Item ? String(fromItem(Item).observedAt) : null;
  }

  /** The region's current state, as the monitor last committed it. */
  async regionState(region: string): Promise<RegionState | undefined> {
    const { Item } = await this.client.send(
      new GetItemCommand({ TableName: this.tableName, Key: toItem({ PK: regionPk(region), SK: STATE_SK }) }),
    );
    if (!Item) return undefined;
    const item = fromItem(Item);
    return { region, observedAt: String(item.observedAt), models: unpackModels<TrackedModel>(item.models) };
  }

  private async queryAll(input: QueryCommandInput): Promise<Item[]> {
    const items: Item[] = [];
    let start: Item | undefined;
    do {
      const out = await this.client.send(new QueryCommand({ ...input, ExclusiveStartKey: start }));
      items.push(...(out.Items ?? []));
      start = out.LastEvaluatedKey;
    } while (start);
    return items;
  }
}
