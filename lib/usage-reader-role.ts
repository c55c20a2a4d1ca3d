import { Aws, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { monitorRoleName } from '../contract/settings';

export interface UsageReaderRoleProps {
  /** The account the monitor runs in; a CloudFormation parameter's value in a StackSet. */
  readonly monitorAccount: string;
  /** The region the monitor runs in; a CloudFormation parameter's value. */
  readonly monitorRegion: string;
  /** The monitor's stack name: its function's role name and the external id it sends derive from it. */
  readonly monitorStackName: string;
  /** The role's name, the same in every member account: `usageRoleName`. */
  readonly roleName: string;
}

/** What the monitor reads in a member account: nothing else. */
export const USAGE_READER_ACTIONS = ['cloudwatch:GetMetricData', 'bedrock:ListInferenceProfiles'] as const;

/**
 * The role a member account gives the monitor: it trusts the monitor's function role alone, by its
 * ARN (a condition on the monitor account's principal, so the trust survives the role being
 * re-created), with the monitor's id as sts:ExternalId; and it can read the account's Bedrock
 * `Invocations` and token metrics and inference profiles, nothing more.
 */
export class UsageReaderRole extends Construct {
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: UsageReaderRoleProps) {
    super(scope, id);
    const monitorRoleArn = `arn:${Aws.PARTITION}:iam::${props.monitorAccount}:role/${monitorRoleName(props.monitorStackName, props.monitorRegion)}`;
    this.role = new iam.Role(this, 'Role', {
      roleName: props.roleName,
      description: `Lets the Bedrock lifecycle monitor ${props.monitorStackName} read this account's Bedrock usage`,
      assumedBy: new iam.AccountPrincipal(props.monitorAccount).withConditions({
        ArnEquals: { 'aws:PrincipalArn': monitorRoleArn },
        StringEquals: { 'sts:ExternalId': props.monitorStackName },
      }),
      inlinePolicies: {
        ReadBedrockUsage: new iam.PolicyDocument({
          statements: [new iam.PolicyStatement({ actions: [...USAGE_READER_ACTIONS], resources: ['*'] })],
        }),
      },
    });
    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
      reason:
        'cloudwatch:GetMetricData and bedrock:ListInferenceProfiles have no resource types: IAM accepts only *. They are the only actions the role allows.',
    });
  }
}
