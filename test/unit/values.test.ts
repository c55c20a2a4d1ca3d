import { describe, expect, it } from 'vitest';
import { canonicalJson, isRecord, sameJson, unique } from '../../lambda/domain/values';

const model = {
  modelId: 'anthropic.claude-3-7-sonnet-20250219-v1:0',
  dates: { legacyTime: '2025-10-28T08:00:00.000Z', endOfLifeTime: null },
  notified: ['EOL:30', 'EOL:90'],
  listed: true,
  missingRuns: 0,
};

describe('sameJson', () => {
  it.each<[string, unknown, unknown, boolean]>([
    [
      'equal objects with keys in another order',
      model,
      { ...model, listed: true, modelId: model.modelId },
      true,
    ],
    [
      'a nested value that differs',
      model,
      { ...model, dates: { ...model.dates, endOfLifeTime: '2026-04-28' } },
      false,
    ],
    ['null against a missing key', { a: null }, {}, false],
    ['an undefined value against a missing key, as JSON drops it', { a: 1, b: undefined }, { a: 1 }, true],
    ['an extra key', model, { ...model, removedAt: null }, false],
    ['arrays in another order', ['EOL:30', 'EOL:90'], ['EOL:90', 'EOL:30'], false],
    ['arrays of different length', [1, 2], [1, 2, 3], false],
    ['an array against an object with index keys', [1], { 0: 1 }, false],
    ['0 against false', 0, false, false],
    ['equal strings', 'LEGACY', 'LEGACY', true],
  ])('%s: %s', (_what, a, b, same) => {
    expect(sameJson(a, b)).toBe(same);
    expect(sameJson(b, a)).toBe(same);
    // The same answer as comparing canonical JSON, which it replaces where speed matters.
    expect(canonicalJson(a) === canonicalJson(b)).toBe(same);
  });
});

describe('isRecord and unique', () => {
  it.each<[unknown, boolean]>([
    [{ a: 1 }, true],
    [{}, true],
    [[], false],
    [null, false],
    ['{}', false],
  ])('isRecord(%j) is %s', (value, record) => {
    expect(isRecord(value)).toBe(record);
  });

  it('keeps the first of each value, in the order first seen', () => {
    expect(unique(['b', 'a', 'b', 'c', 'a'])).toEqual(['b', 'a', 'c']);
  });
});
