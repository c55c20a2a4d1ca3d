import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { App, Aws, Token } from 'aws-cdk-lib';
import * as cloudformation from 'aws-cdk-lib/aws-cloudformation';
import * as cxapi from 'aws-cdk-lib/cx-api';
import { Construct } from 'constructs';
import type { StackSetCaller } from '../contract/settings';
import { MONITOR_ACCOUNT_PARAMETER, MONITOR_REGION_PARAMETER, UsageReaderStack } from './usage-reader-stack';

export interface UsageReaderStackSetProps {
  /** The monitor's stack name. */
  readonly monitorStackName: string;
  /**
   * The reader role's name in every member account (`usageRoleName`).
   * @default - `<monitor stack name>-Reader-<monitor region>`, from the template's parameters
   */
  readonly roleName?: string;
  /** The region the monitor runs in (its function role is named after it). */
  readonly monitorRegion: string;
  /** The one region each account's instance deploys to: the role is global, the region must be enabled. */
  readonly instanceRegion: string;
  /** The organizational units (or root) whose accounts get the role, now and as they join. */
  readonly organizationalUnits: readonly string[];
  /** Whether the monitor's account is the management account (SELF) or a delegated administrator. */
  readonly callAs: StackSetCaller;
}

/**
 * The member stack's template, synthesized on its own with the enclosing app's feature flags: the
 * StackSet deploys exactly what `cdk deploy BedrockLifecycleUsageReader` would.
 */
function readerTemplate(scope: Construct, props: UsageReaderStackSetProps): unknown {
  const outdir = mkdtempSync(path.join(tmpdir(), 'usage-reader-'));
  try {
    const flags = Object.fromEntries(
      Object.keys(cxapi.FLAGS).flatMap((flag) => {
        const value = scope.node.tryGetContext(flag);
        return value === undefined ? [] : [[flag, value]];
      }),
    );
    // No analytics metadata: the StackSet's template carries the role and nothing else.
    const app = new App({ outdir, analyticsReporting: false, context: flags });
    // A region known at synth is written into the template; one left to deploy time (a token of the
    // monitor's stack, which means nothing in the member's) comes in as the MonitorRegion parameter.
    const stack = new UsageReaderStack(app, 'UsageReader', {
      monitorStackName: props.monitorStackName,
      ...(Token.isUnresolved(props.monitorRegion) ? {} : { monitorRegion: props.monitorRegion }),
      ...(props.roleName ? { roleName: props.roleName } : {}),
    });
    return app.synth().getStackArtifact(stack.artifactId).template;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/**
 * A service-managed StackSet that puts the usage reader role into every account of the given
 * organizational units, and into each account that joins them later (automatic deployment), in one
 * region every account has enabled (the role is global: one instance per account is enough, and an
 * opt-in region an account has not enabled would fail its instance, silently under the failure
 * tolerance). StackSets never deploy to the management account itself: the monitor reads its own
 * account directly.
 */
export class UsageReaderStackSet extends Construct {
  readonly stackSet: cloudformation.CfnStackSet;

  constructor(scope: Construct, id: string, props: UsageReaderStackSetProps) {
    super(scope, id);
    this.stackSet = new cloudformation.CfnStackSet(this, 'StackSet', {
      stackSetName: `${props.monitorStackName}-UsageReader`,
      description: 'The Bedrock lifecycle monitor usage reader role, in each member account',
      permissionModel: 'SERVICE_MANAGED',
      callAs: props.callAs,
      autoDeployment: { enabled: true, retainStacksOnAccountRemoval: false },
      capabilities: ['CAPABILITY_NAMED_IAM'],
      managedExecution: { Active: true },
      operationPreferences: {
        regionConcurrencyType: 'PARALLEL',
        maxConcurrentPercentage: 25,
        // One account that cannot take the role (say, a name already used) must not stop the others.
        failureTolerancePercentage: 100,
      },
      parameters: [
        { parameterKey: MONITOR_ACCOUNT_PARAMETER, parameterValue: Aws.ACCOUNT_ID },
        ...(Token.isUnresolved(props.monitorRegion)
          ? [{ parameterKey: MONITOR_REGION_PARAMETER, parameterValue: props.monitorRegion }]
          : []),
      ],
      stackInstancesGroup: [
        {
          deploymentTargets: { organizationalUnitIds: [...props.organizationalUnits] },
          regions: [props.instanceRegion],
        },
      ],
      templateBody: JSON.stringify(readerTemplate(this, props)),
    });
  }
}
