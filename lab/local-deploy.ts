import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { GetFunctionConfigurationCommand, LambdaClient } from '@aws-sdk/client-lambda';
import type { AccountCredentials } from '../lambda/adapters/regional-clients';
import { motoClientConfig } from './moto';

const run = promisify(execFile);
const ROOT = resolve(__dirname, '..');
const CDK = join(ROOT, 'node_modules', '.bin', 'cdk');
export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';

export interface DeployedFunction {
  readonly name: string;
  /** The deployed function's environment, as Lambda would give it to the handler. */
  readonly env: Record<string, string>;
  /** The synthesized, bundled handler that was uploaded as the function's code. */
  readonly bundlePath: string;
}

export interface DeployedStack {
  readonly stackName: string;
  readonly outputs: { TableName: string; TopicArn: string; FunctionName: string } & Record<string, string>;
  /** Each function named by a `…FunctionName` output, keyed by that output. */
  readonly functions: Readonly<Record<string, DeployedFunction>>;
}

/** Environment for the CDK CLI and the AWS SDK to talk to moto instead of AWS. */
export const motoEnv = (motoUrl: string): Record<string, string> => ({
  AWS_ENDPOINT_URL: motoUrl,
  AWS_ACCESS_KEY_ID: 'testing',
  AWS_SECRET_ACCESS_KEY: 'testing',
  AWS_REGION: REGION,
  AWS_DEFAULT_REGION: REGION,
  CDK_DEFAULT_ACCOUNT: ACCOUNT,
  CDK_DEFAULT_REGION: REGION,
  CDK_DISABLE_CLI_TELEMETRY: 'true',
  AWS_EC2_METADATA_DISABLED: 'true',
  // Local Node may be older than the Lambda runtime; the SDK's notice about that is noise here.
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
});

/**
 * `cdk deploy <stack>` of the real app with the given environment and context, into `outdir`:
 * direct, as moto publishes stack outputs for direct deployments only. Returns the stack's outputs.
 */
async function cdkDeploy(
  stack: string,
  outdir: string,
  env: NodeJS.ProcessEnv,
  context: Record<string, string>,
): Promise<Record<string, string>> {
  const outputsFile = join(outdir, 'outputs.json');
  const contextArgs = Object.entries(context).flatMap(([k, v]) => ['-c', `${k}=${v}`]);
  await run(
    CDK,
    [
      'deploy',
      stack,
      '--require-approval',
      'never',
      '--method=direct',
      '-o',
      join(outdir, 'cdk.out'),
      '--outputs-file',
      outputsFile,
      '--no-notices',
      ...contextArgs,
    ],
    { cwd: ROOT, env, maxBuffer: 64 << 20 },
  );
  // The file names the stack by its CloudFormation name, which may differ from its id: one stack
  // was deployed, so its outputs are the file's only entry.
  const deployed = Object.values(
    JSON.parse(readFileSync(outputsFile, 'utf8')) as Record<string, Record<string, string>>,
  );
  if (deployed.length !== 1)
    throw new Error(`cdk deploy ${stack} wrote outputs for ${deployed.length} stacks`);
  return deployed[0] as Record<string, string>;
}

/**
 * `cdk bootstrap` and `cdk deploy` of the real app into moto. Deploys with `--method=direct`:
 * moto does not publish stack outputs for change-set deployments, which the CLI uses by default.
 */
export async function deployToMoto(
  motoUrl: string,
  stackName: string,
  context: Record<string, string>,
): Promise<DeployedStack> {
  const env = { ...process.env, ...motoEnv(motoUrl) };
  const outdir = mkdtempSync(join(tmpdir(), 'cdk-deploy-'));
  await run(
    CDK,
    ['bootstrap', `aws://${ACCOUNT}/${REGION}`, '-o', join(outdir, 'bootstrap'), '--no-notices'],
    {
      cwd: ROOT,
      env,
      maxBuffer: 64 << 20,
    },
  );
  const outputs = (await cdkDeploy(stackName, outdir, env, {
    stackName,
    ...context,
  })) as DeployedStack['outputs'];
  const template = JSON.parse(
    readFileSync(join(outdir, 'cdk.out', `${stackName}.template.json`), 'utf8'),
  ) as {
    Resources: Record<string, { Metadata?: Record<string, string> }>;
    Outputs: Record<string, { Value: { Ref?: string } }>;
  };
  const lambda = new LambdaClient(motoClientConfig(motoUrl));
  const functions: Record<string, DeployedFunction> = {};
  for (const [key, name] of Object.entries(outputs).filter(([key]) => key.endsWith('FunctionName'))) {
    const logicalId = template.Outputs[key]?.Value.Ref ?? '';
    const assetPath = template.Resources[logicalId]?.Metadata?.['aws:asset:path'];
    if (!assetPath) throw new Error(`The synthesized function ${logicalId} has no asset path`);
    const config = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: name }));
    functions[key] = {
      name,
      env: config.Environment?.Variables ?? {},
      bundlePath: join(outdir, 'cdk.out', assetPath, 'index.mjs'),
    };
  }
  return { stackName, outputs, functions };
}

/**
 * `cdk deploy BedrockLifecycleUsageReader` of the real app into a member account of moto, as that
 * account's credentials (from an AssumeRole into it), with no `cdk bootstrap` there: what a team
 * runs in each member account. Returns the stack's outputs.
 */
export async function deployUsageReaderToMoto(
  motoUrl: string,
  member: { readonly accountId: string; readonly credentials: AccountCredentials },
  context: Record<string, string>,
): Promise<Record<string, string>> {
  const env = {
    ...process.env,
    ...motoEnv(motoUrl),
    AWS_ACCESS_KEY_ID: member.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: member.credentials.secretAccessKey,
    AWS_SESSION_TOKEN: member.credentials.sessionToken,
    CDK_DEFAULT_ACCOUNT: member.accountId,
  };
  return cdkDeploy('BedrockLifecycleUsageReader', mkdtempSync(join(tmpdir(), 'cdk-deploy-')), env, context);
}
