import type { ModelPrice } from '../../contract/model-prices';
import { configuredPrice, type PublishedPrices } from '../domain/cost';
import type { LifecycleEvent } from '../domain/events';
import { DAY_MS } from '../domain/model';
import { offerPrices } from '../domain/offer-prices';
import { type ModelInRegion, usageKey } from '../domain/usage';
import type { CachedPrice, Log, OfferCatalog, PriceCache } from '../ports';
import { describeError } from './describe-error';
import { mapConcurrent } from './map-concurrent';
import { within } from './within';

export interface PricePorts {
  readonly offers: OfferCatalog;
  readonly priceCache: PriceCache;
  readonly log: Log;
}

/** Published prices change rarely: a model's are read from AWS at most once a day. */
export const PRICE_MAX_AGE_MS = DAY_MS;

/** Offers read at once: one call per model, spread over the regions' endpoints. */
const OFFER_CONCURRENCY = 8;

/** The models worth a price: used in the lookback, and not priced by the team's `modelPrices`. */
function unpriced(models: readonly UsedModel[], configured: readonly ModelPrice[]): ModelInRegion[] {
  const wanted = new Map<string, ModelInRegion>();
  for (const model of models) {
    const used = model.tokens !== null && model.tokens.input + model.tokens.output > 0;
    if (used && configuredPrice(configured, model) === undefined) {
      wanted.set(usageKey(model), { region: model.region, modelId: model.modelId });
    }
  }
  return [...wanted.values()];
}

/** A model in a region with the tokens it used over the lookback (null: unknown). */
export type UsedModel = ModelInRegion & Pick<LifecycleEvent, 'tokens'>;

/**
 * The prices AWS publishes for these models, where the team gave none and tokens were used: each model's public agreement offer, read when the table's copy is missing or
 * a day old, and kept there. Nothing is read for a model the team prices or nobody calls, so a run
 * without such a model makes no call. A failed read, or one not done within `timeoutMs` of the
 * first, is one warning per run, and those models' prices are unknown; the run and its alerts go on.
 */
export async function lookupPrices(
  models: readonly UsedModel[],
  configured: readonly ModelPrice[],
  t: Date,
  timeoutMs: number,
  ports: PricePorts,
): Promise<PublishedPrices> {
  const wanted = unpriced(models, configured);
  if (wanted.length === 0) return new Map();
  const { log } = ports;
  // One deadline for all, the cache included: a slow Bedrock or table leaves the prices not read
  // by then unknown, not the run late.
  const deadline = Date.now() + timeoutMs;
  const left = () => Math.max(0, deadline - Date.now());
  const regions = [...new Set(wanted.map((target) => target.region))];
  let cached: ReadonlyMap<string, ReadonlyMap<string, CachedPrice>> | null;
  try {
    cached = await within(ports.priceCache.read(regions), left(), 'reading the price cache');
  } catch (error) {
    log.warn('Price cache could not be read: prices are read from AWS again', {
      error: describeError(error),
    });
    cached = null;
  }
  const fresh = (entry: CachedPrice | undefined): entry is CachedPrice =>
    entry !== undefined && Math.abs(t.getTime() - Date.parse(entry.readAt)) < PRICE_MAX_AGE_MS;
  const cachedOf = (target: ModelInRegion) => cached?.get(target.region)?.get(target.modelId);
  const stale = wanted.filter((target) => !fresh(cachedOf(target)));
  const failures: { target: ModelInRegion; error: string }[] = [];
  const read = await mapConcurrent(stale, OFFER_CONCURRENCY, async (target) => {
    const what = `reading the offers of ${target.modelId} in ${target.region}`;
    try {
      // Past the deadline, no call is started at all.
      if (left() === 0) throw new Error(`Out of time (${timeoutMs} ms) before ${what}`);
      const offers = await within(ports.offers.offers(target.region, target.modelId), left(), what);
      const entry: CachedPrice = {
        prices: offers === null ? null : offerPrices(target.region, offers),
        readAt: t.toISOString(),
      };
      return [target, entry] as const;
    } catch (error) {
      failures.push({ target, error: describeError(error) });
      return null;
    }
  });
  if (failures.length > 0) {
    log.warn(
      `Prices unknown for ${failures.length} ${failures.length === 1 ? 'model' : 'models'}: ` +
        'their agreement offers (ListFoundationModelAgreementOffers) could not be read',
      { models: failures.map((f) => usageKey(f.target)), error: failures[0]?.error },
    );
  }
  const updated = read.filter((entry) => entry !== null);
  // Without the cache's items, writing would replace them with this run's prices alone.
  if (cached !== null) await keep(updated, cached, left, ports);
  // A price older than a day whose refresh failed is unknown, not yesterday's.
  const readNow = new Map(updated.map(([target, entry]) => [usageKey(target), entry]));
  const prices = new Map<string, { input: number; output: number }>();
  for (const target of wanted) {
    const cachedEntry = cachedOf(target);
    const entry = readNow.get(usageKey(target)) ?? (fresh(cachedEntry) ? cachedEntry : undefined);
    if (entry?.prices) prices.set(usageKey(target), entry.prices);
  }
  return prices;
}

/** A cache write, one PutItem, may take this long even past the deadline: what it keeps saves calls. */
const CACHE_WRITE_MS = 1_000;

/**
 * Writes the newly read prices into their regions' cache items, beside what those items held, all
 * regions at once.
 */
async function keep(
  updated: readonly (readonly [ModelInRegion, CachedPrice])[],
  cached: ReadonlyMap<string, ReadonlyMap<string, CachedPrice>>,
  left: () => number,
  { priceCache, log }: PricePorts,
): Promise<void> {
  const regions = [...new Set(updated.map(([target]) => target.region))];
  const write = async (region: string) => {
    const models = new Map(cached.get(region));
    for (const [target, entry] of updated) if (target.region === region) models.set(target.modelId, entry);
    try {
      const ms = Math.max(left(), CACHE_WRITE_MS);
      await within(priceCache.write(region, models), ms, `caching the prices of ${region}`);
    } catch (error) {
      // Only the cache is lost: the next run with changes asks AWS again.
      log.warn(`Prices of ${region} could not be cached`, { region, error: describeError(error) });
    }
  };
  await Promise.all(regions.map(write));
}
