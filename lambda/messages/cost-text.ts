import {
  type CostInput,
  facesExtendedAccess,
  type ModelCost,
  type PriceSource,
  type TokenPrices,
} from '../domain/cost';
import { day } from './wording';

/**
 * What a model costs, in one sentence every human format shares: the money at stake in staying on
 * it, from the team's own token use. Only numbers and fixed words: no text from AWS reaches it.
 */

/** "$3,536"; "under $1" below a dollar: an estimate does not deserve cents. */
export function dollars(usd: number): string {
  const whole = Math.round(usd);
  return usd < 1 ? 'under $1' : `$${whole.toLocaleString('en-US')}`;
}

/** "about $3,536", or "under $1": an amount in a sentence. */
const about = (usd: number): string => (usd < 1 ? dollars(usd) : `about ${dollars(usd)}`);

const capitalised = (text: string): string => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

/** A price as configured or published: "$3", "$0.80", "$0.035". */
const price = (usd: number): string =>
  `$${usd.toLocaleString('en-US', { minimumFractionDigits: Number.isInteger(usd) ? 0 : 2, maximumFractionDigits: 6 })}`;

const SOURCE: Readonly<Record<PriceSource, string>> = {
  modelPrices: 'prices from modelPrices',
  'bedrock-agreement-offer': 'prices from Bedrock’s agreement offer for the model',
};

function priceList(prices: TokenPrices, source: PriceSource, extended: boolean): string {
  const pair = (standard: number, higher: number | null) =>
    extended && higher !== null ? `${price(standard)} → ${price(higher)}` : price(standard);
  return (
    `input ${pair(prices.input, prices.extendedInput)}, output ${pair(prices.output, prices.extendedOutput)} ` +
    `per million tokens; ${SOURCE[source]}`
  );
}

/** What a change's money figures are measured against: "the last 14 days' use". */
const lookback = (days: number): string => (days === 1 ? 'the last day’s use' : `the last ${days} days’ use`);

/** The money at stake in a change, for ordering: the extended-access extra, else the monthly cost. */
export const moneyAtStake = (
  costs: Partial<Pick<ModelCost, 'extendedAccessExtraMonthlyUsd' | 'monthlyCostUsd'>>,
): number | null => costs.extendedAccessExtraMonthlyUsd ?? costs.monthlyCostUsd ?? null;

/**
 * The cost sentence for a model in use, e.g. "Extended access from 2026-03-01 costs about $3,536
 * more a month at the last 14 days' use (input $3 → $6, output $15 → $30 per million tokens;
 * prices from modelPrices)." Null when the run read no tokens, or none were used.
 */
export function costText(event: Omit<CostInput, 'region' | 'modelId'> & ModelCost): string | null {
  const { tokens, usageLookbackDays: days } = event;
  if (tokens === null || days === null || tokens.input + tokens.output === 0) return null;
  const extendedFrom = facesExtendedAccess(event) ? event.publicExtendedAccessTime : null;
  const extended =
    extendedFrom === null
      ? ''
      : `extended access ${event.phase === 'EXTENDED_ACCESS' ? 'since' : 'from'} ${day(extendedFrom)}`;
  const prices = event.pricesPerMillionTokens;
  if (prices === null || event.priceSource === null || event.monthlyCostUsd === null) {
    return extendedFrom === null
      ? 'Cost unknown: no price for this model (add it to modelPrices).'
      : `Cost unknown: no price for this model, so what ${extended} adds is unknown too (add it to modelPrices).`;
  }
  const extra = event.extendedAccessExtraMonthlyUsd;
  if (extendedFrom !== null && extra !== null) {
    const more = extra <= 0 ? 'costs no more' : `costs ${about(extra)} more a month`;
    return `E${extended.slice(1)} ${more} at ${lookback(days)} (${priceList(prices, event.priceSource, true)}).`;
  }
  const monthly = `${capitalised(about(event.monthlyCostUsd))} a month at ${lookback(days)} (${priceList(prices, event.priceSource, false)})`;
  return extendedFrom === null
    ? `${monthly}.`
    : `${monthly}; what ${extended} adds is unknown: no source gives its price (add extendedInput and extendedOutput to modelPrices).`;
}
