import { MONITOR_TIMEOUT_SECONDS, runBudget } from '../contract/function-timing';
import type { MonthlyCost } from './cost';
import type { CliStartFigure } from './figures/cli-start';
import type { ColdStartFigure } from './figures/cold-start';
import type { NpmPackageFigure } from './figures/npm-package';
import type { OrganizationFigure } from './figures/organization';
import type { RequestFigure } from './figures/requests';
import type { ScaleFigure } from './figures/scale';
import type { ScanFigure } from './figures/scan';
import type { WallTimeFigure } from './figures/wall-time';

export interface Goal {
  readonly goal: string;
  readonly measured: string;
  readonly met: boolean;
}

export interface Figures {
  readonly requests: readonly RequestFigure[];
  readonly wallTime: readonly WallTimeFigure[];
  readonly scale: readonly ScaleFigure[];
  readonly coldStart: ColdStartFigure;
  readonly organization: OrganizationFigure;
  readonly scan: ScanFigure;
  readonly cliStart: CliStartFigure;
  readonly npmPackage: NpmPackageFigure;
  readonly cost: readonly MonthlyCost[];
}

const MB = 1024 * 1024;

/** The goals of issue #6, checked against the figures. */
export function goals(f: Figures): Goal[] {
  const quiet = f.requests.filter((r) => r.scenario === 'unchanged');
  const wall = (regions: number) => f.wallTime.find((w) => w.regions === regions)?.medianMs ?? Number.NaN;
  const ratio = wall(16) / wall(1);
  const largest = f.scale.filter((s) => s.models === Math.max(...f.scale.map((x) => x.models)));
  const cpu = Math.max(...largest.map((s) => s.cpuMs));
  const rss = Math.max(...largest.map((s) => s.maxRssBytes));
  const r16 = f.cost.find((c) => c.regions === 16);
  const org = f.organization;
  const usageBudgetMs = runBudget(MONITOR_TIMEOUT_SECONDS).usageTimeoutMs;
  return [
    {
      goal: 'Bedrock calls per run = R (ListFoundationModels)',
      measured: f.requests.map((r) => `${r.counts.bedrockCalls} (R=${r.regions}, ${r.scenario})`).join('; '),
      met: f.requests.every((r) => r.counts.bedrockCalls === r.regions),
    },
    {
      goal: 'Unchanged run: DynamoDB writes ≤ 1, reads ≤ 1 batch per 100 regions + the ledger query',
      measured: quiet
        .map((r) => `R=${r.regions}: ${r.counts.dynamoDbWrites} write(s), ${r.counts.dynamoDbReads} read(s)`)
        .join('; '),
      met: quiet.every(
        (r) => r.counts.dynamoDbWrites <= 1 && r.counts.dynamoDbReads <= Math.ceil((r.regions + 1) / 100) + 1,
      ),
    },
    {
      goal: 'Wall time R16/R1 ≤ 1.5 (150 ms Bedrock latency)',
      measured: `${wall(16).toFixed(0)} ms / ${wall(1).toFixed(0)} ms = ${ratio.toFixed(2)}`,
      met: ratio <= 1.5,
    },
    {
      goal: '5,000 models per region: < 1 s CPU and < 256 MB RSS',
      measured: `worst run ${cpu.toFixed(0)} ms CPU, ${(rss / MB).toFixed(0)} MB RSS`,
      met: cpu < 1000 && rss < 256 * MB,
    },
    {
      goal: 'Bundle ≤ 400 KB gzipped, module init ≤ 150 ms median',
      measured: `${(f.coldStart.gzipBytes / 1024).toFixed(0)} KB gzipped, ${f.coldStart.medianInitMs.toFixed(0)} ms`,
      met: f.coldStart.gzipBytes <= 400 * 1024 && f.coldStart.medianInitMs <= 150,
    },
    {
      goal: `${org.accounts} member accounts × ${org.regions} regions, ${org.latencyMs} ms per call: every account read within the usage budget (${usageBudgetMs / 1000} s) and the ${MONITOR_TIMEOUT_SECONDS} s timeout, one AssumeRole per member account, one GetMetricData per account and region`,
      measured: `usage phase ${(org.usagePhaseMs / 1000).toFixed(1)} s (run ${(org.changeRunMs / 1000).toFixed(1)} s); ${org.assumeRoleCalls} AssumeRole, ${org.getMetricDataCalls} GetMetricData, ${org.listInferenceProfilesCalls} ListInferenceProfiles, ${org.listAccountsCalls} ListAccounts pages; accounts not read: ${org.failedAccounts}`,
      met:
        org.usagePhaseMs < usageBudgetMs &&
        org.changeRunMs < MONITOR_TIMEOUT_SECONDS * 1000 &&
        org.failedAccounts === 'none' &&
        org.assumeRoleCalls === org.accounts &&
        org.getMetricDataCalls === (org.accounts + 1) * org.regions,
    },
    {
      goal: 'Monthly cost < $0.50 for R = 16 (Lambda, DynamoDB, storage, SNS)',
      measured: r16
        ? `$${r16.usageUsd.toFixed(4)} to run; plus $${r16.fixedUsd.toFixed(2)} fixed (key, alarms, metrics)`
        : 'not measured',
      met: r16 !== undefined && r16.usageUsd < 0.5,
    },
    {
      goal: `scan: 1 ListFoundationModels per region, whatever the number of files (${f.scan.files.toLocaleString('en-US')} files, ${f.scan.regions} regions)`,
      measured: `${f.scan.listFoundationModelsCalls} calls, ${f.scan.references.toLocaleString('en-US')} references, ${(f.scan.medianWallMs / 1000).toFixed(1)} s median`,
      met: f.scan.listFoundationModelsCalls === f.scan.regions,
    },
    {
      goal: 'CLI bundle (the Action runs it, nothing installed): `--help` ≤ 300 ms median for the whole process, ≤ 1 MB gzipped',
      measured: `${f.cliStart.medianBundleMs.toFixed(0)} ms (through tsx: ${f.cliStart.medianTsxMs.toFixed(0)} ms); ${(f.cliStart.gzipBytes / 1024).toFixed(0)} KB gzipped, ${(f.cliStart.bundleBytes / 1024 / 1024).toFixed(1)} MB raw`,
      met: f.cliStart.medianBundleMs <= 300 && f.cliStart.gzipBytes <= 1024 * 1024,
    },
    {
      goal: '`npm install bedrock-lifecycle-monitor` for the CLI: one package, ≤ 10 MB on disk (the app’s dependencies took 245 MB)',
      measured: `${f.npmPackage.installedPackages} package, ${(f.npmPackage.installedBytes / MB).toFixed(1)} MB in ${f.npmPackage.installedFiles} files; tarball ${(f.npmPackage.tarballBytes / MB).toFixed(1)} MB`,
      met: f.npmPackage.installedPackages === 1 && f.npmPackage.installedBytes <= 10 * MB,
    },
  ];
}
