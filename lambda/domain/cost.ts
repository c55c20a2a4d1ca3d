import type { ModelPrice } from '../../contract/model-prices';
import type { LifecycleEvent } from './events';
import { baseModelId } from './model-reference';
import { type ModelInRegion, usageKey } from './usage';

/** US dollars per million tokens. */
export interface TokenPrices {
  readonly input: number;
  readonly output: number;
  /** The public-extended-access prices; null when no source gives them. */
  readonly extendedInput: number | null;
  readonly extendedOutput: number | null;
}

/**
 * Where a model's prices came from: the team's `modelPrices`, or the rate card of Bedrock's
 * public agreement offer for the model (`ListFoundationModelAgreementOffers`).
 */
export type PriceSource = 'modelPrices' | 'bedrock-agreement-offer';

/** A model's standard prices in one region as AWS publishes them, by `usageKey`. */
export type PublishedPrices = ReadonlyMap<string, { readonly input: number; readonly output: number }>;

export interface PriceQuote {
  readonly prices: TokenPrices;
  readonly source: PriceSource;
}

/**
 * The team's price for a model in a region: among the entries whose model (as the foundation model
 * it names) is a prefix of the id and whose region is absent or this one, the longest prefix, and
 * at equal length the entry for this region (`parseModelPrices` lets no two tie beyond that).
 * Undefined when none matches.
 */
export function configuredPrice(
  prices: readonly ModelPrice[],
  target: ModelInRegion,
): ModelPrice | undefined {
  let best: ModelPrice | undefined;
  let bestRank = -1;
  for (const entry of prices) {
    const prefix = baseModelId(entry.model);
    if (!target.modelId.startsWith(prefix)) continue;
    if (entry.region !== undefined && entry.region !== target.region) continue;
    const rank = prefix.length * 2 + (entry.region === undefined ? 0 : 1);
    if (rank > bestRank) {
      best = entry;
      bestRank = rank;
    }
  }
  return best;
}

/** The prices of a model in a region, from the first source that has them; null when none does. */
export function priceQuote(
  configured: readonly ModelPrice[],
  published: PublishedPrices,
  target: ModelInRegion,
): PriceQuote | null {
  const entry = configuredPrice(configured, target);
  if (entry !== undefined) {
    return {
      source: 'modelPrices',
      prices: {
        input: entry.input,
        output: entry.output,
        extendedInput: entry.extendedInput ?? null,
        extendedOutput: entry.extendedOutput ?? null,
      },
    };
  }
  const offer = published.get(usageKey(target));
  return offer === undefined
    ? null
    : {
        source: 'bedrock-agreement-offer',
        prices: { input: offer.input, output: offer.output, extendedInput: null, extendedOutput: null },
      };
}

/** Whole cents: enough for a bill, and free of floating-point tails in the contract. */
const cents = (usd: number): number => Math.round(usd * 100) / 100;

/** What a model's cost is worked out from: where it is, its schedule, and its use over the lookback. */
export type CostInput = ModelInRegion &
  Pick<
    LifecycleEvent,
    'phase' | 'publicExtendedAccessTime' | 'tokens' | 'invocations' | 'usageLookbackDays'
  > & {
    readonly kind?: LifecycleEvent['kind'];
  };

/** The cost fields of an event (see `LifecycleEvent`). */
export type ModelCost = Pick<
  LifecycleEvent,
  'pricesPerMillionTokens' | 'priceSource' | 'monthlyCostUsd' | 'extendedAccessExtraMonthlyUsd'
>;

/**
 * Whether the model has a public-extended-access period ahead or is in it: it has the date, has
 * not reached its end of life and has not left the listing.
 */
export const facesExtendedAccess = (
  input: Pick<CostInput, 'publicExtendedAccessTime' | 'phase' | 'kind'>,
): boolean =>
  input.publicExtendedAccessTime !== null && input.phase !== 'EOL' && input.kind !== 'MODEL_REMOVED';

/**
 * What a model costs a month at the lookback's use: `monthlyCostUsd` (tokens × standard price,
 * × 30 / lookback days) and, for a model with an extended-access period ahead or under way,
 * `extendedAccessExtraMonthlyUsd` (the same tokens × the difference between the extended-access and
 * the standard price). Each is null when what it needs is unknown: the tokens, a price, or, for the
 * extra, the extended-access price. A model known to be unused costs nothing, whatever its price;
 * a model called with no tokens recorded (an image model, billed per image) has no cost here: it
 * is not billed by the token.
 */
export function modelCost(
  input: CostInput,
  configured: readonly ModelPrice[],
  published: PublishedPrices,
): ModelCost {
  const quote = priceQuote(configured, published, input);
  const { tokens, usageLookbackDays: days } = input;
  const perToken =
    tokens === null ||
    days === null ||
    days <= 0 ||
    (tokens.input + tokens.output === 0 && (input.invocations ?? 0) > 0)
      ? null
      : { input: (tokens.input * 30) / days / 1e6, output: (tokens.output * 30) / days / 1e6 };
  const prices = quote?.prices ?? null;
  const faces = facesExtendedAccess(input);
  if (tokens !== null && tokens.input + tokens.output === 0 && (input.invocations ?? 0) === 0) {
    return {
      pricesPerMillionTokens: prices,
      priceSource: quote?.source ?? null,
      monthlyCostUsd: 0,
      extendedAccessExtraMonthlyUsd: faces ? 0 : null,
    };
  }
  const monthly =
    perToken === null || prices === null
      ? null
      : perToken.input * prices.input + perToken.output * prices.output;
  const extra =
    perToken === null ||
    prices === null ||
    prices.extendedInput === null ||
    prices.extendedOutput === null ||
    !faces
      ? null
      : perToken.input * (prices.extendedInput - prices.input) +
        perToken.output * (prices.extendedOutput - prices.output);
  return {
    pricesPerMillionTokens: prices,
    priceSource: quote?.source ?? null,
    monthlyCostUsd: monthly === null ? null : cents(monthly),
    extendedAccessExtraMonthlyUsd: extra === null ? null : cents(extra),
  };
}

/** Events with what their model costs a month (see `modelCost`). */
export const withCost = (
  events: readonly LifecycleEvent[],
  configured: readonly ModelPrice[],
  published: PublishedPrices,
): LifecycleEvent[] => events.map((event) => ({ ...event, ...modelCost(event, configured, published) }));
