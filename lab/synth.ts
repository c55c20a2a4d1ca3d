import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { BedrockLifecycleMonitorProps } from '../lib/bedrock-lifecycle-monitor';
import { MonitorStack } from '../lib/monitor-stack';

/** The account and region every synthesised stack is pinned to. */
export const SYNTH_ENV = { account: '123456789012', region: 'eu-west-1' };
/** The feature flags the real app synthesises with (cdk.json), so a synthesised stack is the deployed one. */
export const CDK_JSON_CONTEXT = JSON.parse(readFileSync(join(__dirname, '..', 'cdk.json'), 'utf8')).context;

/** Synthesises a MonitorStack into a fresh directory, optionally with the AWS Solutions checks. */
export function synthMonitor(
  monitor: BedrockLifecycleMonitorProps,
  options: { name?: string; nag?: boolean; region?: string } = {},
) {
  const outdir = mkdtempSync(join(tmpdir(), 'cdk-synth-'));
  const app = new App({ outdir, context: CDK_JSON_CONTEXT });
  if (options.nag) Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const name = options.name ?? 'Monitor';
  const env = { ...SYNTH_ENV, ...(options.region ? { region: options.region } : {}) };
  const stack = new MonitorStack(app, name, { env, monitor });
  const template = Template.fromStack(stack);
  return { app, stack, template, outdir, templatePath: join(outdir, `${name}.template.json`) };
}
