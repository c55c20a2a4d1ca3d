import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { toEnvironment } from '../../contract/environment';
import { DEFAULTS } from '../../contract/settings';
import { median } from '../measured-run';

export interface ColdStartFigure {
  readonly bundleBytes: number;
  readonly gzipBytes: number;
  /** Importing the bundle in a fresh process, as Lambda's init does, per process. */
  readonly initMs: readonly number[];
  readonly medianInitMs: number;
}

const PROCESSES = 20;

/** Enough configuration for the handler module to initialise; nothing is called. */
const CONFIG = {
  ...toEnvironment({
    tableName: 'bench',
    topicArn: 'arn:aws:sns:us-east-1:123456789012:bench',
    regions: ['us-east-1'],
    deadlineDays: DEFAULTS.deadlineDays,
    monitorId: 'Bench',
    alertOn: DEFAULTS.alertOn,
    usageLookbackDays: DEFAULTS.usageLookbackDays,
    watchModels: DEFAULTS.watchModels,
    usageAccounts: 'own',
    usageRoleName: '',
    usageOrganizationalUnits: [],
    routes: [],
    eventBus: 'none',
    modelPrices: [],
  }),
  AWS_REGION: 'us-east-1',
  POWERTOOLS_SERVICE_NAME: 'bedrock-lifecycle-monitor',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};

/**
 * The bundle's size, raw and gzipped, and its module-init time: the median of 20 fresh `node`
 * processes that only import it, with the NODE_OPTIONS the function is deployed with.
 */
export async function coldStart(bundle: string): Promise<ColdStartFigure> {
  const code = readFileSync(bundle);
  const initMs: number[] = [];
  for (let i = 0; i < PROCESSES; i++) {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        '--enable-source-maps',
        '--input-type=module',
        '-e',
        `const t = performance.now(); await import(${JSON.stringify(bundle)}); process.stdout.write(String(performance.now() - t));`,
      ],
      { env: { PATH: process.env.PATH ?? '', ...CONFIG } },
    );
    initMs.push(Number(stdout));
  }
  return {
    bundleBytes: code.byteLength,
    gzipBytes: gzipSync(code, { level: 9 }).byteLength,
    initMs,
    medianInitMs: median(initMs),
  };
}
