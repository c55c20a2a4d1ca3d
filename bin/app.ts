#!/usr/bin/env node
import { Annotations, App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { SettingError } from '../contract/setting-error';
import {
  DEFAULTS,
  defaultUsageRoleName,
  parseAccountId,
  parseRegion,
  parseRoleName,
  parseStackName,
} from '../contract/settings';
import { MonitorStack } from '../lib/monitor-stack';
import { UsageReaderStack } from '../lib/usage-reader-stack';

const app = new App();
// Every synth checks the AWS Solutions rules; a finding without an acknowledgement fails it.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
try {
  // The monitor's own settings are read from the context by the construct, which parses them once.
  const region = process.env.CDK_DEFAULT_REGION;
  const stackName = parseStackName(app.node.tryGetContext('stackName') ?? DEFAULTS.stackName);
  const stack = new MonitorStack(app, stackName, {
    env: { account: process.env.CDK_DEFAULT_ACCOUNT, region },
    description: 'bedrock-lifecycle-monitor: Bedrock model lifecycle alerts and history',
  });
  // With no region anywhere, the CDK CLI falls back to us-east-1, and the monitor would watch that
  // region only, whatever the team meant.
  if (
    app.node.tryGetContext('regions') === undefined &&
    !process.env.AWS_REGION &&
    !process.env.AWS_DEFAULT_REGION
  ) {
    Annotations.of(stack).addWarningV2(
      'bedrock-lifecycle-monitor:no-region',
      `Neither the regions key nor AWS_REGION is set: the monitor will watch ${region ?? "the stack's region"} only. ` +
        'Set -c regions=us-east-1,eu-west-1 (or AWS_REGION) to choose.',
    );
  }
  // A member account's usage reader role, for `cdk deploy BedrockLifecycleUsageReader -c monitorAccount=…`.
  // Only then is it in the app: with two stacks, a bare `cdk deploy` would have to name one.
  const monitorAccount = app.node.tryGetContext('monitorAccount');
  if (monitorAccount !== undefined) {
    // The monitor's region names its role; the member account is usually deployed from the same one.
    const monitorRegion = parseRegion(app.node.tryGetContext('monitorRegion') ?? region, 'monitorRegion');
    const roleName = app.node.tryGetContext('usageRoleName');
    new UsageReaderStack(app, 'BedrockLifecycleUsageReader', {
      env: { account: process.env.CDK_DEFAULT_ACCOUNT, region },
      // Named after the monitor, so that a second monitor's reader stack in the same account is a
      // stack of its own rather than an update that takes the first monitor's role away.
      stackName: `${stackName}-UsageReader-${monitorRegion}`,
      description: `bedrock-lifecycle-monitor: lets the monitor ${stackName} (${monitorRegion}) read this account's Bedrock usage`,
      monitorAccount: parseAccountId(monitorAccount, 'monitorAccount'),
      monitorRegion,
      monitorStackName: stackName,
      roleName:
        roleName === undefined ? defaultUsageRoleName(stackName, monitorRegion) : parseRoleName(roleName),
    });
  }
} catch (error) {
  // A bad setting is the user's to fix: one clear line, no stack trace.
  if (error instanceof SettingError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
