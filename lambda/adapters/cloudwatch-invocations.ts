import { CloudWatchClient, GetMetricDataCommand, type MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import type { InvocationMetrics } from '../ports';
import { type AccountCredentials, type CallBudget, regionalClients } from './regional-clients';

/** GetMetricData takes at most this many queries per call. */
export const QUERIES_PER_CALL = 500;

/**
 * Bedrock's `AWS/Bedrock` `Invocations` per `ModelId`, summed over the whole window: one
 * GetMetricData call per 500 dimension values, each query a single period as long as the window.
 */
export class CloudWatchInvocations implements InvocationMetrics {
  private readonly client: (region: string) => CloudWatchClient;

  /** Reads with the function's own credentials, or another account's when given. */
  constructor(
    private readonly budget: CallBudget,
    credentials?: AccountCredentials,
  ) {
    this.client = regionalClients((config) => new CloudWatchClient(config), budget, credentials);
  }

  async invocations(
    region: string,
    dimensions: readonly string[],
    from: Date,
    to: Date,
  ): Promise<ReadonlyMap<string, number>> {
    const abortSignal = AbortSignal.timeout(this.budget.regionTimeoutMs);
    const unique = [...new Set(dimensions)];
    // One period spanning the window (whole minutes, as CloudWatch requires).
    const period = Math.max(60, Math.ceil((to.getTime() - from.getTime()) / 60_000) * 60);
    const calls = new Map<string, number>();
    for (let start = 0; start < unique.length; start += QUERIES_PER_CALL) {
      const batch = unique.slice(start, start + QUERIES_PER_CALL);
      const queries: MetricDataQuery[] = batch.map((value, i) => ({
        Id: `q${i}`,
        MetricStat: {
          Metric: {
            Namespace: 'AWS/Bedrock',
            MetricName: 'Invocations',
            Dimensions: [{ Name: 'ModelId', Value: value }],
          },
          Period: period,
          Stat: 'Sum',
        },
        ReturnData: true,
      }));
      let nextToken: string | undefined;
      do {
        const page = await this.client(region).send(
          new GetMetricDataCommand({
            StartTime: from,
            EndTime: to,
            MetricDataQueries: queries,
            NextToken: nextToken,
          }),
          { abortSignal },
        );
        for (const result of page.MetricDataResults ?? []) {
          if (result.StatusCode === 'Forbidden' || result.StatusCode === 'InternalError') {
            throw new Error(`GetMetricData answered ${result.StatusCode} for ${result.Id}`);
          }
          const value = batch[Number(result.Id?.slice(1))];
          if (value === undefined) continue;
          const sum = (result.Values ?? []).reduce((total, n) => total + n, 0);
          calls.set(value, (calls.get(value) ?? 0) + sum);
        }
        nextToken = page.NextToken;
      } while (nextToken);
    }
    return calls;
  }
}
