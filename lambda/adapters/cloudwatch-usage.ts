import { CloudWatchClient, GetMetricDataCommand, type MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import type { MetricUse } from '../domain/usage';
import type { UsageMetrics } from '../ports';
import { type AccountCredentials, type CallBudget, regionalClients } from './regional-clients';

/** GetMetricData takes at most this many queries per call. */
export const QUERIES_PER_CALL = 500;

/** The metrics read per `ModelId`, each as one query, and the field of `MetricUse` it fills. */
const METRICS = [
  ['Invocations', 'invocations'],
  ['InputTokenCount', 'inputTokens'],
  ['OutputTokenCount', 'outputTokens'],
] as const satisfies readonly (readonly [string, keyof MetricUse])[];

/** Dimension values per call: each takes one query per metric. */
export const DIMENSIONS_PER_CALL = Math.floor(QUERIES_PER_CALL / METRICS.length);

type Counted = { -readonly [K in keyof MetricUse]: number };

/**
 * Bedrock's `AWS/Bedrock` `Invocations`, `InputTokenCount` and `OutputTokenCount` per `ModelId`,
 * summed over the whole window: the three metrics of a value are three queries of the same call,
 * one GetMetricData call per 166 dimension values, each query a single period as long as the window.
 */
export class CloudWatchUsage implements UsageMetrics {
  private readonly client: (region: string) => CloudWatchClient;

  /** Reads with the function's own credentials, or another account's when given. */
  constructor(
    private readonly budget: CallBudget,
    credentials?: AccountCredentials,
  ) {
    this.client = regionalClients((config) => new CloudWatchClient(config), budget, credentials);
  }

  async usage(
    region: string,
    dimensions: readonly string[],
    from: Date,
    to: Date,
  ): Promise<ReadonlyMap<string, MetricUse>> {
    const abortSignal = AbortSignal.timeout(this.budget.regionTimeoutMs);
    const unique = [...new Set(dimensions)];
    // One period spanning the window (whole minutes, as CloudWatch requires).
    const period = Math.max(60, Math.ceil((to.getTime() - from.getTime()) / 60_000) * 60);
    const counted = new Map<string, Counted>(
      unique.map((value) => [value, { invocations: 0, inputTokens: 0, outputTokens: 0 }]),
    );
    for (let start = 0; start < unique.length; start += DIMENSIONS_PER_CALL) {
      const batch = unique.slice(start, start + DIMENSIONS_PER_CALL);
      // Query ids are `q<value index>_<metric index>`: ids must start with a lower-case letter.
      const queries: MetricDataQuery[] = batch.flatMap((value, i) =>
        METRICS.map(([metricName], m) => ({
          Id: `q${i}_${m}`,
          MetricStat: {
            Metric: {
              Namespace: 'AWS/Bedrock',
              MetricName: metricName,
              Dimensions: [{ Name: 'ModelId', Value: value }],
            },
            Period: period,
            Stat: 'Sum',
          },
          ReturnData: true,
        })),
      );
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
          const [, valueIndex, metricIndex] = /^q(\d+)_(\d+)$/.exec(result.Id ?? '') ?? [];
          const value = batch[Number(valueIndex)];
          const field = METRICS[Number(metricIndex)]?.[1];
          const use = value === undefined ? undefined : counted.get(value);
          if (use === undefined || field === undefined) continue;
          use[field] += (result.Values ?? []).reduce((total, n) => total + n, 0);
        }
        nextToken = page.NextToken;
      } while (nextToken);
    }
    return counted;
  }
}
