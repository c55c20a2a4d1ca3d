import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { GetFunctionConfigurationCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { motoClientConfig } from './moto';

const run = promisify(execFile);
const ROOT = resolve(__dirname, '..', '..');
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
  const outputsFile = join(outdir, 'outputs.json');
  const cdk = (args: string[]) =>
    run(CDK, [...args, '--no-notices'], { cwd: ROOT, env, maxBuffer: 64 << 20 });
  await cdk(['bootstrap', `aws://${ACCOUNT}/${REGION}`, '-o', join(outdir, 'bootstrap')]);
  const contextArgs = Object.entries({ stackName, ...context }).flatMap(([k, v]) => ['-c', `${k}=${v}`]);
  await cdk([
    'deploy',
    stackName,
    '--require-approval',
    'never',
    '--method=direct',
    '-o',
    join(outdir, 'cdk.out'),
    '--outputs-file',
    outputsFile,
    ...contextArgs,
  ]);
  const outputs = JSON.parse(readFileSync(outputsFile, 'utf8'))[stackName] as DeployedStack['outputs'];
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

const RUNNER = `
const [bundle, event, requestId] = process.argv.slice(1);
const started = performance.now();
const { handler } = await import(bundle);
const initMs = performance.now() - started;
const cpu = process.cpuUsage();
const invoked = performance.now();
try {
  const result = await handler(JSON.parse(event), { awsRequestId: requestId });
  process.stderr.write('\\nRESULT ' + JSON.stringify(result) + '\\n');
} catch (error) {
  process.stderr.write('\\nFAILED ' + JSON.stringify({ name: error.name, message: error.message }) + '\\n');
  process.exitCode = 1;
} finally {
  const used = process.cpuUsage(cpu);
  process.stderr.write('\\nSTATS ' + JSON.stringify({
    initMs,
    durationMs: performance.now() - invoked,
    cpuMs: (used.user + used.system) / 1000,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
  }) + '\\n');
}`;

/** What one invocation cost: module init, then the handler call alone (wall and CPU time). */
export interface HandlerStats {
  readonly initMs: number;
  readonly durationMs: number;
  readonly cpuMs: number;
  /** The process's peak resident set, init included. */
  readonly maxRssBytes: number;
}

export interface HandlerRun {
  readonly ok: boolean;
  readonly result?: Record<string, unknown>;
  readonly error?: { name: string; message: string };
  /** The function's structured log lines and embedded-metric lines, from stdout and stderr. */
  readonly logs: Record<string, unknown>[];
  readonly stats: HandlerStats;
}

/** Runs the bundled handler in a fresh Node process, as Lambda would, with the given environment. */
export async function runBundledHandler(
  bundlePath: string,
  env: Record<string, string>,
  event: unknown,
  requestId = `local-${Date.now()}`,
): Promise<HandlerRun> {
  const child = await run(
    process.execPath,
    [
      '--enable-source-maps',
      '--input-type=module',
      '-e',
      RUNNER,
      bundlePath,
      JSON.stringify(event),
      requestId,
    ],
    { env: { PATH: process.env.PATH ?? '', ...env }, maxBuffer: 64 << 20 },
  ).catch((error: { stdout: string; stderr: string }) => error);
  const marker = /^(RESULT|FAILED) (.*)$/m.exec(child.stderr);
  const statsLine = /^STATS (.*)$/m.exec(child.stderr);
  // Powertools writes INFO lines (and metrics) to stdout, WARN and ERROR lines to stderr.
  const logs = `${child.stdout}\n${child.stderr}`
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  if (!marker || !statsLine) throw new Error(`The handler process ended without a result:\n${child.stderr}`);
  const stats = JSON.parse(statsLine[1] ?? '{}') as HandlerStats;
  const payload = JSON.parse(marker[2] ?? '{}');
  return marker[1] === 'RESULT'
    ? { ok: true, result: payload, logs, stats }
    : { ok: false, error: payload, logs, stats };
}
