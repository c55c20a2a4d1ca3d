import type { SeenRequest } from '../lab/fault-proxy';
import { capacityUnits } from './capacity-units';

const DYNAMODB_READS = new Set(['GetItem', 'BatchGetItem', 'TransactGetItems', 'Query', 'Scan']);

/** One run's requests as counted on the wire, by the proxies in front of moto and the stand-in. */
export interface WireCounts {
  /** ListFoundationModels calls. */
  readonly bedrockCalls: number;
  /** Usage reads, on runs with changes: ListInferenceProfiles and GetMetricData calls. */
  readonly profileCalls: number;
  readonly metricCalls: number;
  /** Metrics GetMetricData was asked for (CloudWatch bills per 1,000). */
  readonly metricsRequested: number;
  readonly dynamoDbReads: number;
  readonly dynamoDbWrites: number;
  readonly snsPublishes: number;
  /** Every operation seen, e.g. { "DynamoDB.TransactGetItems": 1 }. */
  readonly operations: Readonly<Record<string, number>>;
  readonly readUnits: number;
  readonly writeUnits: number;
  /** Bytes the run added to the table and its index. */
  readonly storedBytes: number;
  /** Bytes of the regions' STATE items written (they replace the previous ones). */
  readonly stateBytes: number;
  /** The largest item written, against DynamoDB's 400 KB item limit. */
  readonly largestItemBytes: number;
  /** SNS bills each started 64 KB of a published message as one request. */
  readonly snsRequests64k: number;
}

export function wireCounts(aws: readonly SeenRequest[], bedrock: readonly SeenRequest[]): WireCounts {
  const operations: Record<string, number> = {};
  for (const r of [...bedrock, ...aws]) operations[r.operation] = (operations[r.operation] ?? 0) + 1;
  const dynamoDb = aws.filter((r) => r.operation.startsWith('DynamoDB.'));
  const isRead = (r: SeenRequest) => DYNAMODB_READS.has(r.operation.slice('DynamoDB.'.length));
  const units = dynamoDb.map(capacityUnits);
  const publishes = aws.filter((r) => r.operation === 'SNS.Publish');
  const metricReads = aws.filter((r) => r.operation.endsWith('.GetMetricData'));
  return {
    bedrockCalls: bedrock.filter((r) => r.operation === 'BEDROCK.GET /foundation-models').length,
    profileCalls: bedrock.filter((r) => r.operation === 'BEDROCK.GET /inference-profiles').length,
    metricCalls: metricReads.length,
    metricsRequested: metricReads.reduce(
      (sum, r) =>
        sum + ((JSON.parse(r.body) as { MetricDataQueries?: unknown[] }).MetricDataQueries?.length ?? 0),
      0,
    ),
    dynamoDbReads: dynamoDb.filter(isRead).length,
    dynamoDbWrites: dynamoDb.filter((r) => !isRead(r)).length,
    snsPublishes: publishes.length,
    operations,
    readUnits: units.reduce((sum, u) => sum + u.read, 0),
    writeUnits: units.reduce((sum, u) => sum + u.write, 0),
    storedBytes: units.reduce((sum, u) => sum + u.storedBytes, 0),
    stateBytes: units.reduce((sum, u) => sum + (u.stateBytes ?? 0), 0),
    largestItemBytes: Math.max(0, ...units.map((u) => u.largestItem ?? 0)),
    snsRequests64k: publishes.reduce(
      (sum, r) =>
        sum +
        Math.max(1, Math.ceil(Buffer.byteLength(new URLSearchParams(r.body).get('Message') ?? '') / 65_536)),
      0,
    ),
  };
}
