import { gunzipSync, gzipSync } from 'node:zlib';

/** Leaves room under DynamoDB's 400 KB item limit for the item's other attributes. */
const MODELS_MAX_BYTES = 380_000;

/** How model lists are stored: gzipped JSON, as a region's JSON is several times larger than an item may be. */
export const MODELS_ENCODING = 'gzip+json';

export function packModels(region: string, models: readonly unknown[]): Uint8Array {
  const packed = gzipSync(JSON.stringify(models));
  if (packed.byteLength > MODELS_MAX_BYTES) {
    throw new Error(
      `The state of ${region} is ${packed.byteLength} bytes gzipped, over the ${MODELS_MAX_BYTES}-byte item budget`,
    );
  }
  return packed;
}

export const unpackModels = <T>(packed: unknown): T[] =>
  JSON.parse(gunzipSync(packed as Uint8Array).toString('utf8')) as T[];
