import {
  BedrockClient,
  BedrockServiceException,
  ListFoundationModelAgreementOffersCommand,
} from '@aws-sdk/client-bedrock';
import type { Offer } from '../domain/offer-prices';
import type { OfferCatalog } from '../ports';
import { type CallBudget, regionalClients } from './regional-clients';

/**
 * How Bedrock says a model has no agreement to offer: `ValidationException` ("Agreement not
 * supported for this model", for Amazon's and open-weight models) or `ResourceNotFoundException`.
 */
const NO_OFFER = new Set(['ValidationException', 'ResourceNotFoundException']);

/** A model's public agreement offers in a region: one ListFoundationModelAgreementOffers call. */
export class BedrockOffers implements OfferCatalog {
  private readonly client: (region: string) => BedrockClient;

  constructor(private readonly budget: CallBudget) {
    this.client = regionalClients((config) => new BedrockClient(config), budget);
  }

  async offers(region: string, modelId: string): Promise<readonly Offer[] | null> {
    try {
      const answer = await this.client(region).send(
        new ListFoundationModelAgreementOffersCommand({ modelId, offerType: 'PUBLIC' }),
        { abortSignal: AbortSignal.timeout(this.budget.regionTimeoutMs) },
      );
      return answer.offers ?? [];
    } catch (error) {
      if (error instanceof BedrockServiceException && NO_OFFER.has(error.name)) return null;
      throw error;
    }
  }
}
