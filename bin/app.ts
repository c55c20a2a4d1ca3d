#!/usr/bin/env node
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { SettingError } from '../lambda/domain/settings';
import { configFromContext } from '../lib/config';
import { MonitorStack } from '../lib/monitor-stack';

const app = new App();
// Every synth checks the AWS Solutions rules; a finding without an acknowledgement fails it.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
try {
  const config = configFromContext((key) => app.node.tryGetContext(key));
  new MonitorStack(app, config.stackName, {
    env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
    description: 'bedrock-lifecycle-monitor: Bedrock model lifecycle alerts and history',
    monitor: config.monitor,
  });
} catch (error) {
  // A bad setting is the user's to fix: one clear line, no stack trace.
  if (error instanceof SettingError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
