import { CloudWatchClient, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { motoClientConfig } from './moto';

/** Calls CloudWatch counted for one `ModelId` (a model id, profile id or profile ARN) at a time. */
export interface Invocations {
  readonly modelId: string;
  readonly calls: number;
  readonly at: string | number;
}

/** PutMetricData takes at most this many datapoints per call. */
const PER_CALL = 500;

/**
 * Puts `AWS/Bedrock` `Invocations` into moto's CloudWatch in a region, as Bedrock publishes them
 * for the account's calls.
 */
export async function putInvocations(
  motoUrl: string,
  region: string,
  datapoints: readonly Invocations[],
): Promise<void> {
  // The SDK gzips PutMetricData bodies over 10 KB, which moto cannot read.
  const cloudWatch = new CloudWatchClient({
    ...motoClientConfig(motoUrl, region),
    disableRequestCompression: true,
  });
  for (let i = 0; i < datapoints.length; i += PER_CALL) {
    await cloudWatch.send(
      new PutMetricDataCommand({
        Namespace: 'AWS/Bedrock',
        MetricData: datapoints.slice(i, i + PER_CALL).map(({ modelId, calls, at }) => ({
          MetricName: 'Invocations',
          Dimensions: [{ Name: 'ModelId', Value: modelId }],
          Value: calls,
          Timestamp: new Date(at),
        })),
      }),
    );
  }
}
