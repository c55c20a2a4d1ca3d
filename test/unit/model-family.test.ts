import { describe, expect, it } from 'vitest';
import { modelFamily } from '../../lambda/domain/model-family';

/** Real Bedrock model ids and names, grouped by the family a replacement must share. */
const FAMILIES: [string, [string, string][]][] = [
  [
    'Claude Sonnet',
    [
      ['anthropic.claude-3-sonnet-20240229-v1:0', 'Claude 3 Sonnet'],
      ['anthropic.claude-3-5-sonnet-20240620-v1:0', 'Claude 3.5 Sonnet'],
      ['anthropic.claude-3-5-sonnet-20241022-v2:0', 'Claude 3.5 Sonnet v2'],
      ['anthropic.claude-3-7-sonnet-20250219-v1:0', 'Claude 3.7 Sonnet'],
      ['anthropic.claude-sonnet-4-20250514-v1:0', 'Claude Sonnet 4'],
      ['anthropic.claude-sonnet-4-5-20250929-v1:0', 'Claude Sonnet 4.5'],
      ['anthropic.claude-sonnet-4-6', 'Claude Sonnet 4.6'],
    ],
  ],
  [
    'Claude Haiku',
    [
      ['anthropic.claude-3-haiku-20240307-v1:0', 'Claude 3 Haiku'],
      ['anthropic.claude-3-5-haiku-20241022-v1:0', 'Claude 3.5 Haiku'],
      ['anthropic.claude-haiku-4-5-20251001-v1:0', 'Claude Haiku 4.5'],
    ],
  ],
  [
    'Claude Opus',
    [
      ['anthropic.claude-3-opus-20240229-v1:0', 'Claude 3 Opus'],
      ['anthropic.claude-opus-4-20250514-v1:0', 'Claude Opus 4'],
      ['anthropic.claude-opus-4-1-20250805-v1:0', 'Claude Opus 4.1'],
    ],
  ],
  ['Claude Instant', [['anthropic.claude-instant-v1', 'Claude Instant']]],
  [
    'Claude',
    [
      ['anthropic.claude-v2', 'Claude'],
      ['anthropic.claude-v2:1', 'Claude'],
    ],
  ],
  [
    'Llama',
    [
      ['meta.llama3-8b-instruct-v1:0', 'Llama 3 8B Instruct'],
      ['meta.llama3-1-70b-instruct-v1:0', 'Llama 3.1 70B Instruct'],
      ['meta.llama3-2-90b-instruct-v1:0', 'Llama 3.2 90B Instruct'],
      ['meta.llama3-3-70b-instruct-v1:0', 'Llama 3.3 70B Instruct'],
      ['meta.llama4-maverick-17b-instruct-v1:0', 'Llama 4 Maverick 17B Instruct'],
    ],
  ],
  [
    'Nova',
    [
      ['amazon.nova-micro-v1:0', 'Nova Micro'],
      ['amazon.nova-lite-v1:0', 'Nova Lite'],
      ['amazon.nova-pro-v1:0', 'Nova Pro'],
      ['amazon.nova-premier-v1:0', 'Nova Premier'],
      ['amazon.nova-2-lite-v1:0', 'Nova 2 Lite'],
    ],
  ],
  ['Nova Canvas', [['amazon.nova-canvas-v1:0', 'Nova Canvas']]],
  ['Nova Reel', [['amazon.nova-reel-v1:1', 'Nova Reel']]],
  [
    'Titan Text',
    [
      ['amazon.titan-text-express-v1', 'Titan Text G1 - Express'],
      ['amazon.titan-text-lite-v1', 'Titan Text G1 - Lite'],
      ['amazon.titan-text-premier-v1:0', 'Titan Text G1 - Premier'],
      ['amazon.titan-tg1-large', 'Titan Text Large'],
    ],
  ],
  [
    'Titan Text Embeddings',
    [
      ['amazon.titan-embed-text-v1', 'Titan Embeddings G1 - Text'],
      ['amazon.titan-embed-text-v2:0', 'Titan Text Embeddings V2'],
    ],
  ],
  ['Titan Multimodal Embeddings', [['amazon.titan-embed-image-v1', 'Titan Multimodal Embeddings G1']]],
  [
    'Titan Image Generator',
    [
      ['amazon.titan-image-generator-v1', 'Titan Image Generator G1'],
      ['amazon.titan-image-generator-v2:0', 'Titan Image Generator G1 v2'],
    ],
  ],
  [
    'Command',
    [
      ['cohere.command-text-v14', 'Command'],
      ['cohere.command-light-text-v14', 'Command Light'],
      ['cohere.command-r-v1:0', 'Command R'],
      ['cohere.command-r-plus-v1:0', 'Command R+'],
    ],
  ],
  [
    'Cohere Embed',
    [
      ['cohere.embed-english-v3', 'Embed English'],
      ['cohere.embed-multilingual-v3', 'Embed Multilingual'],
      ['cohere.embed-v4:0', 'Embed v4'],
    ],
  ],
  ['Cohere Rerank', [['cohere.rerank-v3-5:0', 'Rerank 3.5']]],
  [
    'Mistral Large',
    [
      ['mistral.mistral-large-2402-v1:0', 'Mistral Large (24.02)'],
      ['mistral.mistral-large-2407-v1:0', 'Mistral Large (24.07)'],
    ],
  ],
  ['Mistral Small', [['mistral.mistral-small-2402-v1:0', 'Mistral Small (24.02)']]],
  ['Mixtral', [['mistral.mixtral-8x7b-instruct-v0:1', 'Mixtral 8x7B Instruct']]],
  ['Mistral 7B', [['mistral.mistral-7b-instruct-v0:2', 'Mistral 7B Instruct']]],
  ['Pixtral', [['mistral.pixtral-large-2502-v1:0', 'Pixtral Large (25.02)']]],
  [
    'Jamba',
    [
      ['ai21.jamba-instruct-v1:0', 'Jamba-Instruct'],
      ['ai21.jamba-1-5-large-v1:0', 'Jamba 1.5 Large'],
      ['ai21.jamba-1-5-mini-v1:0', 'Jamba 1.5 Mini'],
    ],
  ],
  [
    'Jurassic-2',
    [
      ['ai21.j2-mid-v1', 'Jurassic-2 Mid'],
      ['ai21.j2-ultra-v1', 'Jurassic-2 Ultra'],
    ],
  ],
  [
    'Stable Diffusion',
    [
      ['stability.stable-diffusion-xl-v1', 'SDXL 1.0'],
      ['stability.sd3-large-v1:0', 'SD3 Large 1.0'],
      ['stability.sd3-5-large-v1:0', 'Stable Diffusion 3.5 Large'],
    ],
  ],
  [
    'Stable Image',
    [
      ['stability.stable-image-core-v1:1', 'Stable Image Core 1.0'],
      ['stability.stable-image-ultra-v1:1', 'Stable Image Ultra 1.0'],
    ],
  ],
];

