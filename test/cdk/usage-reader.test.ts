import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { CDK_JSON_CONTEXT, SYNTH_ENV, synthMonitor } from '../../lab/synth';
import { BedrockLifecycleMonitor } from '../../lib/bedrock-lifecycle-monitor';
import { UsageReaderStack } from '../../lib/usage-reader-stack';
import { ALL_FEATURES } from '../support/all-features';
import { evaluate, type Policy } from '../support/policy-evaluator';

const MONITOR_ACCOUNT = '111111111111';

type Resources = Record<string, { Type: string; Properties: Record<string, unknown> }>;

/** The member stack, as `cdk deploy BedrockLifecycleUsageReader -c monitorAccount=…` synthesizes it. */
function synthReader(nag = false) {
  const outdir = mkdtempSync(join(tmpdir(), 'cdk-synth-'));
  const app = new App({ outdir, context: CDK_JSON_CONTEXT });
  if (nag) Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const stack = new UsageReaderStack(app, 'BedrockLifecycleUsageReader', {
    env: { account: '222222222222', region: SYNTH_ENV.region },
    monitorAccount: MONITOR_ACCOUNT,
    monitorRegion: SYNTH_ENV.region,
    monitorStackName: 'Monitor',
  });
  return { app, outdir, template: Template.fromStack(stack) };
}

/** The one role of a template, its parameters resolved to the monitor's account and region. */
function readerRole(resources: Resources) {
  const roles = Object.values(resources).filter((r) => r.Type === 'AWS::IAM::Role');
  expect(roles).toHaveLength(1);
  return JSON.parse(
    JSON.stringify(roles[0]?.Properties)
      .replaceAll('{"Ref":"MonitorAccount"}', `"${MONITOR_ACCOUNT}"`)
      .replaceAll('{"Ref":"MonitorRegion"}', `"${SYNTH_ENV.region}"`),
  ) as {
    RoleName: unknown;
    AssumeRolePolicyDocument: Policy;
    Policies: { PolicyDocument: { Statement: unknown[] } }[];
  };
}

const assume = (principal: string, externalId?: string) => ({
  principal: { aws: principal },
  action: 'sts:AssumeRole',
  context: { 'aws:PrincipalArn': principal, ...(externalId ? { 'sts:ExternalId': externalId } : {}) },
});

const MONITOR_ROLE = `arn:aws:iam::${MONITOR_ACCOUNT}:role/Monitor-Monitor-${SYNTH_ENV.region}`;

/** Who may assume the role: the monitor's function role with its id, and four that must not. */
const trustOf = (trust: Policy) => ({
  monitorRole: evaluate(trust, assume(MONITOR_ROLE, 'Monitor')),
  withoutExternalId: evaluate(trust, assume(MONITOR_ROLE)),
  otherExternalId: evaluate(trust, assume(MONITOR_ROLE, 'Other')),
  otherRoleOfTheMonitorAccount: evaluate(
    trust,
    assume(`arn:aws:iam::${MONITOR_ACCOUNT}:role/Admin`, 'Monitor'),
  ),
  sameNameInAnotherAccount: evaluate(
    trust,
    assume(`arn:aws:iam::333333333333:role/Monitor-Monitor-${SYNTH_ENV.region}`, 'Monitor'),
  ),
  sameStackInAnotherRegion: evaluate(
    trust,
    assume(`arn:aws:iam::${MONITOR_ACCOUNT}:role/Monitor-Monitor-us-west-2`, 'Monitor'),
  ),
});

describe('the usage reader role in a member account', () => {
  const { template } = synthReader();
  const resources = template.toJSON().Resources as Resources;
  const role = readerRole(resources);

  it('trusts the monitor’s function role alone, by its ARN, with the monitor’s id as external id', () => {
    expect(trustOf(role.AssumeRolePolicyDocument)).toEqual({
      monitorRole: 'allow',
      withoutExternalId: 'implicit deny',
      otherExternalId: 'implicit deny',
      otherRoleOfTheMonitorAccount: 'implicit deny',
      sameNameInAnotherAccount: 'implicit deny',
      sameStackInAnotherRegion: 'implicit deny',
    });
  });

  it('may read the Invocations metric and list inference profiles, nothing else', () => {
    expect(role.Policies.map((p) => p.PolicyDocument.Statement)).toEqual([
      [
        {
          Action: ['bedrock:ListInferenceProfiles', 'cloudwatch:GetMetricData'],
          Effect: 'Allow',
          Resource: '*',
        },
      ],
    ]);
    expect(Object.values(resources).map((r) => r.Type)).toEqual(['AWS::IAM::Role']);
    expect(role.RoleName).toBe(`Monitor-Reader-${SYNTH_ENV.region}`);
  });

  it('needs no CDK bootstrap in the member account: no assets and no bootstrap version check', () => {
    const json = template.toJSON();
    expect(json.Rules).toBeUndefined();
    expect(Object.keys(json.Parameters)).toEqual(['MonitorAccount']);
    expect(json.Parameters.MonitorAccount).toMatchObject({
      Default: MONITOR_ACCOUNT,
      AllowedPattern: '^\\d{12}$',
    });
  });

  it('passes cdk-nag’s AwsSolutions checks (cfn-lint: test/cdk/aws-rules.test.ts)', () => {
    const { app, outdir } = synthReader(true);
    expect(() => app.synth()).not.toThrow();
    const report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8'));
    expect(report.pluginReports.flatMap((p: { violations: unknown[] }) => p.violations)).toEqual([]);
  });
});

