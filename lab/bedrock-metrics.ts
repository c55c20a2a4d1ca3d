import { CloudWatchClient, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import type { AccountCredentials } from '../lambda/adapters/regional-clients';
import { motoClientConfig } from './moto';

/** Credentials that act as `accountId` in moto: an AssumeRole into any role of it. */
export async function credentialsOf(motoUrl: string, accountId: string): Promise<AccountCredentials> {
  const { Credentials: c } = await new STSClient(motoClientConfig(motoUrl)).send(
    new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${accountId}:role/lab`, RoleSessionName: 'lab' }),
  );
  if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken) {
    throw new Error(`moto gave no credentials for ${accountId}`);
  }
  return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken };
}

/**
 * Calls CloudWatch counted for one `ModelId` (a model id, profile id or profile ARN) at a time,
 * and the tokens of those calls when given.
 */
export interface ModelMetrics {
  readonly modelId: string;
  readonly calls: number;
  readonly at: string | number;
  readonly inputTokens?: number;
  readonly outputTokens?: number;
}

/** Each metric Bedrock publishes per call, and the datapoint field that carries it. */
const METRICS = [
  ['Invocations', 'calls'],
  ['InputTokenCount', 'inputTokens'],
  ['OutputTokenCount', 'outputTokens'],
] as const;

/** PutMetricData takes at most this many datapoints per call. */
const PER_CALL = 500;

/**
 * Puts `AWS/Bedrock` `Invocations` (and token counts, when given) into moto's CloudWatch in a region, as Bedrock publishes them
 * for the account's calls: moto's default account's, or those of the account `credentials` act as.
 */
export async function putBedrockMetrics(
  motoUrl: string,
  region: string,
  datapoints: readonly ModelMetrics[],
  credentials?: AccountCredentials,
): Promise<void> {
  // The SDK gzips PutMetricData bodies over 10 KB, which moto cannot read.
  const cloudWatch = new CloudWatchClient({
    ...motoClientConfig(motoUrl, region),
    ...(credentials ? { credentials } : {}),
    disableRequestCompression: true,
  });
  const metricData = datapoints.flatMap((point) =>
    METRICS.flatMap(([metricName, field]) => {
      const value = point[field];
      return value === undefined
        ? []
        : [
            {
              MetricName: metricName,
              Dimensions: [{ Name: 'ModelId', Value: point.modelId }],
              Value: value,
              Timestamp: new Date(point.at),
            },
          ];
    }),
  );
  for (let i = 0; i < metricData.length; i += PER_CALL) {
    await cloudWatch.send(
      new PutMetricDataCommand({ Namespace: 'AWS/Bedrock', MetricData: metricData.slice(i, i + PER_CALL) }),
    );
  }
}
