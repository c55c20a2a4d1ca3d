/**
 * Prices from the rate card of a model's public agreement offer (Bedrock
 * `ListFoundationModelAgreementOffers`, `offers[].termDetails.usageBasedPricingTerm.rateCard[]`),
 * which Bedrock has for models sold through AWS Marketplace (Anthropic, Cohere, AI21 and others;
 * Amazon's and open-weight models have none). A rate is `{ dimension, price, unit, description }`,
 * all strings: the dimension names a region by its billing code and a metric
 * (`USE1_InputTokenCount`), the price is a decimal in US dollars per million tokens (its
 * description reads "Million Input Tokens Regional"; the unit says only "Units"). Other dimensions
 * (global and batch rates, cache tokens, provisioned throughput) are not what on-demand calls in a
 * region pay, and are left alone. Only the numbers are used: no text of a rate card is shown.
 */

/** One rate as the API sends it: every field optional to the reader. */
export interface Rate {
  readonly dimension?: string;
  readonly price?: string;
}

/** An offer's rates, as the API nests them. */
export interface Offer {
  readonly termDetails?: { readonly usageBasedPricingTerm?: { readonly rateCard?: readonly Rate[] } };
}

/**
 * The billing code AWS puts before a usage type in each region (usage types such as
 * `USE1-…`, and Bedrock's rate-card dimensions): us-east-1 is USE1, eu-west-1 is EU. A region not
 * listed here gets no published price rather than another region's.
 */
export const BILLING_CODES: Readonly<Record<string, string>> = {
  'us-east-1': 'USE1',
  'us-east-2': 'USE2',
  'us-west-1': 'USW1',
  'us-west-2': 'USW2',
  'ca-central-1': 'CAN1',
  'ca-west-1': 'CAW1',
  'sa-east-1': 'SAE1',
  'eu-west-1': 'EU',
  'eu-west-2': 'EUW2',
  'eu-west-3': 'EUW3',
  'eu-central-1': 'EUC1',
  'eu-central-2': 'EUC2',
  'eu-north-1': 'EUN1',
  'eu-south-1': 'EUS1',
  'eu-south-2': 'EUS2',
  'ap-northeast-1': 'APN1',
  'ap-northeast-2': 'APN2',
  'ap-northeast-3': 'APN3',
  'ap-southeast-1': 'APS1',
  'ap-southeast-2': 'APS2',
  'ap-south-1': 'APS3',
  'ap-southeast-3': 'APS4',
  'ap-south-2': 'APS5',
  'ap-southeast-4': 'APS6',
  'ap-east-1': 'APE1',
  'me-south-1': 'MES1',
  'me-central-1': 'MEC1',
  'il-central-1': 'ILC1',
  'af-south-1': 'AFS1',
  'us-gov-west-1': 'UGW1',
  'us-gov-east-1': 'UGE1',
};

/** A plain decimal, as rate cards write prices; anything else (exponents, signs, text) is not a price. */
const DECIMAL = /^\d{1,9}(\.\d{1,12})?$/;

/**
 * The on-demand input and output prices of a model in a region from its offers' rate cards: the
 * `<code>_InputTokenCount` and `<code>_OutputTokenCount` rates. Null when the region has no
 * billing code here, either rate is missing or not a plain decimal, or two offers disagree: a price
 * is never guessed.
 */
export function offerPrices(
  region: string,
  offers: readonly Offer[],
): { readonly input: number; readonly output: number } | null {
  const code = BILLING_CODES[region];
  if (code === undefined) return null;
  const rates = offers.flatMap((offer) => offer.termDetails?.usageBasedPricingTerm?.rateCard ?? []);
  const price = (metric: string): number | null => {
    const found = new Set(
      rates.filter((rate) => rate.dimension === `${code}_${metric}`).map((rate) => rate.price?.trim() ?? ''),
    );
    const [only] = found;
    return found.size === 1 && only !== undefined && DECIMAL.test(only) ? Number(only) : null;
  };
  const input = price('InputTokenCount');
  const output = price('OutputTokenCount');
  return input === null || output === null ? null : { input, output };
}
