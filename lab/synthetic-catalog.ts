import type { ScheduledModel } from './bedrock-stand-in';

const PROVIDERS = ['Amazon', 'Anthropic', 'Meta', 'Mistral AI', 'Cohere', 'AI21 Labs', 'DeepSeek', 'Qwen'];

const HOUR_MS = 3_600_000;

/** When every benchmark timeline starts: its first run. */
export const START = '2026-01-05T00:00:00.000Z';

/** ISO time `hours` after `start`. */
export const hoursAfter = (start: string, hours: number): string =>
  new Date(Date.parse(start) + hours * HOUR_MS).toISOString();

function model(id: string, index: number, regions: readonly string[]): ScheduledModel {
  const provider = PROVIDERS[index % PROVIDERS.length] ?? 'Amazon';
  const prefix = provider.toLowerCase().replace(/[^a-z0-9]/g, '');
  return {
    modelId: `${prefix}.${id}-v${1 + (index % 3)}:0`,
    modelName: `${provider} ${id.replace(/-/g, ' ')}`,
    providerName: provider,
    regions,
    startOfLifeTime: '2024-06-01T00:00:00Z',
  };
}

/**
 * `count` models listed in every region, shaped like the real catalog: most Active without
 * lifecycle dates, one in seven Legacy with its extended-access and end-of-life dates far enough
 * out that no reminder falls due during a benchmark.
 */
export function steadyModels(count: number, regions: readonly string[]): ScheduledModel[] {
  return Array.from({ length: count }, (_, i) => {
    const base = model(`model-${i}`, i, regions);
    return i % 7 === 0
      ? {
          ...base,
          legacyTime: '2025-06-01T00:00:00Z',
          publicExtendedAccessTime: '2027-06-01T00:00:00Z',
          endOfLifeTime: '2027-12-01T00:00:00Z',
        }
      : base;
  });
}

/**
 * `count` models that become Legacy at `at`, each listed in one region (taking the regions in
 * turn), so the first run after `at` sees exactly `count` model-region changes.
 */
export function changingModels(
  count: number,
  regions: readonly string[],
  at: string,
  label: string,
): ScheduledModel[] {
  return Array.from({ length: count }, (_, i) => ({
    ...model(`${label}-${i}`, i, [regions[i % regions.length] ?? 'us-east-1']),
    legacyTime: at,
    publicExtendedAccessTime: '2027-06-01T00:00:00Z',
    endOfLifeTime: '2027-12-01T00:00:00Z',
  }));
}

/**
 * The first `n` AWS regions, the ones Bedrock is offered in first, then made-up names of the same
 * shape for sizes AWS does not reach (moto serves only real regions: CloudWatch there fails with a
 * 500 for the made-up ones, as it would for a region that does not exist).
 */
export function regionsOf(n: number): string[] {
  const real = [
    ...['us-east-1', 'us-west-2', 'us-east-2', 'eu-central-1', 'eu-west-1', 'eu-west-2', 'eu-west-3'],
    ...['eu-north-1', 'ap-northeast-1', 'ap-northeast-2', 'ap-southeast-1', 'ap-southeast-2', 'ap-south-1'],
    ...['ca-central-1', 'sa-east-1', 'us-gov-west-1', 'us-west-1', 'ap-northeast-3', 'ap-south-2'],
    ...['ap-southeast-3', 'ap-southeast-4', 'ap-southeast-5', 'ap-southeast-7', 'ap-east-1', 'ap-east-2'],
    ...['eu-central-2', 'eu-south-1', 'eu-south-2', 'il-central-1', 'me-central-1', 'me-south-1'],
    ...['mx-central-1', 'af-south-1', 'ca-west-1', 'ap-southeast-6', 'us-gov-east-1'],
  ];
  return Array.from({ length: n }, (_, i) => real[i] ?? `xx-lab-${i - real.length + 1}`);
}
