import {
  BedrockClient,
  type InferenceProfileSummary,
  ListInferenceProfilesCommand,
} from '@aws-sdk/client-bedrock';
import { type InferenceProfile, profileOf } from '../domain/usage';
import type { ProfileCatalog } from '../ports';
import { type AccountCredentials, type CallBudget, regionalClients } from './regional-clients';

/** Both kinds: without a type filter, ListInferenceProfiles is not documented to return both. */
const TYPES = ['SYSTEM_DEFINED', 'APPLICATION'] as const;

/** The inference profiles of a region: ListInferenceProfiles for each type at once, every page. */
export class BedrockProfiles implements ProfileCatalog {
  private readonly client: (region: string) => BedrockClient;

  /** Reads with the function's own credentials, or another account's when given. */
  constructor(
    private readonly budget: CallBudget,
    credentials?: AccountCredentials,
  ) {
    this.client = regionalClients((config) => new BedrockClient(config), budget, credentials);
  }

  async profiles(region: string): Promise<InferenceProfile[]> {
    const abortSignal = AbortSignal.timeout(this.budget.regionTimeoutMs);
    // The two types are listed at once: a region's profiles take one round trip, not two.
    const summaries = await Promise.all(
      TYPES.map(async (typeEquals) => {
        const listed: InferenceProfileSummary[] = [];
        let nextToken: string | undefined;
        do {
          const page = await this.client(region).send(
            new ListInferenceProfilesCommand({ typeEquals, maxResults: 1000, nextToken }),
            { abortSignal },
          );
          listed.push(...(page.inferenceProfileSummaries ?? []));
          nextToken = page.nextToken;
        } while (nextToken);
        return listed;
      }),
    );
    return summaries.flat().flatMap((summary) => profileOf(summary) ?? []);
  }
}
