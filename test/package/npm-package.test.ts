import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { parse } from 'yaml';
import { isolatedEnv, runProcess } from '../../lab/cli';
import { CATALOG } from '../../lab/fixtures/catalog';
import { installPackage, packPackage } from '../../lab/npm-package';
import { StandInTenant } from '../../lab/stand-in-tenant';
import { BedrockLifecycleMonitor } from '../../lib/bedrock-lifecycle-monitor';
import { ALL_FEATURES } from '../support/all-features';

const ROOT = join(__dirname, '..', '..');
const NOW = '2026-04-21T08:00:00Z';

/** A consumer's CDK app, in each module system: the construct with the props in PROPS, synthesized to stdout. */
const consumerApp = (imports: string) => `${imports}
const app = new App({ outdir: process.argv[2] });
const stack = new Stack(app, 'Consumer', { env: { region: 'us-east-1' } });
new BedrockLifecycleMonitor(stack, 'Monitor', JSON.parse(process.env.PROPS));
process.stdout.write(JSON.stringify(app.synth().getStackByName('Consumer').template));
`;
const ESM_APP = consumerApp(
  "import { App, Stack } from 'aws-cdk-lib';\nimport { BedrockLifecycleMonitor } from 'bedrock-lifecycle-monitor';",
);
const COMMONJS_APP = consumerApp(
  "const { App, Stack } = require('aws-cdk-lib');\nconst { BedrockLifecycleMonitor } = require('bedrock-lifecycle-monitor');",
);

