import {
  DynamoDBClient,
  TransactGetItemsCommand,
  TransactionCanceledException,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { DynamoDbStore } from '../../lambda/adapters/dynamodb-store';

/**
 * DynamoDB cancels a transaction with reason TransactionConflict when another request touches one
 * of its items at the same instant. moto applies requests one at a time and never produces that
 * failure, so these cases use aws-sdk-client-mock to return DynamoDB's documented error shape.
 */
const cancelled = (...codes: string[]) =>
  new TransactionCanceledException({
    message: `Transaction cancelled, please refer cancellation reasons for specific reasons [${codes.join(', ')}]`,
    $metadata: { httpStatusCode: 400 },
    CancellationReasons: codes.map((Code) => ({ Code })),
  });

const COMMIT = {
  expectedVersion: 3,
  observedAt: '2026-01-01T00:00:00.000Z',
  states: [],
  snapshots: [],
  alerts: [],
};

describe('DynamoDbStore under transaction conflicts', () => {
  const dynamo = mockClient(DynamoDBClient);
  const store = () => new DynamoDbStore(new DynamoDBClient({ region: 'us-east-1' }), 'History');

  afterEach(() => {
    dynamo.reset();
  });

  it('retries a commit cancelled by a conflict, and commits', async () => {
    dynamo.on(TransactWriteItemsCommand).rejectsOnce(cancelled('TransactionConflict')).resolves({});
    expect(await store().commit(COMMIT)).toBe('committed');
    expect(dynamo.commandCalls(TransactWriteItemsCommand)).toHaveLength(2);
  });

  it('reports a commit whose version check failed as superseded, without retrying', async () => {
    dynamo.on(TransactWriteItemsCommand).rejects(cancelled('ConditionalCheckFailed'));
    expect(await store().commit(COMMIT)).toBe('superseded');
    expect(dynamo.commandCalls(TransactWriteItemsCommand)).toHaveLength(1);
  });

  it('fails after repeated conflicts rather than retrying forever', async () => {
    dynamo.on(TransactWriteItemsCommand).rejects(cancelled('TransactionConflict'));
    await expect(store().commit(COMMIT)).rejects.toBeInstanceOf(TransactionCanceledException);
    expect(dynamo.commandCalls(TransactWriteItemsCommand)).toHaveLength(4);
  });

  it('retries a state read cancelled by a conflict', async () => {
    dynamo
      .on(TransactGetItemsCommand)
      .rejectsOnce(cancelled('None', 'TransactionConflict'))
      .resolves({ Responses: [{}] });
    expect((await store().load([])).cursor).toEqual({ version: 0, observedAt: null, pending: [] });
    expect(dynamo.commandCalls(TransactGetItemsCommand)).toHaveLength(2);
  });
});
