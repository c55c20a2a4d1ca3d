import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { ENVIRONMENT_MAX_BYTES, environmentBytes } from '../../contract/environment';
import { CDK_JSON_CONTEXT, SYNTH_ENV, synthMonitor } from '../../lab/synth';
import { BedrockLifecycleMonitor } from '../../lib/bedrock-lifecycle-monitor';
import { UsageReaderStack } from '../../lib/usage-reader-stack';
import { ALL_FEATURES } from '../support/all-features';

/**
 * The rules AWS enforces at deploy or run time that moto does not: moto accepts any Chatbot
 * configuration, ignores `RoleARN`, role-name collisions across regions, and StackSet targets. Each
 * test names its source. A configuration AWS would refuse must fail `cdk synth` with one line
 * naming the key, not a CloudFormation rollback ten minutes in.
 */

type Resource = { Type: string; Properties: Record<string, unknown> };
type TemplateJson = { Resources: Record<string, Resource>; Parameters?: Record<string, unknown> };

const resourcesOf = (template: TemplateJson, type: string) =>
  Object.entries(template.Resources).filter(([, r]) => r.Type === type);

/** A value with each CloudFormation intrinsic replaced by a string, e.g. its longest resolution. */
function resolved(value: unknown, intrinsic: (node: Record<string, unknown>) => string): unknown {
  if (Array.isArray(value)) return value.map((v) => resolved(v, intrinsic));
  if (typeof value !== 'object' || value === null) return value;
  const node = value as Record<string, unknown>;
  const [key] = Object.keys(node);
  if (Object.keys(node).length === 1 && key !== undefined && (key === 'Ref' || key.startsWith('Fn::'))) {
    if (key === 'Fn::Join') {
      const [separator, parts] = node[key] as [string, unknown[]];
      return parts.map((part) => resolved(part, intrinsic)).join(separator);
    }
    return intrinsic(node);
  }
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, resolved(v, intrinsic)]));
}

/** ALL_FEATURES with the pager route also sending to the alert topic's first Slack and Teams channels. */
const SHARED_CHANNELS = {
  ...ALL_FEATURES,
  routes: (ALL_FEATURES.routes ?? []).map((route) =>
    route.name === 'pager'
      ? {
          ...route,
          slackChannelIds: ['C0123ABCD', 'C0789IJKL'],
          teamsChannelIds: ['19:a1b2c3d4e5@thread.tacv2', '19:f6e5d4c3b2@thread.tacv2'],
        }
      : route,
  ),
};

/** The chat channels of SHARED_CHANNELS alone: no usage across accounts, which bounds the stack name. */
const CHAT_ONLY = {
  slackWorkspaceId: SHARED_CHANNELS.slackWorkspaceId,
  slackChannelIds: SHARED_CHANNELS.slackChannelIds,
  teamsTenantId: SHARED_CHANNELS.teamsTenantId,
  teamsTeamId: SHARED_CHANNELS.teamsTeamId,
  teamsChannelIds: SHARED_CHANNELS.teamsChannelIds,
  routes: SHARED_CHANNELS.routes?.filter((route) => route.name === 'pager'),
};

/** The member stack as `cdk deploy BedrockLifecycleUsageReader -c monitorAccount=…` synthesizes it. */
function readerApp() {
  const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'cdk-reader-')), context: CDK_JSON_CONTEXT });
  const stack = new UsageReaderStack(app, 'BedrockLifecycleUsageReader', {
    env: { account: '222222222222', region: SYNTH_ENV.region },
    monitorAccount: '111111111111',
    monitorRegion: SYNTH_ENV.region,
    monitorStackName: 'Monitor',
  });
  return { app, stack };
}

/** Every role name a template sets, parameters resolved to `parameters`. */
function roleNames(template: TemplateJson, parameters: Record<string, string> = {}): string[] {
  return resourcesOf(template, 'AWS::IAM::Role').flatMap(([, role]) =>
    role.Properties.RoleName === undefined
      ? []
      : [resolved(role.Properties.RoleName, (n) => parameters[String(n.Ref)] ?? '?') as string],
  );
}

