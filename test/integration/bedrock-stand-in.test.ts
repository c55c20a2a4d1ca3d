import {
  BedrockClient,
  GetFoundationModelCommand,
  ListFoundationModelsCommand,
} from '@aws-sdk/client-bedrock';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { CATALOG } from '../../lab/fixtures/catalog';
import { StandInTenant } from '../../lab/stand-in-tenant';

/** The stand-in must answer the real SDK exactly as Bedrock would, or the other tests prove nothing. */
describe('the Bedrock stand-in speaks the real wire format', () => {
  const standInUrl = inject('standInUrl');
  let tenant: StandInTenant;
  const client = (region = 'us-east-1') =>
    new BedrockClient({
      region,
      endpoint: standInUrl,
      credentials: { accessKeyId: tenant.accessKeyId, secretAccessKey: 'stand-in-secret' },
      maxAttempts: 1,
    });

  beforeAll(async () => {
    tenant = new StandInTenant(standInUrl, 'WIRE');
    await tenant.set({ time: '2026-02-01T00:00:00Z', models: CATALOG });
  });

  it('serves RFC 3339 times the SDK turns into Dates, and leaves unset fields out', async () => {
    const res = await fetch(`${standInUrl}/foundation-models`, {
      headers: {
        authorization: `AWS4-HMAC-SHA256 Credential=${tenant.accessKeyId}/20260201/us-east-1/bedrock/aws4_request`,
      },
    });
    const raw = (await res.json()) as {
      modelSummaries: { modelId: string; modelLifecycle: Record<string, string> }[];
    };
    const sonnet = raw.modelSummaries.find((m) => m.modelId === 'anthropic.claude-3-7-sonnet-20250219-v1:0');
    expect(sonnet?.modelLifecycle).toEqual({
      status: 'LEGACY',
      startOfLifeTime: '2025-02-24T00:00:00Z',
      legacyTime: '2025-10-28T08:00:00Z',
      publicExtendedAccessTime: '2026-01-27T08:00:00Z',
      endOfLifeTime: '2026-04-28T08:00:00Z',
    });
    const active = raw.modelSummaries.find((m) => m.modelId === 'amazon.nova-pro-v1:0');
    expect(Object.keys(active?.modelLifecycle ?? {})).toEqual(['status', 'startOfLifeTime']);

    const { modelSummaries = [] } = await client().send(new ListFoundationModelsCommand({}));
    const parsed = modelSummaries.find((m) => m.modelId === 'anthropic.claude-3-7-sonnet-20250219-v1:0');
    expect(parsed?.modelLifecycle?.endOfLifeTime).toEqual(new Date('2026-04-28T08:00:00Z'));
  });

  it('filters by provider as ListFoundationModels does', async () => {
    const { modelSummaries = [] } = await client().send(
      new ListFoundationModelsCommand({ byProvider: 'meta' }),
    );
    expect(new Set(modelSummaries.map((m) => m.providerName))).toEqual(new Set(['Meta']));
  });

  it('answers GetFoundationModel with modelDetails, and 404 ResourceNotFoundException for an unknown id', async () => {
    const { modelDetails } = await client('us-west-2').send(
      new GetFoundationModelCommand({ modelIdentifier: 'anthropic.claude-3-7-sonnet-20250219-v1:0' }),
    );
    expect(modelDetails).toMatchObject({
      modelArn: 'arn:aws:bedrock:us-west-2::foundation-model/anthropic.claude-3-7-sonnet-20250219-v1:0',
      modelLifecycle: { status: 'LEGACY' },
    });
    await expect(
      client().send(new GetFoundationModelCommand({ modelIdentifier: 'anthropic.no-such-model-v1:0' })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException', $metadata: { httpStatusCode: 404 } });
  });

  it('lists a model only in its regions, and not before its launch', async () => {
    const frankfurt = await client('eu-central-1').send(new ListFoundationModelsCommand({}));
    expect(frankfurt.modelSummaries?.some((m) => m.modelId === 'amazon.titan-image-generator-v2:0')).toBe(
      false,
    );
    await tenant.at('2025-10-01T00:00:00Z');
    const before = await client().send(new ListFoundationModelsCommand({}));
    expect(before.modelSummaries?.some((m) => m.modelId === 'anthropic.claude-haiku-4-5-20251001-v1:0')).toBe(
      false,
    );
    await tenant.at('2026-02-01T00:00:00Z');
  });

  it.each([
    ['no signature', {}, 403, 'MissingAuthenticationTokenException'],
    [
      'a signature scoped to another service',
      { authorization: 'AWS4-HMAC-SHA256 Credential=AKIAX/20260201/us-east-1/s3/aws4_request' },
      403,
      'InvalidSignatureException',
    ],
    [
      'an access key it does not know',
      { authorization: 'AWS4-HMAC-SHA256 Credential=AKIAUNKNOWN/20260201/us-east-1/bedrock/aws4_request' },
      403,
      'UnrecognizedClientException',
    ],
  ])('rejects a request with %s', async (_name, headers, status, errorType) => {
    const res = await fetch(`${standInUrl}/foundation-models`, { headers });
    expect(res.status).toBe(status);
    expect(res.headers.get('x-amzn-errortype')).toBe(errorType);
    expect(await res.json()).toEqual({ message: expect.any(String) });
  });
});
