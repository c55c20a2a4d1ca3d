import { CfnOutput, CfnParameter, Stack, type StackProps, Token } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { defaultUsageRoleName, REGION_PATTERN } from '../contract/settings';
import { NoBootstrapSynthesizer } from './no-bootstrap-synthesizer';
import { UsageReaderRole } from './usage-reader-role';

export interface UsageReaderStackProps extends StackProps {
  /**
   * The account the monitor runs in (`-c monitorAccount=…`), as the MonitorAccount parameter's default.
   * @default - no default: the parameter must be given at deploy time
   */
  readonly monitorAccount?: string;
  /**
   * The region the monitor runs in (`-c monitorRegion=…`): its function role, which the reader
   * trusts, is named after it. A region name is written into the template.
   * @default - a MonitorRegion parameter, given at deploy time (a StackSet of a monitor whose own
   * region is known only then)
   */
  readonly monitorRegion?: string;
  /** The monitor's stack name (`stackName`). */
  readonly monitorStackName: string;
  /**
   * The role's name (`usageRoleName`).
   * @default - `<monitor stack name>-Reader-<monitor region>`, as the monitor names it
   */
  readonly roleName?: string;
}

/** The CloudFormation parameters that name the monitor's account and region. */
export const MONITOR_ACCOUNT_PARAMETER = 'MonitorAccount';
export const MONITOR_REGION_PARAMETER = 'MonitorRegion';

/**
 * The usage reader role of one member account, as a stack of its own: deployed with
 * `cdk deploy BedrockLifecycleUsageReader` into each account, or as the template of the monitor's
 * StackSet. It needs no CDK bootstrap (it has no assets), so member accounts need none either.
 */
export class UsageReaderStack extends Stack {
  readonly reader: UsageReaderRole;

  constructor(scope: Construct, id: string, props: UsageReaderStackProps) {
    super(scope, id, { synthesizer: new NoBootstrapSynthesizer(), ...props });
    const monitorAccount = new CfnParameter(this, MONITOR_ACCOUNT_PARAMETER, {
      type: 'String',
      description: 'The AWS account the Bedrock lifecycle monitor runs in',
      allowedPattern: '^\\d{12}$',
      constraintDescription: 'a 12-digit AWS account id',
      ...(props.monitorAccount ? { default: props.monitorAccount } : {}),
    });
    // A known region is written as it is, so role names are checked against IAM's 64 at its length.
    const monitorRegion =
      props.monitorRegion !== undefined && !Token.isUnresolved(props.monitorRegion)
        ? props.monitorRegion
        : new CfnParameter(this, MONITOR_REGION_PARAMETER, {
            type: 'String',
            description: 'The AWS region the Bedrock lifecycle monitor runs in: its role is named after it',
            allowedPattern: REGION_PATTERN,
            constraintDescription: 'an AWS region name such as us-east-1',
          }).valueAsString;
    this.reader = new UsageReaderRole(this, 'UsageReader', {
      monitorAccount: monitorAccount.valueAsString,
      monitorRegion,
      monitorStackName: props.monitorStackName,
      roleName: props.roleName ?? defaultUsageRoleName(props.monitorStackName, monitorRegion),
    });
    new CfnOutput(this, 'RoleArn', { value: this.reader.role.roleArn, description: 'The usage reader role' });
  }
}
