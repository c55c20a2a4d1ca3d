import { describe, expect, it } from 'vitest';
import { type Offer, offerPrices } from '../../lambda/domain/offer-prices';

/** One public offer's rate card, shaped as ListFoundationModelAgreementOffers sends it. */
const offer = (rates: Record<string, string>): Offer => ({
  termDetails: {
    usageBasedPricingTerm: {
      rateCard: Object.entries(rates).map(([dimension, price]) => ({
        dimension,
        price,
        description: 'Million Input Tokens Regional',
        unit: 'Units',
      })),
    },
  },
});

/** Claude Haiku 4.5's rates as captured from the API: regional, global and batch, in two regions. */
const HAIKU_45 = offer({
  USE1_InputTokenCount: '1.1',
  USE1_OutputTokenCount: '5.5',
  USE1_InputTokenCount_Global: '1',
  USE1_OutputTokenCount_Global: '5',
  USE1_InputTokenCount_Batch: '0.55',
  EU_InputTokenCount: '1.1',
  EU_OutputTokenCount: '5.5',
  APN2_InputTokenCount: '1.2',
  APN2_OutputTokenCount: '6',
});

describe('prices from an agreement offer’s rate card', () => {
  it.each([
    ['us-east-1', [HAIKU_45], { input: 1.1, output: 5.5 }],
    // eu-west-1 bills as "EU", not "EUW1".
    ['eu-west-1', [HAIKU_45], { input: 1.1, output: 5.5 }],
    ['ap-northeast-2', [HAIKU_45], { input: 1.2, output: 6 }],
    // A region the card does not price, and a region with no billing code known here.
    ['us-west-2', [HAIKU_45], null],
    ['xx-moon-1', [HAIKU_45], null],
    // Only the regional on-demand rate counts: a global rate alone is not this region's price.
    ['us-east-1', [offer({ USE1_InputTokenCount_Global: '1', USE1_OutputTokenCount_Global: '5' })], null],
    ['us-east-1', [offer({ USE1_InputTokenCount: '1.1' })], null],
    ['us-east-1', [], null],
    // Two offers that agree give the price; two that disagree give none rather than a guess.
    [
      'us-east-1',
      [HAIKU_45, offer({ USE1_InputTokenCount: '1.1', USE1_OutputTokenCount: '5.5' })],
      { input: 1.1, output: 5.5 },
    ],
    ['us-east-1', [HAIKU_45, offer({ USE1_InputTokenCount: '2', USE1_OutputTokenCount: '5.5' })], null],
  ] as const)('in %s', (region, offers, expected) => {
    expect(offerPrices(region, offers)).toEqual(expected);
  });

  it.each([
    ['a negative price', '-1.1'],
    ['an exponent', '1e3'],
    ['text', 'free for now'],
    ['a currency sign', '$1.10'],
    ['markup', '<b>1.1</b>'],
    ['an empty price', ''],
  ])('rejects %s: only plain decimals are prices', (_, price) => {
    expect(
      offerPrices('us-east-1', [offer({ USE1_InputTokenCount: price, USE1_OutputTokenCount: '5.5' })]),
    ).toBeNull();
  });

  it('reads records with missing parts without failing', () => {
    const odd = [
      {},
      { termDetails: {} },
      { termDetails: { usageBasedPricingTerm: { rateCard: [{}, { dimension: 'USE1_InputTokenCount' }] } } },
    ];
    expect(offerPrices('us-east-1', odd as Offer[])).toBeNull();
  });
});
