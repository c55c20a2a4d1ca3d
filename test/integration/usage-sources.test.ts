import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { putBedrockMetrics } from '../../lab/bedrock-metrics';
import { AWS_ERRORS, type FaultProxy, GET_METRIC_DATA, startFaultProxy } from '../../lab/fault-proxy';
import { CATALOG } from '../../lab/fixtures/catalog';
import { StandInTenant } from '../../lab/stand-in-tenant';
import { BedrockProfiles } from '../../lambda/adapters/bedrock-profiles';
import {
  CloudWatchUsage,
  DIMENSIONS_PER_CALL,
  QUERIES_PER_CALL,
} from '../../lambda/adapters/cloudwatch-usage';

const BUDGET = { maxAttempts: 2, attemptTimeoutMs: 2_000, regionTimeoutMs: 10_000 };
const SONNET_37 = 'anthropic.claude-3-7-sonnet-20250219-v1:0';
const NOW = '2026-04-21T08:00:00Z';

describe('BedrockProfiles against the Bedrock stand-in', () => {
  let tenant: StandInTenant;
  const profiles = () => {
    Object.assign(process.env, tenant.env());
    return new BedrockProfiles(BUDGET);
  };

  beforeEach(async () => {
    tenant = new StandInTenant(inject('standInUrl'), 'PROFILES');
    await tenant.set({ time: NOW, models: CATALOG });
  });

  it('maps each cross-region profile of a region onto the model in every region it routes to', async () => {
    const listed = await profiles().profiles('us-west-2');
    expect(listed.find((p) => p.id === `us.${SONNET_37}`)).toEqual({
      id: `us.${SONNET_37}`,
      arn: `arn:aws:bedrock:us-west-2:123456789012:inference-profile/us.${SONNET_37}`,
      type: 'SYSTEM_DEFINED',
      targets: ['us-east-1', 'us-east-2', 'us-west-2'].map((region) => ({ region, modelId: SONNET_37 })),
    });
    // The EU profile is listed in EU regions only.
    expect(listed.some((p) => p.id.startsWith('eu.'))).toBe(false);
    expect(await tenant.requests()).toEqual(
      ['/inference-profiles', '/inference-profiles'].map((path) => ({
        method: 'GET',
        path,
        region: 'us-west-2',
        service: 'bedrock',
      })),
    );
  });

  it('reads application profiles too, every page of them', async () => {
    const team = Array.from({ length: 1_001 }, (_, i) => ({
      id: `app${String(i).padStart(8, '0')}`,
      name: `team-${i}`,
      region: 'us-east-1',
      targets: [{ region: 'us-east-1', modelId: SONNET_37 }],
    }));
    await tenant.update({ applicationProfiles: team });
    const listed = await profiles().profiles('us-east-1');
    const application = listed.filter((p) => p.type === 'APPLICATION');
    expect(application).toHaveLength(1_001);
    expect(application[0]).toEqual({
      id: 'app00000000',
      arn: 'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/app00000000',
      type: 'APPLICATION',
      targets: [{ region: 'us-east-1', modelId: SONNET_37 }],
    });
    // One page of system-defined profiles, two of application profiles.
    expect(await tenant.requests()).toHaveLength(3);
  });

  it('fails when the region refuses, for the run to mark its usage unknown', async () => {
    await tenant.update({
      faults: [{ path: '/inference-profiles', status: 403, errorType: 'AccessDeniedException', times: -1 }],
    });
    await expect(profiles().profiles('us-east-1')).rejects.toThrow(/AccessDenied/);
  });
});

describe('CloudWatchUsage against moto', () => {
  const motoUrl = inject('motoUrl');
  // moto's metrics are shared by every test file: this file's ModelIds are its own.
  const PROFILE = `us.test-${randomBytes(4).toString('hex')}.claude-v1:0`;
  const MODEL = `test-${randomBytes(4).toString('hex')}.claude-v1:0`;
  let proxy: FaultProxy;
  const put = (region: string, modelId: string, calls: number, at: string, tokens?: [number, number]) =>
    putBedrockMetrics(motoUrl, region, [
      { modelId, calls, at, ...(tokens ? { inputTokens: tokens[0], outputTokens: tokens[1] } : {}) },
    ]);
  const from = new Date('2026-04-07T08:00:00Z');
  const to = new Date(NOW);

  beforeAll(async () => {
    proxy = await startFaultProxy(motoUrl);
    Object.assign(process.env, { AWS_ENDPOINT_URL_CLOUDWATCH: proxy.url });
    await put('us-east-1', PROFILE, 12_000, '2026-04-10T00:00:00Z', [8_000_000, 900_000]);
    await put('us-east-1', PROFILE, 304, '2026-04-20T23:00:00Z', [200_000, 30_000]);
    await put('us-east-1', PROFILE, 5_000, '2026-03-01T00:00:00Z', [4_000_000, 1]);
    await put('us-west-2', PROFILE, 77, '2026-04-15T00:00:00Z');
  });

  afterAll(async () => {
    await proxy.close();
  });

  it('sums calls, input and output tokens of a ModelId over the window only, in the region asked, in one call', async () => {
    proxy.resetCounts();
    const use = await new CloudWatchUsage(BUDGET).usage('us-east-1', [PROFILE, MODEL], from, to);
    expect(Object.fromEntries(use)).toEqual({
      [PROFILE]: { invocations: 12_304, inputTokens: 8_200_000, outputTokens: 930_000 },
      [MODEL]: { invocations: 0, inputTokens: 0, outputTokens: 0 },
    });
    expect(proxy.count(GET_METRIC_DATA)).toBe(1);
  });

  it(`asks for at most ${QUERIES_PER_CALL} metrics (${DIMENSIONS_PER_CALL} ModelIds) per call`, async () => {
    proxy.resetCounts();
    const many = [PROFILE, ...Array.from({ length: 400 }, (_, i) => `vendor.model-${i}-v1:0`)];
    const use = await new CloudWatchUsage(BUDGET).usage('us-west-2', many, from, to);
    expect(use.get(PROFILE)).toEqual({ invocations: 77, inputTokens: 0, outputTokens: 0 });
    expect(use.size).toBe(401);
    const sizes = proxy
      .requests()
      .filter((r) => r.operation === GET_METRIC_DATA)
      .map((r) => (JSON.parse(r.body) as { MetricDataQueries: unknown[] }).MetricDataQueries.length);
    expect(sizes).toEqual([498, 498, 207]);
  });

  it('fails when CloudWatch does, for the run to mark the region unknown', async () => {
    proxy.inject(AWS_ERRORS.cloudWatchAccessDenied(), -1);
    try {
      await expect(new CloudWatchUsage(BUDGET).usage('us-east-1', [MODEL], from, to)).rejects.toThrow(
        /not authorized/,
      );
    } finally {
      proxy.clear();
    }
  });
});
