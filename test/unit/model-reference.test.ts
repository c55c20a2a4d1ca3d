import { describe, expect, it } from 'vitest';
import { baseModelId } from '../../lambda/domain/model-reference';

describe('baseModelId', () => {
  it.each([
    ['anthropic.claude-3-7-sonnet-20250219-v1:0', 'anthropic.claude-3-7-sonnet-20250219-v1:0'],
    ['us.anthropic.claude-3-7-sonnet-20250219-v1:0', 'anthropic.claude-3-7-sonnet-20250219-v1:0'],
    ['eu.anthropic.claude-sonnet-4-20250514-v1:0', 'anthropic.claude-sonnet-4-20250514-v1:0'],
    ['apac.amazon.nova-pro-v1:0', 'amazon.nova-pro-v1:0'],
    ['global.anthropic.claude-sonnet-4-5-20250929-v1:0', 'anthropic.claude-sonnet-4-5-20250929-v1:0'],
    ['us-gov.anthropic.claude-3-haiku-20240307-v1:0', 'anthropic.claude-3-haiku-20240307-v1:0'],
    [
      'arn:aws:bedrock:us-east-1::foundation-model/meta.llama3-3-70b-instruct-v1:0',
      'meta.llama3-3-70b-instruct-v1:0',
    ],
    [
      'arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.meta.llama3-2-90b-instruct-v1:0',
      'meta.llama3-2-90b-instruct-v1:0',
    ],
    [' cohere.command-r-plus-v1:0 ', 'cohere.command-r-plus-v1:0'],
  ])('%s is the foundation model %s', (reference, id) => {
    expect(baseModelId(reference)).toBe(id);
  });

  it('leaves a two-part id alone: a profile id is geography, provider and model', () => {
    expect(baseModelId('us.model')).toBe('us.model');
  });
});
