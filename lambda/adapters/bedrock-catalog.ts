import { BedrockClient, ListFoundationModelsCommand } from '@aws-sdk/client-bedrock';
import { normalizeListing } from '../domain/normalize-listing';
import type { CatalogListing, ModelCatalog } from '../ports';

export interface BedrockCatalogOptions {
  /** Attempts per region, throttling included (the SDK's standard retry with backoff). */
  readonly maxAttempts: number;
  /** Per-attempt socket timeout. */
  readonly attemptTimeoutMs: number;
  /** Budget for one region, all attempts included. */
  readonly regionTimeoutMs: number;
}

/**
 * Lists the foundation models of a region with one ListFoundationModels call (the API returns the
 * whole region; it has no pagination). Endpoints come from the SDK's standard configuration, so
 * AWS_ENDPOINT_URL(_BEDROCK) points the same code at an emulator.
 */
export class BedrockCatalog implements ModelCatalog {
  private readonly clients = new Map<string, BedrockClient>();

  constructor(private readonly options: BedrockCatalogOptions) {}

  async list(region: string): Promise<CatalogListing> {
    const out = await this.client(region).send(new ListFoundationModelsCommand({}), {
      abortSignal: AbortSignal.timeout(this.options.regionTimeoutMs),
    });
    return normalizeListing(region, out.modelSummaries ?? []);
  }

  private client(region: string): BedrockClient {
    let client = this.clients.get(region);
    if (!client) {
      client = new BedrockClient({
        region,
        maxAttempts: this.options.maxAttempts,
        requestHandler: {
          connectionTimeout: this.options.attemptTimeoutMs,
          requestTimeout: this.options.attemptTimeoutMs,
        },
      });
      this.clients.set(region, client);
    }
    return client;
  }
}
