// Builds what the npm package ships besides the committed CLI bundle (`npm run build:package`, run
// by `npm pack` and `npm publish` as prepack): the construct library compiled to CommonJS with
// declarations, an ES module entry beside it, and the functions' code prebuilt.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { BedrockLifecycleMonitor } from '../lib/bedrock-lifecycle-monitor';
import { ProjectFunction } from '../lib/project-function';

const ROOT = join(__dirname, '..');
const BUILD = join(ROOT, 'build');

/** tsc's CommonJS output, the one copy of the construct that ESM and CommonJS consumers share. */
function compileLibrary(): void {
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.package.json'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
}

/**
 * An ES module that re-exports the CommonJS entry by name. A second, ESM copy of the construct
 * would be a second class: `instanceof` checks between the two copies would fail.
 */
function writeModuleEntry(): void {
  const names = Object.keys(require(join(BUILD, 'lib', 'index.js'))).filter((name) => name !== '__esModule');
  writeFileSync(
    join(BUILD, 'lib', 'index.mjs'),
    `import library from './index.js';\nexport const { ${names.join(', ')} } = library;\n`,
  );
}

/**
 * Synthesizes a monitor with every function from the sources, then copies each function's bundled
 * asset to the folder the package's ProjectFunction reads: what a consumer deploys is byte for
 * byte what this repository's own synth bundles.
 */
function prebuildFunctions(): void {
  const outdir = mkdtempSync(join(tmpdir(), 'package-functions-'));
  try {
    const app = new App({ outdir });
    const stack = new Stack(app, 'Functions', { env: { region: 'us-east-1' } });
    new BedrockLifecycleMonitor(stack, 'Monitor', { slackWebhookSecretName: 'prebuild' });
    app.synth();
    for (const construct of app.node.findAll()) {
      if (!(construct instanceof ProjectFunction)) continue;
      const code = stack.resolve((construct.function.node.defaultChild as lambda.CfnFunction).code) as {
        s3Key: string;
      };
      const hash = code.s3Key.replace(/\.zip$/, '');
      cpSync(join(outdir, `asset.${hash}`), join(BUILD, relative(ROOT, construct.prebuiltCode)), {
        recursive: true,
      });
    }
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

rmSync(BUILD, { recursive: true, force: true });
compileLibrary();
writeModuleEntry();
prebuildFunctions();
console.error(`Wrote ${BUILD}`);
