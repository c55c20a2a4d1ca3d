import { type DynamoDBClient, QueryCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { fromItem } from '../../lambda/adapters/attribute-values';

/** Every item of a table, for tests that count writes. Tests may scan; the monitor never does. */
export async function scanAll(client: DynamoDBClient, tableName: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, never> | undefined;
  do {
    const out = await client.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey: start }));
    items.push(...(out.Items ?? []).map(fromItem));
    start = out.LastEvaluatedKey as typeof start;
  } while (start);
  return items;
}

/** A Query with plain-object values, as docs/history.md's queries run it. */
export async function query(
  client: DynamoDBClient,
  input: Omit<ConstructorParameters<typeof QueryCommand>[0], 'ExpressionAttributeValues'> & {
    values: Record<string, string>;
  },
): Promise<Record<string, unknown>[]> {
  const { values, ...rest } = input;
  const out = await client.send(
    new QueryCommand({
      ...rest,
      ExpressionAttributeValues: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, { S: v }])),
    }),
  );
  return (out.Items ?? []).map(fromItem);
}
