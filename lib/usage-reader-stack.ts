import { BootstraplessSynthesizer, CfnOutput, CfnParameter, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { UsageReaderRole } from './usage-reader-role';

export interface UsageReaderStackProps extends StackProps {
  /**
   * The account the monitor runs in (`-c monitorAccount=…`), as the MonitorAccount parameter's default.
   * @default - no default: the parameter must be given at deploy time
   */
  readonly monitorAccount?: string;
  /** The monitor's stack name (`stackName`). */
  readonly monitorStackName: string;
  /** The role's name (`usageRoleName`). */
  readonly roleName: string;
}

/** The CloudFormation parameter that names the monitor's account. */
export const MONITOR_ACCOUNT_PARAMETER = 'MonitorAccount';

/**
 * The usage reader role of one member account, as a stack of its own: deployed with
 * `cdk deploy BedrockLifecycleUsageReader` into each account, or as the template of the monitor's
 * StackSet. It needs no CDK bootstrap (it has no assets), so member accounts need none either.
 */
export class UsageReaderStack extends Stack {
  readonly reader: UsageReaderRole;

  constructor(scope: Construct, id: string, props: UsageReaderStackProps) {
    super(scope, id, { synthesizer: new BootstraplessSynthesizer(), ...props });
    const monitorAccount = new CfnParameter(this, MONITOR_ACCOUNT_PARAMETER, {
      type: 'String',
      description: 'The AWS account the Bedrock lifecycle monitor runs in',
      allowedPattern: '^\\d{12}$',
      constraintDescription: 'a 12-digit AWS account id',
      ...(props.monitorAccount ? { default: props.monitorAccount } : {}),
    });
    this.reader = new UsageReaderRole(this, 'UsageReader', {
      monitorAccount: monitorAccount.valueAsString,
      monitorStackName: props.monitorStackName,
      roleName: props.roleName,
    });
    new CfnOutput(this, 'RoleArn', { value: this.reader.role.roleArn, description: 'The usage reader role' });
  }
}