/** The monitor function's environment variables, as the template writes them. */
function monitorVariables(template: TemplateJson): Record<string, unknown> {
  const variables = resourcesOf(template, 'AWS::Lambda::Function')
    .map(([, fn]) => (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables)
    .find((v) => 'TABLE_NAME' in v);
  if (!variables) throw new Error('no monitor function');
  return variables;
}

describe('AWS Chatbot', () => {
  it('configures each Slack and Teams channel once per account, with every topic routed to it (cloudformation-coverage-roadmap#1155: "has already been configured")', () => {
    const template = synthMonitor(SHARED_CHANNELS).template.toJSON() as TemplateJson;
    const slack = resourcesOf(template, 'AWS::Chatbot::SlackChannelConfiguration').map(
      ([, r]) => r.Properties,
    );
    expect(slack.map((c) => c.SlackChannelId)).toEqual(['C0123ABCD', 'C0456EFGH', 'C0789IJKL']);
    const topics = (config: Record<string, unknown> | undefined) =>
      ((config?.SnsTopicArns ?? []) as { Ref: string }[]).map((t) => t.Ref.replace(/Topic.*$/, ''));
    expect(topics(slack[0])).toEqual(['MonitorAlerts', 'MonitorRoutespager']);
    expect(topics(slack[1])).toEqual(['MonitorAlerts']);
    expect(topics(slack[2])).toEqual(['MonitorRoutespager']);
    const teams = resourcesOf(template, 'AWS::Chatbot::MicrosoftTeamsChannelConfiguration').map(
      ([, r]) => r.Properties,
    );
    expect(teams.map((c) => c.TeamsChannelId)).toEqual([
      encodeURIComponent('19:a1b2c3d4e5@thread.tacv2'),
      encodeURIComponent('19:f6e5d4c3b2@thread.tacv2'),
    ]);
    expect(topics(teams[0])).toEqual(['MonitorAlerts', 'MonitorRoutespager']);
  });

  it('names each configuration within 128 of [A-Za-z0-9-_], after the stack, region and channel, unique across the regions of an account (AWS::Chatbot::*ChannelConfiguration ConfigurationName; Chatbot admin guide: names are unique in the account)', () => {
    const names = (region: string, name: string) =>
      Object.values((synthMonitor(CHAT_ONLY, { region, name }).template.toJSON() as TemplateJson).Resources)
        .filter((r) => r.Type.startsWith('AWS::Chatbot::'))
        .map((r) => String(r.Properties.ConfigurationName));
    const longest = 'M'.repeat(128);
    const here = names('eu-west-1', longest);
    const there = names('ap-southeast-5', longest);
    expect(here).toHaveLength(5);
    for (const name of [...here, ...there]) expect(name).toMatch(/^[A-Za-z0-9-_]{1,128}$/);
    expect(new Set([...here, ...there]).size).toBe(10);
    expect(names('eu-west-1', 'Monitor')).toContain('Monitor-eu-west-1-slack-C0123ABCD');
  });
});

describe('AWS Chatbot, across deploys', () => {
  const configurations = (props: typeof CHAT_ONLY) =>
    Object.entries((synthMonitor(props).template.toJSON() as TemplateJson).Resources)
      .filter(([, r]) => r.Type.startsWith('AWS::Chatbot::'))
      .map(([id, r]) => [
        id,
        r.Properties.ConfigurationName,
        r.Properties.SlackChannelId ?? r.Properties.TeamsChannelId,
      ]);

  it('keeps a channel’s configuration (logical id and name) when other channels are removed or reordered: CloudFormation creates a replacement before deleting the old one, which Chatbot refuses for the same channel', () => {
    const both = configurations({ ...CHAT_ONLY, routes: [], slackChannelIds: ['C0123ABCD', 'C0456EFGH'] });
    const reordered = configurations({
      ...CHAT_ONLY,
      routes: [],
      slackChannelIds: ['C0456EFGH', 'C0123ABCD'],
    });
    const one = configurations({ ...CHAT_ONLY, routes: [], slackChannelIds: ['C0456EFGH'] });
    const of = (list: unknown[][], channel: string) => list.find((c) => c[2] === channel);
    expect(of(one, 'C0456EFGH')).toEqual(of(both, 'C0456EFGH'));
    expect(of(reordered, 'C0123ABCD')).toEqual(of(both, 'C0123ABCD'));
  });

  it('configures a Teams channel once, however its id is spelled (as copied, or percent-encoded in either case)', () => {
    const teams = configurations({
      ...CHAT_ONLY,
      routes: [],
      teamsChannelIds: ['19:abc@thread.tacv2', '19%3aabc%40thread.tacv2', '19%3Aabc%40thread.tacv2'],
    }).filter(([, , channel]) => String(channel).startsWith('19'));
    expect(teams.map((c) => c[2])).toEqual(['19%3Aabc%40thread.tacv2']);
  });
});

describe('AWS Lambda', () => {
  it('keeps the function’s environment within 4 KB as Lambda measures it, as JSON text, at the longest table name and topic ARN (Lambda quotas; terraform-aws-github-runner#3594: "String measured: {…}")', () => {
    const template = synthMonitor(ALL_FEATURES).template.toJSON() as TemplateJson;
    // The table's name (255 at most) and the topic's ARN (a 256-character name, and the rest).
    const longest = resolved(monitorVariables(template), (n) =>
      'x'.repeat(String(n.Ref).includes('Topic') ? 330 : 255),
    ) as Record<string, string>;
    expect(Buffer.byteLength(JSON.stringify(longest))).toBeLessThanOrEqual(ENVIRONMENT_MAX_BYTES);
    expect(environmentBytes(longest)).toBe(Buffer.byteLength(JSON.stringify(longest)));
  });

  it('rejects at synth, naming the key and the sizes, an environment over 4 KB as JSON (20 routes of 7 accounts)', () => {
    const accounts = Array.from({ length: 7 }, (_, i) => String(111111111111 * (i + 1)));
    const routes = Array.from({ length: 20 }, (_, i) => ({ name: `team-${i}`, accounts }));
    expect(() => synthMonitor({ usageAccounts: accounts, routes })).toThrow(
      /^Invalid routes: takes \d{4} bytes of the function's environment \(ROUTES\), which would be \d{4} bytes as JSON, over Lambda's 4096-byte limit$/,
    );
  });
});

describe('the CDK CLI and CloudFormation', () => {
  it('names no bootstrap role, asset or bootstrap version in the member stack’s manifest, so it deploys into an account never bootstrapped (aws/aws-cdk#20648)', () => {
    const { app, stack } = readerApp();
    const artifact = app.synth().getStackArtifact(stack.artifactId);
    expect(artifact.assumeRoleArn).toBeUndefined();
    expect(artifact.cloudFormationExecutionRoleArn).toBeUndefined();
    expect(artifact.lookupRole).toBeUndefined();
    expect(artifact.requiresBootstrapStackVersion).toBeUndefined();
    expect(artifact.stackTemplateAssetObjectUrl).toBeUndefined();
    expect(artifact.dependencies.map((d) => d.id)).toEqual([]);
    expect(artifact.template.Rules).toBeUndefined();
  });
});

describe('IAM', () => {
  it('gives the monitor’s roles names of the stack and its region: role names are unique in an account across regions, and within 64 characters (IAM quotas)', () => {
    const named = (region: string) =>
      roleNames(synthMonitor(ALL_FEATURES, { region }).template.toJSON() as TemplateJson).filter(
        (name) => name !== '?',
      );
    const here = named('eu-west-1');
    expect(here).toEqual(['Monitor-Monitor-eu-west-1']);
    expect(named('us-west-2')).toEqual(['Monitor-Monitor-us-west-2']);
    for (const name of here) expect(name.length).toBeLessThanOrEqual(64);
  });

  it('gives a second monitor of the organization reader roles of its own: another stack name, or the same name in another region (a StackSet would otherwise fail in every account, silently under its failure tolerance)', () => {
    const readerRoleOf = (name: string, region: string) => {
      const template = synthMonitor(ALL_FEATURES, { name, region }).template.toJSON() as TemplateJson;
      const [[, stackSet] = []] = resourcesOf(template, 'AWS::CloudFormation::StackSet');
      const body = JSON.parse(String(stackSet?.Properties.TemplateBody)) as TemplateJson;
      const parameters = Object.fromEntries(
        ((stackSet?.Properties.Parameters ?? []) as { ParameterKey: string; ParameterValue: string }[]).map(
          (p) => [p.ParameterKey, p.ParameterValue],
        ),
      );
      const [role] = roleNames(body, parameters);
      // What the function assumes is what the StackSet deploys.
      expect(monitorVariables(template).USAGE_ROLE_NAME).toBe(role);
      return role;
    };
    expect(readerRoleOf('Monitor', 'eu-west-1')).toBe('Monitor-Reader-eu-west-1');
    expect(readerRoleOf('Monitor', 'us-west-2')).toBe('Monitor-Reader-us-west-2');
    expect(readerRoleOf('Team', 'eu-west-1')).toBe('Team-Reader-eu-west-1');
  });

  it('keeps each role’s inline policies within 10,240 characters, ARNs at their longest (IAM quotas: role policy size)', () => {
    const template = synthMonitor(ALL_FEATURES).template.toJSON() as TemplateJson;
    const longest = (value: unknown) =>
      JSON.stringify(resolved(value, () => 'x'.repeat(330))).replace(/\s/g, '').length;
    for (const [id, role] of resourcesOf(template, 'AWS::IAM::Role')) {
      const attached = resourcesOf(template, 'AWS::IAM::Policy')
        .filter(([, p]) => JSON.stringify(p.Properties.Roles).includes(`"${id}"`))
        .map(([, p]) => p.Properties.PolicyDocument);
      const inline = ((role.Properties.Policies ?? []) as { PolicyDocument: unknown }[]).map(
        (p) => p.PolicyDocument,
      );
      const size = [...attached, ...inline].reduce((sum: number, doc) => sum + longest(doc), 0);
      expect({ id, size: size <= 10_240 }).toEqual({ id, size: true });
    }
  });
});

describe('CloudFormation StackSets', () => {
  it('passes the StackSet exactly the parameters its template declares, and every one without a default (CreateStackSet refuses a parameter the template lacks; CreateStackInstances fails on a missing one)', () => {
    const keysOf = (template: TemplateJson) => {
      const [[, stackSet] = []] = resourcesOf(template, 'AWS::CloudFormation::StackSet');
      const body = JSON.parse(String(stackSet?.Properties.TemplateBody)) as TemplateJson;
      const passed = ((stackSet?.Properties.Parameters ?? []) as { ParameterKey: string }[]).map(
        (p) => p.ParameterKey,
      );
      return { passed, declared: Object.keys(body.Parameters ?? {}) };
    };
    const known = keysOf(synthMonitor(ALL_FEATURES).template.toJSON() as TemplateJson);
    expect(known.passed).toEqual(known.declared);
    // A monitor whose region is left to deploy time passes its region too.
    const app = new App({ context: CDK_JSON_CONTEXT });
    const agnostic = new Stack(app, 'Agnostic');
    new BedrockLifecycleMonitor(agnostic, 'Monitor', ALL_FEATURES);
    const deployTime = keysOf(Template.fromStack(agnostic).toJSON() as TemplateJson);
    expect(deployTime.passed).toEqual(deployTime.declared);
    expect(deployTime.declared).toEqual(['MonitorAccount', 'MonitorRegion']);
  });

  it('deploys the reader role service-managed to the units, in us-east-1 whatever the monitor’s region: IAM is global, and an opt-in region an account has not enabled fails its instance (API_DeploymentTargets; opt-in regions)', () => {
    const stackSetOf = (props: typeof ALL_FEATURES, region: string) => {
      const template = synthMonitor(props, { region }).template.toJSON() as TemplateJson;
      return resourcesOf(template, 'AWS::CloudFormation::StackSet')[0]?.[1].Properties;
    };
    expect(stackSetOf(ALL_FEATURES, 'ap-southeast-7')).toMatchObject({
      PermissionModel: 'SERVICE_MANAGED',
      AutoDeployment: { Enabled: true, RetainStacksOnAccountRemoval: false },
      Capabilities: ['CAPABILITY_NAMED_IAM'],
      StackInstancesGroup: [
        { DeploymentTargets: { OrganizationalUnitIds: ['ou-ab12-cdef3456'] }, Regions: ['us-east-1'] },
      ],
    });
    expect(stackSetOf({ ...ALL_FEATURES, usageStackSetRegion: 'eu-central-1' }, 'eu-west-1')).toMatchObject({
      StackInstancesGroup: [{ Regions: ['eu-central-1'] }],
    });
  });
});

describe('Amazon SNS', () => {
  it('names topics within 256 of [A-Za-z0-9_-], display names within 100 characters (AWS::SNS::Topic TopicName, DisplayName)', () => {
    const routes = Array.from({ length: 20 }, (_, i) => ({ name: `R${i}${'r'.repeat(37)}` }));
    const template = synthMonitor({ routes }, { name: 'S'.repeat(128) }).template.toJSON() as TemplateJson;
    const topics = resourcesOf(template, 'AWS::SNS::Topic').map(([, r]) => r.Properties);
    expect(topics).toHaveLength(21);
    for (const topic of topics) {
      if (topic.TopicName !== undefined) expect(topic.TopicName).toMatch(/^[A-Za-z0-9_-]{1,256}$/);
      expect(String(topic.DisplayName ?? '').length).toBeLessThanOrEqual(100);
    }
  });
});

/**
 * cfn-lint warnings this app accepts, each with its reason. Any other finding fails the test.
 * W3005: NodejsFunction declares DependsOn on its role and the role's default policy; the GetAtt
 * of the role makes the first redundant. It is CDK's output and harmless.
 */
const ACCEPTED_CFN_LINT_WARNINGS = ['W3005'];

describe('cfn-lint (the CloudFormation resource specification)', () => {
  it('finds no error, and only accepted warnings, in every template the app synthesizes: the monitor with every feature and with none, the member stack, and the StackSet’s own template', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cfn-lint-'));
    const all = synthMonitor(SHARED_CHANNELS);
    all.app.synth();
    const none = synthMonitor({}, { name: 'Defaults' });
    none.app.synth();
    const { app, stack } = readerApp();
    const member = join(dir, 'member.template.json');
    writeFileSync(member, JSON.stringify(app.synth().getStackArtifact(stack.artifactId).template));
    const [[, stackSet] = []] = resourcesOf(
      all.template.toJSON() as TemplateJson,
      'AWS::CloudFormation::StackSet',
    );
    const inner = join(dir, 'stack-set.template.json');
    writeFileSync(inner, String(stackSet?.Properties.TemplateBody));
    const result = spawnSync(
      'cfn-lint',
      ['--format', 'parseable', all.templatePath, none.templatePath, member, inner],
      { encoding: 'utf8' },
    );
    const findings = result.stdout.split('\n').filter((line) => line.trim() !== '');
    expect(
      findings.filter((line) => !ACCEPTED_CFN_LINT_WARNINGS.some((rule) => line.includes(`:${rule}:`))),
    ).toEqual([]);
    expect([0, 4]).toContain(result.status);
  });
});
