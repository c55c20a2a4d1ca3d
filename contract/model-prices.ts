import { baseModelId } from '../lambda/domain/model-reference';
import { SettingError } from './setting-error';
import { jsonArray, parseModelReference, parseRegion, settingObject } from './settings';

/**
 * `modelPrices`: what the team pays per million tokens, in US dollars, for the models it names,
 * at the standard price and (where it knows it) the public-extended-access price. It comes first
 * among the price sources: AWS publishes extended-access prices in no API.
 */
export interface ModelPrice {
  /** A model id or id prefix (an inference-profile id or ARN counts as its model); longest prefix wins. */
  readonly model: string;
  /**
   * Only in this region; where two entries match with prefixes of the same length, the one for
   * the region wins.
   * @default - every region
   */
  readonly region?: string;
  /** Dollars per million input tokens at the standard price. */
  readonly input: number;
  /** Dollars per million output tokens at the standard price. */
  readonly output: number;
  /**
   * Dollars per million input tokens during public extended access; give it with `extendedOutput`.
   * @default - unknown: the extra cost of extended access is then unknown, not zero
   */
  readonly extendedInput?: number;
  /**
   * Dollars per million output tokens during public extended access; give it with `extendedInput`.
   * @default - unknown: the extra cost of extended access is then unknown, not zero
   */
  readonly extendedOutput?: number;
}

const PRICE_KEYS = ['model', 'region', 'input', 'output', 'extendedInput', 'extendedOutput'] as const;

/** A price beyond this many dollars per million tokens is a typo (a per-token price times a million). */
const MAX_PRICE = 100_000;

const EXAMPLE = 'prices, e.g. [{"model":"anthropic.claude-3-5-sonnet","input":3,"output":15}]';

function price(entry: Record<string, unknown>, field: string, key: string): number | undefined {
  const value = entry[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > MAX_PRICE) {
    throw new SettingError(
      `${key}.${field}`,
      value,
      `expected US dollars per million tokens: a number from 0 to ${MAX_PRICE.toLocaleString('en-US')}`,
    );
  }
  return value;
}

function parseEntry(value: unknown, key: string): ModelPrice {
  const entry = settingObject(value, key, PRICE_KEYS, 'an object with model, input and output');
  const input = price(entry, 'input', key);
  const output = price(entry, 'output', key);
  if (input === undefined || output === undefined) {
    throw new SettingError(key, value, 'needs both input and output (US dollars per million tokens)');
  }
  const extendedInput = price(entry, 'extendedInput', key);
  const extendedOutput = price(entry, 'extendedOutput', key);
  // One extended price without the other would leave the extra half known: it is all or nothing.
  if ((extendedInput === undefined) !== (extendedOutput === undefined)) {
    throw new SettingError(key, value, 'give both extendedInput and extendedOutput, or neither');
  }
  if (
    extendedInput !== undefined &&
    extendedOutput !== undefined &&
    (extendedInput < input || extendedOutput < output)
  ) {
    throw new SettingError(
      key,
      value,
      'the extended-access prices are below the standard ones: public extended access costs more, not less',
    );
  }
  const model = parseModelReference(entry.model, `${key}.model`);
  // Its ARN names no model: which model it routes to is known only to Bedrock.
  if (model.includes(':application-inference-profile/')) {
    throw new SettingError(
      `${key}.model`,
      model,
      'an application inference profile cannot be priced: name the model it routes to',
    );
  }
  return {
    model,
    ...(entry.region === undefined ? {} : { region: parseRegion(entry.region, `${key}.region`) }),
    input,
    output,
    ...(extendedInput === undefined || extendedOutput === undefined ? {} : { extendedInput, extendedOutput }),
  };
}

/** Parses `modelPrices`; two entries for the same model and region would leave the choice to order. */
export function parseModelPrices(value: unknown, key = 'modelPrices'): ModelPrice[] {
  if (value === undefined || value === '') return [];
  const prices = jsonArray(value, key, EXAMPLE).map((entry, i) => parseEntry(entry, `${key}[${i}]`));
  const seen = new Set<string>();
  prices.forEach((entry, i) => {
    // A profile id or ARN is priced as its model: `us.anthropic.x` and `anthropic.x` are one entry.
    const id = `${baseModelId(entry.model)} ${entry.region ?? '*'}`;
    if (seen.has(id)) {
      throw new SettingError(
        `${key}[${i}]`,
        entry.model,
        `a second price for the same model${entry.region ? ` in ${entry.region}` : ''}`,
      );
    }
    seen.add(id);
  });
  return prices;
}