describe('the StackSet that puts the role into every account of the organizational units', () => {
  const { template } = synthMonitor(ALL_FEATURES);
  const stackSets = Object.values(template.findResources('AWS::CloudFormation::StackSet')) as {
    Properties: Record<string, unknown> & { TemplateBody: string };
  }[];

  it('deploys service-managed, to the units and to accounts that join them later, in us-east-1, which every account has', () => {
    expect(stackSets).toHaveLength(1);
    expect(stackSets[0]?.Properties).toMatchObject({
      StackSetName: 'Monitor-UsageReader',
      PermissionModel: 'SERVICE_MANAGED',
      CallAs: 'SELF',
      AutoDeployment: { Enabled: true, RetainStacksOnAccountRemoval: false },
      Capabilities: ['CAPABILITY_NAMED_IAM'],
      Parameters: [{ ParameterKey: 'MonitorAccount', ParameterValue: { Ref: 'AWS::AccountId' } }],
      StackInstancesGroup: [
        { DeploymentTargets: { OrganizationalUnitIds: ['ou-ab12-cdef3456'] }, Regions: ['us-east-1'] },
      ],
    });
  });

  it('deploys the member stack’s role, trusting the function role the monitor names after its stack', () => {
    const body = JSON.parse(stackSets[0]?.Properties.TemplateBody ?? '{}');
    const deployed = readerRole(body.Resources);
    const member = readerRole(synthReader().template.toJSON().Resources as Resources);
    expect(trustOf(deployed.AssumeRolePolicyDocument)).toEqual(trustOf(member.AssumeRolePolicyDocument));
    expect(deployed.Policies).toEqual(member.Policies);
    expect(deployed.RoleName).toEqual(member.RoleName);
    expect(body.Rules).toBeUndefined();
    expect(Object.keys(body.Parameters)).toEqual(['MonitorAccount']);
    template.hasResourceProperties('AWS::IAM::Role', {
      RoleName: `Monitor-Monitor-${SYNTH_ENV.region}`,
      AssumeRolePolicyDocument: { Statement: [{ Principal: { Service: 'lambda.amazonaws.com' } }] },
    });
  });

  it('takes the monitor’s region as a parameter when the monitor’s stack leaves it to deploy time', () => {
    const app = new App({ context: CDK_JSON_CONTEXT });
    const stack = new Stack(app, 'Agnostic');
    new BedrockLifecycleMonitor(stack, 'Monitor', {
      regions: ['us-east-1'],
      usageAccounts: 'organization',
      usageOrganizationalUnits: ['ou-ab12-cdef3456'],
    });
    const template = Template.fromStack(stack).toJSON();
    const [stackSet] = Object.values(
      template.Resources as Record<string, { Type: string; Properties: Record<string, unknown> }>,
    ).filter((r) => r.Type === 'AWS::CloudFormation::StackSet');
    expect(stackSet?.Properties.Parameters).toEqual([
      { ParameterKey: 'MonitorAccount', ParameterValue: { Ref: 'AWS::AccountId' } },
      { ParameterKey: 'MonitorRegion', ParameterValue: { Ref: 'AWS::Region' } },
    ]);
    const body = JSON.parse(String(stackSet?.Properties.TemplateBody));
    expect(Object.keys(body.Parameters)).toEqual(['MonitorAccount', 'MonitorRegion']);
    const [role] = Object.values(body.Resources as Record<string, { Properties: { RoleName: unknown } }>);
    expect(role?.Properties.RoleName).toEqual({
      'Fn::Join': ['', ['Agnostic-Reader-', { Ref: 'MonitorRegion' }]],
    });
    // What the function assumes names the same region, its own.
    expect(JSON.stringify(template)).toContain(
      '"USAGE_ROLE_NAME":{"Fn::Join":["",["Agnostic-Reader-",{"Ref":"AWS::Region"}]]}',
    );
  });

  it('leaves the function role’s name to CloudFormation when usage is read in the own account only', () => {
    const { template: own } = synthMonitor({ regions: ['us-east-1'] }, { name: 'OwnAccount' });
    own.resourcePropertiesCountIs('AWS::IAM::Role', { RoleName: Match.stringLikeRegexp('Monitor') }, 0);
    own.resourceCountIs('AWS::CloudFormation::StackSet', 0);
  });
});
