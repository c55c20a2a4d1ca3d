import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { BedrockLifecycleMonitorProps } from '../../lib/bedrock-lifecycle-monitor';
import { MonitorStack } from '../../lib/monitor-stack';

export const TEST_ENV = { account: '123456789012', region: 'eu-west-1' };
/** The feature flags the real app synthesises with (cdk.json), so tests see the deployed template. */
export const CDK_JSON_CONTEXT = JSON.parse(
  readFileSync(join(__dirname, '..', '..', 'cdk.json'), 'utf8'),
).context;

export const TENANT_ID = '2f8a0c1e-3b4d-4e5f-8a9b-0c1d2e3f4a5b';
export const TEAM_ID = '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a';

/** Every optional feature on: what the strictest checks should see. */
export const ALL_FEATURES: BedrockLifecycleMonitorProps = {
  regions: ['us-east-1', 'us-west-2'],
  alertEmails: ['ops@example.com', 'ml@example.com'],
  deadlineDays: [60, 7],
  slackWorkspaceId: 'T0123ABCD',
  slackChannelIds: ['C0123ABCD', 'C0456EFGH'],
  teamsTenantId: TENANT_ID,
  teamsTeamId: TEAM_ID,
  teamsChannelIds: ['19:a1b2c3d4e5@thread.tacv2'],
  slackWebhookSecretName: 'bedrock-lifecycle/slack-webhook',
  alertOn: 'used',
  usageLookbackDays: 30,
  watchModels: ['anthropic.claude-3-7', 'us.meta.llama3-2-90b-instruct-v1:0'],
};

/** Synthesises a MonitorStack into a fresh directory, optionally with the AWS Solutions checks. */
export function synthMonitor(
  monitor: BedrockLifecycleMonitorProps,
  options: { name?: string; nag?: boolean } = {},
) {
  const outdir = mkdtempSync(join(tmpdir(), 'cdk-test-'));
  const app = new App({ outdir, context: CDK_JSON_CONTEXT });
  if (options.nag) Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const name = options.name ?? 'Monitor';
  const stack = new MonitorStack(app, name, { env: TEST_ENV, monitor });
  const template = Template.fromStack(stack);
  return { app, stack, template, outdir, templatePath: join(outdir, `${name}.template.json`) };
}
