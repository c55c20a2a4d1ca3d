import { describe, expect, it } from 'vitest';
import { parseModelPrices } from '../../contract/model-prices';
import { parseMonitorSettings } from '../../contract/monitor-settings';

describe('modelPrices', () => {
  it('reads a JSON string (a context value) or an array (props), with optional region and extended prices', () => {
    const text =
      '[{"model":"anthropic.claude-3-5-sonnet","input":3,"output":15,"extendedInput":6,"extendedOutput":30},' +
      '{"model":"us.amazon.nova-pro","region":"us-east-1","input":0.8,"output":3.2},' +
      '{"model":"unknown.model-nobody-lists","input":0,"output":0}]';
    const parsed = parseModelPrices(text);
    expect(parsed).toEqual([
      { model: 'anthropic.claude-3-5-sonnet', input: 3, output: 15, extendedInput: 6, extendedOutput: 30 },
      { model: 'us.amazon.nova-pro', region: 'us-east-1', input: 0.8, output: 3.2 },
      { model: 'unknown.model-nobody-lists', input: 0, output: 0 },
    ]);
    expect(parseModelPrices(parsed)).toEqual(parsed);
    expect(parseModelPrices(undefined)).toEqual([]);
  });

  it.each([
    ['not JSON', '[{model:', 'Invalid modelPrices "[{model:": expected a JSON array of prices'],
    ['not an array', '{"model":"a"}', 'expected a JSON array of prices'],
    [
      'not an object',
      '["anthropic."]',
      'Invalid modelPrices[0] "anthropic.": expected an object with model, input and output',
    ],
    [
      'a missing output',
      '[{"model":"anthropic.","input":3}]',
      'Invalid modelPrices[0] {"model":"anthropic.","input":3}: needs both input and output',
    ],
    [
      'a negative price',
      '[{"model":"a.b","input":-1,"output":2}]',
      'Invalid modelPrices[0].input -1: expected US dollars per million tokens',
    ],
    [
      'a price as text',
      '[{"model":"a.b","input":"3","output":2}]',
      'Invalid modelPrices[0].input "3": expected US dollars per million tokens',
    ],
    ['an absurd price', '[{"model":"a.b","input":3000000,"output":2}]', 'from 0 to 100,000'],
    [
      'half the extended prices',
      '[{"model":"a.b","input":3,"output":15,"extendedInput":6}]',
      'give both extendedInput and extendedOutput, or neither',
    ],
    [
      'no model',
      '[{"input":3,"output":15}]',
      'Invalid modelPrices[0].model undefined: expected a string that is a model id',
    ],
    [
      'a model with spaces',
      '[{"model":"rm -rf","input":3,"output":15}]',
      'Invalid modelPrices[0].model "rm -rf"',
    ],
    [
      'a bad region',
      '[{"model":"a.b","region":"moon-1","input":3,"output":15}]',
      'Invalid modelPrices[0].region "moon-1"',
    ],
    ['an unknown key', '[{"model":"a.b","input":3,"output":15,"currency":"EUR"}]', 'unknown key "currency"'],
    [
      'the same model twice',
      '[{"model":"a.b","input":3,"output":15},{"model":"a.b","input":4,"output":15}]',
      'Invalid modelPrices[1] "a.b": a second price for the same model',
    ],
    [
      'a model and its profile',
      '[{"model":"anthropic.x","input":3,"output":15},{"model":"us.anthropic.x","input":4,"output":15}]',
      'Invalid modelPrices[1] "us.anthropic.x": a second price for the same model',
    ],
    [
      'extended prices below the standard ones',
      '[{"model":"a.b","input":3,"output":15,"extendedInput":2,"extendedOutput":30}]',
      'the extended-access prices are below the standard ones',
    ],
    [
      'an application inference profile',
      '[{"model":"arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123","input":3,"output":15}]',
      'an application inference profile cannot be priced: name the model it routes to',
    ],
  ])('rejects %s, naming the entry in one line', (_, value, message) => {
    expect(() => parseModelPrices(value)).toThrow(message);
    try {
      parseModelPrices(value);
    } catch (error) {
      expect(String((error as Error).message)).not.toContain('\n');
    }
  });

  it('is a deployment setting like any other key', () => {
    const settings = parseMonitorSettings((key) =>
      key === 'modelPrices' ? '[{"model":"anthropic.","input":3,"output":15}]' : undefined,
    );
    expect(settings.modelPrices).toEqual([{ model: 'anthropic.', input: 3, output: 15 }]);
    expect(() =>
      parseMonitorSettings((key) => (key === 'modelPrices' ? '[{"model":"anthropic."}]' : undefined)),
    ).toThrow(/^Invalid modelPrices\[0\]/);
  });
});