describe('modelFamily', () => {
  it.each(FAMILIES.flatMap(([family, models]) => models.map(([id, name]) => [id, name, family])))(
    '%s (%s) is in the %s family',
    (id, name, family) => {
      expect(modelFamily(id, name).name).toBe(family);
    },
  );

  it('keeps families apart that a replacement must not cross', () => {
    const keys = FAMILIES.map(([, [[id, name] = ['', '']]]) => modelFamily(id, name).key);
    expect(new Set(keys).size).toBe(FAMILIES.length);
  });

  it('gives one key to every model of a family', () => {
    for (const [, models] of FAMILIES) {
      expect(new Set(models.map(([id, name]) => modelFamily(id, name).key)).size).toBe(1);
    }
  });

  it('falls back, for other providers, to the id without version, date and size tokens', () => {
    expect(modelFamily('deepseek.r1-v1:0', 'DeepSeek-R1').key).toBe('deepseek/r1');
    expect(modelFamily('qwen.qwen3-32b-v1:0', 'Qwen3 32B').key).toBe('qwen/qwen3');
    expect(modelFamily('qwen.qwen3-coder-30b-a3b-v1:0', 'Qwen3 Coder 30B').key).toBe('qwen/qwen3-coder-a3b');
    expect(modelFamily('writer.palmyra-x5-v1:0', 'Palmyra X5').key).toBe('writer/palmyra-x5');
  });
});