describe('the npm package, packed, installed into an empty project and used from there', () => {
  let tarball: string;
  let project: string;
  let tenant: StandInTenant;

  beforeAll(async () => {
    tarball = await packPackage();
    project = await installPackage(tarball);
    tenant = new StandInTenant(inject('standInUrl'), 'NPM');
    await tenant.set({ time: NOW, models: CATALOG });
  });

  it('holds the CLI bundle, the compiled construct with its types, the prebuilt functions and nothing else: no tests, fixtures, lab, sources, secrets or CI', async () => {
    const { stdout } = await promisify(execFile)('tar', ['tzf', tarball]);
    const files = stdout
      .trim()
      .split('\n')
      .map((file) => file.replace(/^package\//, ''));
    expect(files).toEqual(
      expect.arrayContaining([
        'package.json',
        'README.md',
        'LICENSE',
        'dist/bedrock-lifecycle.cjs',
        'dist/THIRD_PARTY_LICENSES.txt',
        'build/lib/index.js',
        'build/lib/index.mjs',
        'build/lib/index.d.ts',
        'build/functions/handler/index.mjs',
        'build/functions/slack-forwarder/index.mjs',
      ]),
    );
    const allowed =
      /^(package\.json|README\.md|LICENSE|dist\/[^/]+|build\/(lib|contract|lambda\/domain)\/[\w-]+\.(js|mjs|d\.ts)|build\/functions\/[\w-]+\/index\.mjs(\.map)?)$/;
    expect(files.filter((file) => !allowed.test(file))).toEqual([]);
    expect(
      files.filter(
        (file) => /test|fixture|lab\/|\.ci|secret|\.env|\.ts$/.test(file) && !file.endsWith('.d.ts'),
      ),
    ).toEqual([]);
  });

  it('installs for the CLI alone as one package: the CDK and the construct library are optional peers, so nothing else is fetched', () => {
    expect(readdirSync(join(project, 'node_modules')).sort()).toEqual([
      '.bin',
      '.package-lock.json',
      'bedrock-lifecycle-monitor',
    ]);
    const manifest = JSON.parse(
      readFileSync(join(project, 'node_modules', 'bedrock-lifecycle-monitor', 'package.json'), 'utf8'),
    );
    expect(manifest.dependencies ?? {}).toEqual({});
    expect(manifest.peerDependenciesMeta).toEqual({
      'aws-cdk-lib': { optional: true },
      constructs: { optional: true },
    });
  });

  describe('the installed bedrock-lifecycle command', () => {
    const command = (...args: string[]) =>
      runProcess(join(project, 'node_modules', '.bin', 'bedrock-lifecycle'), args, {
        cwd: project,
        env: isolatedEnv(project, tenant.env()),
      });

    it('prints its help', async () => {
      const help = await command('--help');
      expect(help.status, help.stderr).toBe(0);
      expect(help.stdout).toMatch(/^Usage: bedrock-lifecycle <command>/);
      expect(help.stdout).toContain('status');
    });

    it('fails the GitHub Actions gate of docs/scan.md, run as written through npx, a week before a checked model’s end of life', async () => {
      const page = readFileSync(join(ROOT, 'docs', 'scan.md'), 'utf8');
      const workflow = /```yaml\n([\s\S]*?)```/.exec(page.slice(page.indexOf('## As a gate')))?.[1] ?? '';
      const job = parse(workflow) as { 'bedrock-models': { steps: { run?: string }[] } };
      const gate = job['bedrock-models'].steps.flatMap((step) => step.run ?? []);
      expect(gate).toHaveLength(1);
      // The registry's package at this version, or here the same package packed.
      const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
      const spec = `bedrock-lifecycle-monitor@${version}`;
      expect(gate[0]).toContain(`--package ${spec} `);
      const run = await runProcess('bash', ['-c', `${gate[0]?.replace(spec, tarball)} --now ${NOW}`], {
        cwd: project,
        env: isolatedEnv(project, { npm_config_offline: 'true', ...tenant.env() }),
      });
      expect(run.status, run.stderr).toBe(1);
      expect(run.stdout).toContain(
        'FAIL us.anthropic.claude-3-7-sonnet-20250219-v1:0 (anthropic.claude-3-7-sonnet-20250219-v1:0): end of life on 2026-04-28 (7 days away) in us-east-1, us-west-2',
      );
    });

    it('reads the catalog from Bedrock and prints the status table', async () => {
      const status = await command('status', '--now', NOW, '--regions', 'us-east-1');
      expect(status.status, status.stderr).toBe(0);
      expect(status.stdout).toMatch(
        /^Claude 3\.7 Sonnet \(anthropic\.claude-3-7-sonnet-20250219-v1:0\)\s+Anthropic\s+us-east-1\s+Public extended access\s+2025-10-28\s+2026-01-27\s+2026-04-28\s+7 days$/m,
      );
    });
  });

  describe('a consumer CDK app with the construct imported from the installed package', () => {
    const fromSources = (): unknown => {
      const app = new App();
      const stack = new Stack(app, 'Consumer', { env: { region: 'us-east-1' } });
      new BedrockLifecycleMonitor(stack, 'Monitor', ALL_FEATURES);
      return Template.fromStack(stack).toJSON();
    };

    beforeAll(() => {
      // The consumer's own CDK: the construct library must use it, not a copy of its own.
      for (const peer of ['aws-cdk-lib', 'constructs']) {
        symlinkSync(join(ROOT, 'node_modules', peer), join(project, 'node_modules', peer));
      }
      writeFileSync(join(project, 'app.mjs'), ESM_APP);
      writeFileSync(join(project, 'app.cjs'), COMMONJS_APP);
    });

    it.each([
      ['an ES module', 'app.mjs'],
      ['CommonJS', 'app.cjs'],
    ])(
      'synthesizes from %s, with no esbuild and no sources, the very template the sources give, function code and asset hashes included',
      async (_, file) => {
        const synth = await runProcess(process.execPath, [file, join(project, `cdk.out.${file}`)], {
          cwd: project,
          env: { PATH: process.env.PATH ?? '', HOME: project, PROPS: JSON.stringify(ALL_FEATURES) },
        });
        expect(synth.status, synth.stderr).toBe(0);
        const template = JSON.parse(synth.stdout);
        expect(template).toEqual(fromSources());
        const functions = Object.values<{ Type: string; Properties: { Handler: string } }>(
          template.Resources,
        ).filter((resource) => resource.Type === 'AWS::Lambda::Function');
        expect(functions.map((fn) => fn.Properties.Handler)).toEqual(['index.handler', 'index.handler']);
        const assets = readdirSync(join(project, `cdk.out.${file}`)).filter((name) =>
          name.startsWith('asset.'),
        );
        expect(assets).toHaveLength(2);
        for (const asset of assets) {
          expect(readdirSync(join(project, `cdk.out.${file}`, asset)).sort()).toEqual([
            'index.mjs',
            'index.mjs.map',
          ]);
        }
      },
    );

    it('type-checks a TypeScript consumer against the package’s declarations, and rejects a wrong prop type', async () => {
      writeFileSync(
        join(project, 'good.mts'),
        "import { App, Stack } from 'aws-cdk-lib';\nimport { BedrockLifecycleMonitor, type BedrockLifecycleMonitorProps } from 'bedrock-lifecycle-monitor';\nconst props: BedrockLifecycleMonitorProps = { regions: ['us-east-1'], deadlineDays: [30, 7] };\nconst topicArn: string = new BedrockLifecycleMonitor(new Stack(new App(), 'S'), 'M', props).topic.topicArn;\nexport { topicArn };\n",
      );
      writeFileSync(
        join(project, 'bad.mts'),
        "import { App, Stack } from 'aws-cdk-lib';\nimport { BedrockLifecycleMonitor } from 'bedrock-lifecycle-monitor';\nnew BedrockLifecycleMonitor(new Stack(new App(), 'S'), 'M', { deadlineDays: '30' });\n",
      );
      // The consumer's own settings, with no @types/node: the declarations must not need it.
      const check = (file: string) => {
        const options = {
          module: 'nodenext',
          target: 'es2022',
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          types: [],
        };
        writeFileSync(
          join(project, `tsconfig.${file}.json`),
          JSON.stringify({ compilerOptions: options, files: [file] }),
        );
        return runProcess(
          process.execPath,
          [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', `tsconfig.${file}.json`],
          { cwd: project, env: { PATH: process.env.PATH ?? '' } },
        );
      };
      const good = await check('good.mts');
      expect(good.status, good.stdout).toBe(0);
      const bad = await check('bad.mts');
      expect(bad.status).not.toBe(0);
      expect(bad.stdout).toContain(
        "bad.mts(3,63): error TS2322: Type 'string' is not assignable to type 'readonly number[]'.",
      );
    });
  });
});
