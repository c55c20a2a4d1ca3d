/**
 * `npm run bench`: what one run of the monitor costs, measured, not assumed. Writes
 * bench/results.json and bench/RESULTS.md and prints the latter. A benchmark, not a test: it
 * reports figures and checks them against the goals of issue #6, but never fails on time.
 */
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { monitorBundle } from '../lab/bundled-handler';
import { startEmulators } from '../lab/emulators';
import { synthMonitor } from '../lab/synth';
import { regionsOf } from '../lab/synthetic-catalog';
import { type MonthlyCost, monthlyCost } from './cost';
import { cliStartFigure } from './figures/cli-start';
import { coldStart } from './figures/cold-start';
import { npmPackageFigure } from './figures/npm-package';
import { MEMBER_ACCOUNTS, organizationScale } from './figures/organization';
import { type RequestFigure, requestsPerRun } from './figures/requests';
import { type ScaleFigure, scale } from './figures/scale';
import { SCAN_FILES, scanFigure } from './figures/scan';
import { type WallTimeFigure, wallTime } from './figures/wall-time';
import { goals } from './goals';
import { type Results, resultsMarkdown } from './report';

const step = (text: string) => process.stderr.write(`▶ ${text}\n`);

/** Resources of a kind in the stack synthesised for `regions` regions. */
function resourceCount(regions: number, type: string): number {
  const { template } = synthMonitor({ regions: regionsOf(regions) }, { name: `Bench${regions}` });
  return Object.keys(template.findResources(type)).length;
}

function costOf(regions: number, requests: readonly RequestFigure[]): MonthlyCost {
  const run = (scenario: RequestFigure['scenario']) => {
    const found = requests.find((r) => r.regions === regions && r.scenario === scenario);
    if (!found) throw new Error(`No ${scenario} run measured for ${regions} regions`);
    return found;
  };
  return monthlyCost({
    regions,
    first: run('first run'),
    quiet: run('unchanged'),
    change: run('1 change'),
    alarms: resourceCount(regions, 'AWS::CloudWatch::Alarm'),
    kmsKeys: resourceCount(regions, 'AWS::KMS::Key'),
  });
}

async function main(): Promise<void> {
  Object.assign(process.env, { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' });
  step('Synthesising the app to get the bundled handler');
  const bundle = monitorBundle();
  step('Starting moto and the Bedrock stand-in');
  const emulators = await startEmulators();
  try {
    const requests: RequestFigure[] = [];
    for (const regions of [1, 16]) {
      step(`Requests per run, R = ${regions}`);
      requests.push(...(await requestsPerRun(bundle, emulators, regions)));
    }
    const wall: WallTimeFigure[] = [];
    for (const regions of [1, 4, 16]) {
      step(`Wall time, R = ${regions}`);
      wall.push(await wallTime(bundle, emulators, regions));
    }
    const scaled: ScaleFigure[] = [];
    for (const models of [200, 1000, 5000]) {
      step(`Scale, ${models} models`);
      scaled.push(...(await scale(bundle, emulators, models)));
    }
    step(`Usage across ${MEMBER_ACCOUNTS} member accounts`);
    const organization = await organizationScale(bundle, emulators.standInUrl);
    step(`bedrock-lifecycle scan of a ${SCAN_FILES.toLocaleString('en-US')}-file repository`);
    const scan = await scanFigure(emulators.standInUrl);
    step('CLI start-up: the bundle and tsx, 10 processes each');
    const cliStart = await cliStartFigure();
    step('npm package: pack, install into an empty project');
    const npmPackage = await npmPackageFigure();
    step('Cold start: 20 fresh processes');
    const cold = await coldStart(bundle);
    step('Monthly cost');
    const figures = {
      requests,
      wallTime: wall,
      scale: scaled,
      coldStart: cold,
      organization,
      scan,
      cliStart,
      npmPackage,
      cost: [costOf(1, requests), costOf(16, requests)],
    };
    const [cpu] = cpus();
    const results: Results = {
      machine: {
        cpus: cpus().length,
        cpuModel: cpu?.model.trim() ?? 'unknown',
        node: process.version,
        platform: `${process.platform} ${process.arch}`,
        date: new Date().toISOString(),
      },
      ...figures,
      goals: goals(figures),
    };
    const markdown = resultsMarkdown(results);
    writeFileSync(join(__dirname, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
    writeFileSync(join(__dirname, 'RESULTS.md'), markdown);
    process.stdout.write(markdown);
    step('Wrote bench/results.json and bench/RESULTS.md');
  } finally {
    await emulators.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
