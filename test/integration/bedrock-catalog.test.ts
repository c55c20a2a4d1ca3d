import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { beforeEach, describe, expect, inject, it } from 'vitest';
import { CATALOG } from '../../lab/fixtures/catalog';
import { StandInTenant } from '../../lab/stand-in-tenant';
import { BedrockCatalog } from '../../lambda/adapters/bedrock-catalog';

const OPTIONS = { maxAttempts: 3, attemptTimeoutMs: 2_000, regionTimeoutMs: 10_000 };

describe('BedrockCatalog against the Bedrock stand-in', () => {
  let tenant: StandInTenant;

  /** A catalog whose SDK clients find the stand-in through the standard endpoint variable. */
  const catalog = (options = OPTIONS) => {
    Object.assign(process.env, tenant.env());
    return new BedrockCatalog(options);
  };

  beforeEach(async () => {
    tenant = new StandInTenant(inject('standInUrl'), 'CATALOG');
    await tenant.set({ time: '2026-04-21T08:00:00Z', models: CATALOG });
  });

  it('lists a region with one ListFoundationModels call, region taken from the SigV4 scope', async () => {
    const listing = await catalog().list('us-west-2');
    expect(await tenant.requests()).toEqual([
      { method: 'GET', path: '/foundation-models', region: 'us-west-2', service: 'bedrock' },
    ]);
    expect(listing.warnings).toEqual([]);
    expect(listing.models.find((m) => m.modelId === 'anthropic.claude-3-7-sonnet-20250219-v1:0')).toEqual({
      modelId: 'anthropic.claude-3-7-sonnet-20250219-v1:0',
      modelArn: 'arn:aws:bedrock:us-west-2::foundation-model/anthropic.claude-3-7-sonnet-20250219-v1:0',
      modelName: 'Claude 3.7 Sonnet',
      provider: 'Anthropic',
      status: 'LEGACY',
      startOfLifeTime: '2025-02-24T00:00:00.000Z',
      legacyTime: '2025-10-28T08:00:00.000Z',
      publicExtendedAccessTime: '2026-01-27T08:00:00.000Z',
      endOfLifeTime: '2026-04-28T08:00:00.000Z',
      inputModalities: ['TEXT'],
      outputModalities: ['TEXT'],
      inferenceTypes: ['ON_DEMAND'],
    });
  });

  it('reads one model with GetFoundationModel, through the SDK, and null for a model Bedrock does not know', async () => {
    const haiku = CATALOG.find((m) => m.modelId === 'anthropic.claude-3-5-haiku-20241022-v1:0');
    if (!haiku) throw new Error('no Claude 3.5 Haiku in the catalog');
    await tenant.update({ models: [{ ...haiku, endOfLifeInDetailsOnly: true }] });
    const listed = (await catalog().list('us-east-1')).models[0];
    const details = await catalog().details('us-east-1', haiku.modelId);
    expect(listed?.endOfLifeTime).toBeNull();
    expect(details).toEqual({ ...listed, endOfLifeTime: '2026-06-19T08:00:00.000Z' });
    expect(await catalog().details('us-east-1', 'vendor.unknown-v1:0')).toBeNull();
  });

  it('lists each region separately: regions only some models are in differ', async () => {
    const source = catalog();
    const [east, frankfurt] = await Promise.all([source.list('us-east-1'), source.list('eu-central-1')]);
    const titan = 'amazon.titan-image-generator-v2:0';
    expect(east.models.map((m) => m.modelId)).toContain(titan);
    expect(frankfurt.models.some((m) => m.modelId === titan)).toBe(false);
  });

  it('passes unknown enum values such as INFERENCE_PROFILE through without failing', async () => {
    const listing = await catalog().list('us-east-1');
    expect(listing.models.map((m) => m.modelId)).toContain('anthropic.claude-sonnet-4-5-20250929-v1:0');
  });

  it('retries throttling and succeeds', async () => {
    await tenant.update({
      faults: [{ region: 'us-east-1', status: 429, errorType: 'ThrottlingException', times: 2 }],
    });
    const listing = await catalog().list('us-east-1');
    expect(listing.models.length).toBeGreaterThan(5);
    expect(await tenant.requests()).toHaveLength(3);
  });

  it('fails after its attempts when the region keeps failing', async () => {
    await tenant.update({
      faults: [{ region: 'us-east-1', status: 500, errorType: 'InternalServerException', times: -1 }],
    });
    await expect(catalog().list('us-east-1')).rejects.toMatchObject({ name: 'InternalServerException' });
    expect(await tenant.requests()).toHaveLength(OPTIONS.maxAttempts);
  });

  it('fails at once on access denied, which no retry can fix', async () => {
    await tenant.update({
      faults: [{ status: 403, errorType: 'AccessDeniedException', message: 'not allowed', times: -1 }],
    });
    await expect(catalog().list('us-east-1')).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message: 'not allowed',
    });
    expect(await tenant.requests()).toHaveLength(1);
  });

  it('fails when the region takes longer than its timeout', async () => {
    await tenant.update({ delayMs: 1_500 });
    const slow = catalog({ maxAttempts: 1, attemptTimeoutMs: 5_000, regionTimeoutMs: 300 });
    await expect(slow.list('us-east-1')).rejects.toThrow(/abort/i);
  });

  it('warns about odd records and keeps the rest of the listing', async () => {
    await tenant.update({
      extra: {
        'us-east-1': [
          { modelName: 'no id' },
          { modelId: 'amazon.nova-pro-v1:0', modelName: 'duplicate' },
          {
            modelId: 'vendor.odd-v1:0',
            modelName: 'Odd',
            providerName: 'Vendor',
            modelLifecycle: { status: 'RETIRED' },
          },
          { modelId: 'vendor.bare-v1:0', modelName: 'Bare', providerName: 'Vendor' },
        ],
      },
    });
    const listing = await catalog().list('us-east-1');
    expect(listing.warnings).toEqual([
      expect.stringMatching(/has no modelId; skipped$/),
      'us-east-1: amazon.nova-pro-v1:0 is listed more than once; the first record is used',
    ]);
    expect(listing.models.find((m) => m.modelId === 'vendor.odd-v1:0')?.status).toBe('RETIRED');
    expect(listing.models.find((m) => m.modelId === 'vendor.bare-v1:0')?.status).toBeNull();
    expect(listing.models.find((m) => m.modelId === 'amazon.nova-pro-v1:0')?.modelName).toBe('Nova Pro');
  });

  it('fails the region when a lifecycle time is not an RFC 3339 string (an epoch number), as the SDK would', async () => {
    await tenant.update({
      extra: {
        'us-east-1': [
          { modelId: 'vendor.epoch-v1:0', modelLifecycle: { status: 'LEGACY', endOfLifeTime: 1777363200 } },
        ],
      },
    });
    await expect(catalog().list('us-east-1')).rejects.toThrow(
      'vendor.epoch-v1:0 has endOfLifeTime 1777363200: RFC-3339 date-times must be expressed as strings',
    );
  });

  it.each([
    [
      'modelSummaries is not a list',
      '{"modelSummaries":{"modelId":"x"}}',
      /modelSummaries that is not a list/,
    ],
    ['the body is not JSON', '<html>gateway</html>', /JSON/],
  ])(
    'fails the region with a clear error when a 200 response is unreadable: %s',
    async (_what, body, error) => {
      // The stand-in only speaks well-formed bodies; this one-route server sends what it is told to.
      const server = createServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(body);
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      try {
        Object.assign(process.env, {
          AWS_ENDPOINT_URL_BEDROCK: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        });
        await expect(new BedrockCatalog(OPTIONS).list('us-east-1')).rejects.toThrow(error);
      } finally {
        server.close();
      }
    },
  );
});
