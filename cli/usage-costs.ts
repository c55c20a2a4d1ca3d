import { type ModelPrice, parseModelPrices } from '../contract/model-prices';
import { SettingError } from '../contract/setting-error';
import { DEFAULTS, parseLookbackDays } from '../contract/settings';
import { BedrockOffers } from '../lambda/adapters/bedrock-offers';
import { BedrockProfiles } from '../lambda/adapters/bedrock-profiles';
import { CloudWatchUsage } from '../lambda/adapters/cloudwatch-usage';
import { type CostInput, type ModelCost, modelCost } from '../lambda/domain/cost';
import type { LifecycleEvent } from '../lambda/domain/events';
import { type ModelInRegion, tokensOf, usageKey, useOf } from '../lambda/domain/usage';
import type { Log, PriceCache } from '../lambda/ports';
import { lookupPrices } from '../lambda/use-cases/lookup-prices';
import { lookupUsage } from '../lambda/use-cases/lookup-usage';
import { UsageError } from './args';
import { terminalText, writeLine } from './output';
import { withProgress } from './progress';

/** `status` and `calendar`: what the caller's account uses of each model, and what it costs. */
export const USAGE_OPTIONS = {
  'with-usage': { type: 'boolean' },
  'lookback-days': { type: 'string' },
  'model-prices': { type: 'string' },
} as const;

export const USAGE_HELP = `  --with-usage         Read your account's calls and tokens (CloudWatch AWS/Bedrock, as the
                       monitor does) and what each model costs a month at that use
  --lookback-days N    Days of use to read, with --with-usage (default ${DEFAULTS.usageLookbackDays})
  --model-prices JSON  Your prices, as the monitor's modelPrices key, with --with-usage`;

export interface UsageSettings {
  readonly lookbackDays: number;
  readonly modelPrices: readonly ModelPrice[];
}

/** The usage options, or null without --with-usage; a bad value is a usage error. */
export function usageSettings(options: {
  readonly 'with-usage'?: boolean;
  readonly 'lookback-days'?: string;
  readonly 'model-prices'?: string;
}): UsageSettings | null {
  if (!options['with-usage']) {
    const stray = (['lookback-days', 'model-prices'] as const).find((name) => options[name] !== undefined);
    if (stray !== undefined) throw new UsageError(`--${stray} needs --with-usage`);
    return null;
  }
  try {
    return {
      lookbackDays: parseLookbackDays(
        options['lookback-days'] ?? DEFAULTS.usageLookbackDays,
        '--lookback-days',
      ),
      modelPrices: parseModelPrices(options['model-prices'], '--model-prices'),
    };
  } catch (error) {
    if (error instanceof SettingError) throw new UsageError(error.message);
    throw error;
  }
}

/** A model's use over the lookback and its cost, as `status --with-usage` gives it. */
export type ModelUsage = Pick<LifecycleEvent, 'invocations' | 'tokens' | 'usageLookbackDays'> & ModelCost;

/** The CLI asks AWS for prices every time: it keeps nothing between runs. */
const NO_CACHE: PriceCache = { read: async () => new Map(), write: async () => undefined };

/** Retries and timeouts of the CLI's usage reads. */
const BUDGET = { maxAttempts: 4, attemptTimeoutMs: 10_000, regionTimeoutMs: 30_000 };

/** Warnings on stderr, made safe for a terminal: they may quote AWS's error messages. */
const stderrLog = (err: NodeJS.WritableStream): Log => {
  const write = (message: string, ...extra: Record<string, unknown>[]) => {
    const error = extra.find((e) => typeof e.error === 'string')?.error;
    writeLine(err, terminalText(`warning: ${message}${error ? ` (${error})` : ''}`));
  };
  return { info: () => undefined, warn: write, error: write };
};

/**
 * What the caller's account used of each model over the lookback, with the caller's credentials:
 * calls and tokens, directly or through inference profiles (ListInferenceProfiles, GetMetricData),
 * and what that costs a month at the team's prices or those Bedrock publishes. A region that
 * cannot be read leaves its models' use unknown, with a warning.
 */
export async function usageOf(
  models: readonly (ModelInRegion & Pick<CostInput, 'phase' | 'publicExtendedAccessTime'>)[],
  settings: UsageSettings,
  now: Date,
  err: NodeJS.WritableStream & { isTTY?: boolean },
): Promise<Map<string, ModelUsage>> {
  const log = stderrLog(err);
  const regions = [...new Set(models.map((m) => m.region))];
  const { report } = await withProgress(
    `Reading calls and tokens in ${regions.join(', ')}`,
    () =>
      lookupUsage(
        models.map((m) => ({ region: m.region, modelId: m.modelId, unlisted: false })),
        {
          regions,
          t: now,
          lookbackDays: settings.lookbackDays,
          regionConcurrency: regions.length,
          accountConcurrency: 1,
          accountTimeoutMs: BUDGET.regionTimeoutMs * 2,
          usageTimeoutMs: BUDGET.regionTimeoutMs * 2,
        },
        { profiles: new BedrockProfiles(BUDGET), usageMetrics: new CloudWatchUsage(BUDGET), log },
      ),
    err,
  );
  const used = models.map((model) => ({
    ...model,
    invocations: useOf(report, model)?.invocations ?? null,
    tokens: tokensOf(report, model),
    usageLookbackDays: settings.lookbackDays,
  }));
  const published = await withProgress(
    'Reading published prices',
    () =>
      lookupPrices(used, settings.modelPrices, now, BUDGET.regionTimeoutMs, {
        offers: new BedrockOffers(BUDGET),
        priceCache: NO_CACHE,
        log,
      }),
    err,
  );
  return new Map(
    used.map((model) => [
      usageKey(model),
      {
        invocations: model.invocations,
        tokens: model.tokens,
        usageLookbackDays: model.usageLookbackDays,
        ...modelCost(model, settings.modelPrices, published),
      },
    ]),
  );
}
