/**
 * DynamoDB on-demand request units of one request, computed from what crossed the wire, with
 * DynamoDB's published sizing rules: an item's size is the UTF-8 length of its attribute names
 * plus their values; a write unit covers 1 KB, a read unit 4 KB (strongly consistent; half for
 * eventually consistent); transactions cost double; an index write costs one unit per KB more.
 */
import type { SeenRequest } from '../lab/fault-proxy';

type AttributeValue = Record<string, unknown>;
type Item = Record<string, AttributeValue>;

const utf8 = (text: string) => Buffer.byteLength(text, 'utf8');

function valueSize(value: AttributeValue): number {
  const [type, v] = Object.entries(value)[0] ?? ['NULL', true];
  switch (type) {
    case 'S':
      return utf8(String(v));
    case 'N':
      return (
        Math.ceil(
          String(v)
            .replace(/[^0-9]/g, '')
            .replace(/^0+/, '').length / 2,
        ) + 1
      );
    case 'B':
      return Buffer.from(String(v), 'base64').byteLength;
    case 'SS':
    case 'NS':
      return (v as string[]).reduce((sum, s) => sum + utf8(s), 0);
    case 'L':
      return 3 + (v as AttributeValue[]).reduce((sum, e) => sum + 1 + valueSize(e), 0);
    case 'M':
      return 3 + Object.entries(v as Item).reduce((sum, [k, e]) => sum + 1 + utf8(k) + valueSize(e), 0);
    default:
      return 1;
  }
}

/** An item's size in bytes by DynamoDB's rules. */
export const itemSize = (item: Item): number =>
  Object.entries(item).reduce((sum, [name, value]) => sum + utf8(name) + valueSize(value), 0);

const writeUnits = (bytes: number) => Math.max(1, Math.ceil(bytes / 1024));
const readUnits = (bytes: number) => Math.max(1, Math.ceil(bytes / 4096));
/** Items that carry the GSI1 key are written to the index too. */
const indexUnits = (item: Item) => ('GSI1PK' in item ? writeUnits(itemSize(item)) : 0);

/** An update's item size is unknown on the wire; its key and new values bound it from below. */
const updateSize = (update: { Key: Item; ExpressionAttributeValues?: Item }) =>
  itemSize(update.Key) + itemSize(update.ExpressionAttributeValues ?? {});

export interface Units {
  readonly read: number;
  readonly write: number;
  /** Bytes the request added to the table and its index, for storage growth. */
  readonly storedBytes: number;
  /** The largest item the request wrote (DynamoDB's limit is 400 KB). */
  readonly largestItem?: number;
  /** Bytes of the regions' STATE items written, which replace the ones before them. */
  readonly stateBytes?: number;
}

/** The request units a DynamoDB request consumed, or zero for other services. */
export function capacityUnits(request: SeenRequest): Units {
  if (!request.operation.startsWith('DynamoDB.')) return { read: 0, write: 0, storedBytes: 0 };
  const body = JSON.parse(request.body || '{}');
  const response = JSON.parse(request.response || '{}');
  // New items only (a region's STATE item is overwritten in place), with DynamoDB's 100 bytes of
  // overhead per item, twice for items the index (which projects everything) holds as well.
  const stored = (items: Item[]) =>
    items
      .filter((item) => item.SK?.S !== 'STATE')
      .reduce((sum, item) => sum + (itemSize(item) + 100) * ('GSI1PK' in item ? 2 : 1), 0);
  switch (request.operation) {
    case 'DynamoDB.TransactGetItems': {
      const got: { Item?: Item }[] = response.Responses ?? [];
      return {
        read: got.reduce((sum, r) => sum + 2 * readUnits(itemSize(r.Item ?? {})), 0),
        write: 0,
        storedBytes: 0,
      };
    }
    case 'DynamoDB.BatchGetItem': {
      const got = Object.values(response.Responses ?? {}).flat() as Item[];
      return {
        read: got.reduce((sum, item) => sum + readUnits(itemSize(item)), 0),
        write: 0,
        storedBytes: 0,
      };
    }
    case 'DynamoDB.GetItem':
    case 'DynamoDB.Query': {
      const got: Item[] = response.Item ? [response.Item] : (response.Items ?? []);
      const units = readUnits(got.reduce((sum, item) => sum + itemSize(item), 0));
      return { read: body.ConsistentRead ? units : units / 2, write: 0, storedBytes: 0 };
    }
    case 'DynamoDB.PutItem':
      return {
        read: 0,
        write: writeUnits(itemSize(body.Item)) + indexUnits(body.Item),
        storedBytes: stored([body.Item]),
        largestItem: itemSize(body.Item),
      };
    case 'DynamoDB.UpdateItem':
      return { read: 0, write: writeUnits(updateSize(body)), storedBytes: 0 };
    case 'DynamoDB.BatchWriteItem': {
      const puts = (Object.values(body.RequestItems ?? {}).flat() as { PutRequest?: { Item: Item } }[])
        .map((r) => r.PutRequest?.Item)
        .filter((item): item is Item => item !== undefined);
      return {
        read: 0,
        write: puts.reduce((sum, item) => sum + writeUnits(itemSize(item)) + indexUnits(item), 0),
        storedBytes: stored(puts),
        largestItem: Math.max(0, ...puts.map(itemSize)),
      };
    }
    case 'DynamoDB.TransactWriteItems': {
      const actions: { Put?: { Item: Item }; Update?: { Key: Item; ExpressionAttributeValues?: Item } }[] =
        body.TransactItems ?? [];
      const puts = actions.flatMap((a) => (a.Put ? [a.Put.Item] : []));
      const updates = actions.flatMap((a) => (a.Update ? [a.Update] : []));
      return {
        read: 0,
        write:
          puts.reduce((sum, item) => sum + 2 * writeUnits(itemSize(item)) + indexUnits(item), 0) +
          updates.reduce((sum, u) => sum + 2 * writeUnits(updateSize(u)), 0),
        storedBytes: stored(puts),
        largestItem: Math.max(0, ...puts.map(itemSize)),
        stateBytes: puts
          .filter((item) => item.SK?.S === 'STATE')
          .reduce((sum, item) => sum + itemSize(item) + 100, 0),
      };
    }
    default:
      return { read: 0, write: 0, storedBytes: 0 };
  }
}
