/**
 * The family a foundation model belongs to, worked out from its id (and name when the id says
 * too little), so a retiring model can be matched with its successors: Claude 3.7 Sonnet and
 * Claude Sonnet 4.5 are both "Claude Sonnet"; Llama 3.2 90B and Llama 3.3 70B are both "Llama".
 *
 * Families are as specific as a drop-in replacement needs: same provider, same kind of model
 * (text, embeddings, image, video, rerank), same tier where tiers differ in price and size.
 */
export interface ModelFamily {
  /** Stable key, e.g. "anthropic/claude-sonnet". */
  readonly key: string;
  /** Display name, e.g. "Claude Sonnet". */
  readonly name: string;
}

type Rule = readonly [RegExp, string];

/** Per provider (the id's prefix), the first matching rule names the family. */
const RULES: Readonly<Record<string, readonly Rule[]>> = {
  anthropic: [
    [/claude-(?:[\d-]+-)?opus\b/, 'Claude Opus'],
    [/claude-(?:[\d-]+-)?sonnet\b/, 'Claude Sonnet'],
    [/claude-(?:[\d-]+-)?haiku\b/, 'Claude Haiku'],
    [/claude-instant\b/, 'Claude Instant'],
    [/claude-v\d/, 'Claude'],
  ],
  meta: [[/llama/, 'Llama']],
  amazon: [
    [/nova-canvas/, 'Nova Canvas'],
    [/nova-reel/, 'Nova Reel'],
    [/nova-sonic/, 'Nova Sonic'],
    [/nova-(?:\d+-)?(?:premier|pro|lite|micro)\b/, 'Nova'],
    [/titan-embed-image|titan-embed-g1-image/, 'Titan Multimodal Embeddings'],
    [/titan-embed/, 'Titan Text Embeddings'],
    [/titan-image-generator/, 'Titan Image Generator'],
    [/titan-text|titan-tg1/, 'Titan Text'],
  ],
  cohere: [
    [/embed/, 'Cohere Embed'],
    [/rerank/, 'Cohere Rerank'],
    [/command/, 'Command'],
  ],
  mistral: [
    [/pixtral/, 'Pixtral'],
    [/mistral-large/, 'Mistral Large'],
    [/mistral-small/, 'Mistral Small'],
    [/mixtral/, 'Mixtral'],
    [/mistral-7b/, 'Mistral 7B'],
  ],
  ai21: [
    [/jamba/, 'Jamba'],
    [/\bj2-|jurassic/, 'Jurassic-2'],
  ],
  stability: [
    [/stable-image-(?:core|ultra)/, 'Stable Image'],
    [/stable-image/, 'Stable Image tools'],
    [/stable-diffusion|\bsd3/, 'Stable Diffusion'],
  ],
};

/** Version, date, size and tier tokens that do not change what a model is for. */
const NOISE = /-(?:v\d+(?:[:.]\d+)*|\d{6,8}|\d+(?:x\d+)?b|\d+(?:-\d+)*|instruct|chat|latest)(?=-|$)/g;

/**
 * The family of a model. Known providers follow their rules; anything else falls back to the id
 * without its version, date and size tokens, which still groups the versions of one model line.
 */
export function modelFamily(modelId: string, modelName: string): ModelFamily {
  const [prefix = '', ...rest] = modelId.toLowerCase().replace(/:\d+$/, '').split('.');
  const body = rest.join('.');
  const haystack = `${body} ${modelName.toLowerCase().replace(/\s+/g, '-')}`;
  for (const [pattern, name] of RULES[prefix] ?? []) {
    if (pattern.test(haystack)) return { key: `${prefix}/${name.toLowerCase().replace(/\s+/g, '-')}`, name };
  }
  const stem = body.replace(NOISE, '') || body;
  return { key: `${prefix}/${stem}`, name: stem };
}

/** Llama sizes, in billions of parameters, that are one tier: what a drop-in successor stays within. */
const LLAMA_TIERS: readonly [number, string][] = [
  [10, 'small'],
  [40, 'medium'],
  [150, 'large'],
];

/**
 * The tier of a model within a family whose tiers differ in price and size: Nova Micro, Lite, Pro
 * and Premier, and Llama by parameter count. Null for families without tiers (Claude's tiers are
 * families of their own).
 */
export function modelTier(modelId: string): string | null {
  const id = modelId.toLowerCase();
  const nova = /nova-(?:\d+-)?(premier|pro|lite|micro)\b/.exec(id)?.[1];
  if (nova !== undefined) return nova;
  const size = id.includes('llama') ? /(\d+(?:\.\d+)?)b\b/.exec(id)?.[1] : undefined;
  if (size === undefined) return null;
  return LLAMA_TIERS.find(([max]) => Number(size) <= max)?.[1] ?? 'xlarge';
}
