import { existsSync } from 'node:fs';
import * as path from 'node:path';
import type { Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/** How lambda/ is bundled at synth (and so what the npm package ships prebuilt). */
const BUNDLING: nodejs.BundlingOptions = {
  externalModules: [],
  minify: true,
  sourceMap: true,
  sourcesContent: false,
  target: 'node24',
  format: nodejs.OutputFormat.ESM,
  mainFields: ['module', 'main'],
  // Some bundled CommonJS dependencies call require() for Node built-ins.
  banner: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
};

/** The variables every project function gets, besides its own. */
export const PROJECT_ENVIRONMENT = {
  POWERTOOLS_SERVICE_NAME: 'bedrock-lifecycle-monitor',
  NODE_OPTIONS: '--enable-source-maps',
} as const;

export interface ProjectFunctionProps {
  /** The handler file under `lambda/`, e.g. `handler.ts`. */
  readonly entry: string;
  readonly description: string;
  readonly memorySize: number;
  readonly timeout: Duration;
  readonly logRetention: logs.RetentionDays;
  /** Async retries of a failed invocation. */
  readonly retryAttempts: number;
  /**
   * @default - no limit of its own
   */
  readonly reservedConcurrentExecutions?: number;
  /**
   * How long an async event may wait for a (re)try.
   * @default - Lambda's 6 hours
   */
  readonly maxEventAge?: Duration;
  /**
   * Where async invocations go after their last failed attempt.
   * @default - none
   */
  readonly deadLetterQueue?: sqs.IQueue;
  /**
   * The role's name, for a role other accounts trust by its ARN.
   * @default - a name CloudFormation generates
   */
  readonly roleName?: string;
  /**
   * The variables the handler reads (contract/environment.ts writes them).
   * @default - only the project's own logging and source-map variables
   */
  readonly environment?: Readonly<Record<string, string>>;
}

/**
 * A function of this project, built the same way every time: Node.js 24 on ARM64, bundled with its
 * AWS SDK clients (the runtime's copy may predate the fields the code reads), minified ESM with
 * source maps, its own log group with retention, and an explicit role that starts with nothing but
 * writing to that log group.
 *
 * In the repository the code is bundled from lambda/ at synth. The npm package ships it prebuilt
 * (`npm run build:package` copies these very bundles into `functions/`), so that a consumer's synth
 * needs neither esbuild nor the TypeScript sources: the same bytes, the same asset hash.
 */
export class ProjectFunction extends Construct {
  readonly function: nodejs.NodejsFunction;
  readonly logGroup: logs.LogGroup;
  /** Where the npm package keeps this function's prebuilt code; absent in the repository. */
  readonly prebuiltCode: string;

  constructor(scope: Construct, id: string, props: ProjectFunctionProps) {
    super(scope, id);
    this.logGroup = new logs.LogGroup(this, 'Logs', { retention: props.logRetention });
    const role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      ...(props.roleName ? { roleName: props.roleName } : {}),
    });
    this.logGroup.grantWrite(role);
    this.prebuiltCode = path.join(__dirname, '..', 'functions', path.basename(props.entry, '.ts'));
    this.function = new nodejs.NodejsFunction(this, 'Function', {
      description: props.description,
      ...(existsSync(this.prebuiltCode)
        ? { code: lambda.Code.fromAsset(this.prebuiltCode), handler: 'index.handler' }
        : {
            entry: path.join(__dirname, '..', 'lambda', props.entry),
            handler: 'handler',
            bundling: BUNDLING,
          }),
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize,
      timeout: props.timeout,
      retryAttempts: props.retryAttempts,
      ...(props.reservedConcurrentExecutions === undefined
        ? {}
        : { reservedConcurrentExecutions: props.reservedConcurrentExecutions }),
      ...(props.maxEventAge ? { maxEventAge: props.maxEventAge } : {}),
      ...(props.deadLetterQueue ? { deadLetterQueue: props.deadLetterQueue } : {}),
      logGroup: this.logGroup,
      role,
      environment: { ...PROJECT_ENVIRONMENT, ...props.environment },
    });
  }
}
