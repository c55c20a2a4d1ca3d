import {
  type DockerImageAssetLocation,
  type FileAssetLocation,
  type ISynthesisSession,
  StackSynthesizer,
} from 'aws-cdk-lib';

/**
 * Synthesizes a stack that deploys into an account never bootstrapped for the CDK: its template
 * inline, no assets, and no bootstrap role in the cloud assembly. `BootstraplessSynthesizer`
 * still names the bootstrap deploy and execution roles in the manifest, and the CDK CLI assumes
 * the one and passes the other to CloudFormation as `RoleARN`, so the deploy fails where they do
 * not exist (aws/aws-cdk#20648). With no role named, the CLI deploys with the caller's credentials.
 */
export class NoBootstrapSynthesizer extends StackSynthesizer {
  addFileAsset(): FileAssetLocation {
    throw new Error('This stack deploys without CDK bootstrap, so it cannot have file assets');
  }

  addDockerImageAsset(): DockerImageAssetLocation {
    throw new Error('This stack deploys without CDK bootstrap, so it cannot have Docker image assets');
  }

  synthesize(session: ISynthesisSession): void {
    this.synthesizeTemplate(session);
    this.emitArtifact(session);
  }
}
