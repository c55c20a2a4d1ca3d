import { describe, expect, it } from 'vitest';
import { capacityUnits, itemSize } from '../../bench/capacity-units';

/** A string attribute value of exactly `bytes` bytes. */
const text = (bytes: number) => ({ S: 'x'.repeat(bytes) });

const request = (operation: string, body: unknown, response: unknown = {}) => ({
  operation: `DynamoDB.${operation}`,
  body: JSON.stringify(body),
  arrivedAt: 0,
  response: JSON.stringify(response),
});

describe('DynamoDB request units from the wire (the benchmark’s cost figures)', () => {
  it('sizes an item as its attribute names plus values, by DynamoDB’s rules', () => {
    expect(itemSize({ PK: { S: 'MONITOR' }, SK: { S: 'CURSOR' } })).toBe(2 + 7 + 2 + 6);
    // A number takes about one byte per two significant digits, plus one.
    expect(itemSize({ version: { N: '1234' } })).toBe(7 + 3);
    // Binary values travel base64-encoded; their size is the decoded bytes.
    expect(itemSize({ models: { B: Buffer.from('gzip!').toString('base64') } })).toBe(6 + 5);
    expect(itemSize({ pending: { SS: ['ab', 'cde'] } })).toBe(7 + 5);
    expect(itemSize({ m: { M: { k: { S: 'v' } } } })).toBe(1 + 3 + (1 + 1 + 1));
  });

  it('charges transactional writes double, per started KB, and index writes once more', () => {
    const put = { PK: text(10), SK: text(1500) };
    const history = { PK: text(10), GSI1PK: text(6), payload: text(400) };
    const units = capacityUnits(
      request('TransactWriteItems', {
        TransactItems: [
          { Put: { Item: put } },
          { Put: { Item: history } },
          { Update: { Key: { PK: { S: 'MONITOR' } }, ExpressionAttributeValues: { ':n': { N: '2' } } } },
        ],
      }),
    );
    expect(units.write).toBe(2 * 2 + (2 * 1 + 1) + 2 * 1);
    // New items with DynamoDB's 100 bytes of overhead; the index holds the history item again.
    expect(units.storedBytes).toBe(itemSize(put) + 100 + 2 * (itemSize(history) + 100));
    expect(units.largestItem).toBe(itemSize(put));
  });

  it('does not count a region’s STATE item as growth: it replaces the one before', () => {
    const state = { PK: { S: 'REGION#us-east-1' }, SK: { S: 'STATE' }, models: text(3000) };
    const units = capacityUnits(request('TransactWriteItems', { TransactItems: [{ Put: { Item: state } }] }));
    expect(units.storedBytes).toBe(0);
    expect(units.stateBytes).toBe(itemSize(state) + 100);
  });

  it('charges reads per started 4 KB: transactional double, consistent single, eventual half', () => {
    const small = { PK: text(100) };
    const large = { PK: text(5000) };
    expect(
      capacityUnits(request('TransactGetItems', {}, { Responses: [{ Item: small }, { Item: large }] })).read,
    ).toBe(2 * 1 + 2 * 2);
    expect(capacityUnits(request('BatchGetItem', {}, { Responses: { table: [small, large] } })).read).toBe(
      1 + 2,
    );
    // A query rounds the items it read together, not one by one.
    expect(
      capacityUnits(request('Query', { ConsistentRead: false }, { Items: [small, small, large] })).read,
    ).toBe(Math.ceil((2 * itemSize(small) + itemSize(large)) / 4096) / 2);
  });

  it('counts nothing for other services', () => {
    expect(capacityUnits({ operation: 'SNS.Publish', body: 'Action=Publish', arrivedAt: 0 })).toEqual({
      read: 0,
      write: 0,
      storedBytes: 0,
    });
  });
});
