import { describe, expect, it } from 'vitest';
import { lambdaMs, monthlyCost } from '../../bench/cost';
import type { MeasuredRun } from '../../bench/measured-run';

const run = (
  patch: Partial<MeasuredRun['counts']>,
  stats: Partial<MeasuredRun['stats']> = {},
): MeasuredRun => ({
  counts: {
    bedrockCalls: 1,
    profileCalls: 0,
    metricCalls: 0,
    metricsRequested: 0,
    dynamoDbReads: 1,
    dynamoDbWrites: 1,
    snsPublishes: 0,
    operations: {},
    readUnits: 4,
    writeUnits: 2,
    storedBytes: 0,
    stateBytes: 0,
    largestItemBytes: 0,
    snsRequests64k: 0,
    ...patch,
  },
  stats: { initMs: 50, durationMs: 200, cpuMs: 100, maxRssBytes: 0, ...stats },
  logBytes: 1000,
  events: 0,
  metrics: ['SuccessfulRuns{service=x}', 'RegionsFailed{service=x}'],
});

describe('the benchmark’s monthly cost model', () => {
  it('stretches the CPU-bound part of a run by the vCPU share of a 512 MB function', () => {
    const stretch = 1769 / 512;
    expect(lambdaMs(run({}))).toBeCloseTo(50 * stretch + 200 + 100 * (stretch - 1), 6);
  });

  it('prices a month of 6-hourly runs, two of them a week with a change, line by line', () => {
    const cost = monthlyCost({
      regions: 1,
      quiet: run({}),
      change: run({
        writeUnits: 20,
        snsPublishes: 1,
        snsRequests64k: 1,
        storedBytes: 1024 ** 3 / 104,
        metricsRequested: 100,
      }),
      first: run({ storedBytes: 0 }),
      alarms: 4,
      kmsKeys: 1,
    });
    const line = (item: string) => cost.usage.find((l) => l.item.startsWith(item))?.usd ?? Number.NaN;
    const runs = 730 / 6;
    const changes = (2 * 52) / 12;
    expect(line('Lambda requests')).toBeCloseTo(runs * 0.2e-6, 12);
    expect(line('DynamoDB writes')).toBeCloseTo(((runs - changes) * 2 + changes * 20) * 0.625e-6, 12);
    // A year of changes adds 1 GB here: storage and point-in-time recovery for it.
    expect(line('DynamoDB storage')).toBeCloseTo(0.45, 6);
    expect(line('SNS email deliveries')).toBeCloseTo(changes * 2 * 2e-5, 12);
    expect(line('CloudWatch GetMetricData')).toBeCloseTo(changes * 100 * 1e-5, 12);
    expect(cost.fixed.map((l) => l.usd)).toEqual([1, 0.4, expect.closeTo((2 * 0.3 * runs) / 730, 9)]);
    expect(cost.usageUsd).toBeCloseTo(
      cost.usage.reduce((sum, l) => sum + l.usd, 0),
      12,
    );
  });
});
