import { describe, expect, it } from 'vitest';
import { cachedDetails, listingKey, needsDetails, withDates } from '../../lambda/domain/model-details';
import { catalogModel, legacySonnet } from '../support/models';

const EOL = '2026-04-28T08:00:00.000Z';
const details = (model = legacySonnet({ endOfLifeTime: null })) => ({
  listing: listingKey(model),
  dates: { legacyTime: model.legacyTime, publicExtendedAccessTime: null, endOfLifeTime: EOL },
});

describe('GetFoundationModel details', () => {
  it.each([
    ['a Legacy model listed without an end of life', legacySonnet({ endOfLifeTime: null }), true],
    ['a Legacy model listed with one', legacySonnet(), false],
    ['an Active model', catalogModel(), false],
    ['a model of another status', legacySonnet({ status: 'RETIRED', endOfLifeTime: null }), false],
  ])('are wanted for %s: %s', (_what, model, wanted) => {
    expect(needsDetails(model)).toBe(wanted);
  });

  it('hold while the listed record is the same, and not once it changed', () => {
    const listed = legacySonnet({ endOfLifeTime: null });
    const kept = details(listed);
    expect(cachedDetails(listed, kept)).toBe(kept);
    expect(cachedDetails({ ...listed, modelName: 'Claude 3.7 Sonnet (renamed)' }, kept)).toBeUndefined();
    expect(cachedDetails(listed, undefined)).toBeUndefined();
  });

  it('fill only the dates the listing lacks', () => {
    const listed = legacySonnet({
      endOfLifeTime: null,
      publicExtendedAccessTime: '2026-01-27T08:00:00.000Z',
    });
    const dates = {
      legacyTime: '2000-01-01T00:00:00.000Z',
      publicExtendedAccessTime: null,
      endOfLifeTime: EOL,
    };
    expect(withDates(listed, dates)).toEqual({ ...listed, endOfLifeTime: EOL });
  });
});
