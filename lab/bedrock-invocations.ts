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
 * for the account's calls: moto's default account's, or those of the account `credentials` act as.
 */
export async function putInvocations(
  motoUrl: string,
  region: string,
  datapoints: readonly Invocations[],
  credentials?: AccountCredentials,
): Promise<void> {
  // The SDK gzips PutMetricData bodies over 10 KB, which moto cannot read.
  const cloudWatch = new CloudWatchClient({
    ...motoClientConfig(motoUrl, region),
    ...(credentials ? { credentials } : {}),
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
