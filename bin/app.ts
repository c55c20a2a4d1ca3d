#!/usr/bin/env node
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { SettingError } from '../contract/setting-error';
import { DEFAULTS, parseStackName } from '../contract/settings';
import { MonitorStack } from '../lib/monitor-stack';

const app = new App();
// Every synth checks the AWS Solutions rules; a finding without an acknowledgement fails it.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
try {
  // The monitor's own settings are read from the context by the construct, which parses them once.
  new MonitorStack(app, parseStackName(app.node.tryGetContext('stackName') ?? DEFAULTS.stackName), {
    env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
    description: 'bedrock-lifecycle-monitor: Bedrock model lifecycle alerts and history',
  });
} catch (error) {
  // A bad setting is the user's to fix: one clear line, no stack trace.
  if (error instanceof SettingError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
