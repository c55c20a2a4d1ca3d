import { PROFILE_PREFIXES } from '../../lambda/domain/model-reference';

/** A Bedrock model named in a text: where, as written, and what it names. */
export interface ModelMention {
  /** 1-based line. */
  readonly line: number;
  /** 1-based column, in UTF-16 code units (SARIF's default column kind). */
  readonly column: number;
  /** The column just past the mention. */
  readonly endColumn: number;
  /** The reference as written: a model id, an inference-profile id or an ARN. */
  readonly reference: string;
  /**
   * The foundation model it calls; null for an application inference profile's ARN, whose model
   * only the profile knows.
   */
  readonly modelId: string | null;
  /** The id of the application inference profile an ARN names, or null. */
  readonly profileId: string | null;
  /** The geography prefix of a system-defined inference profile (`us`, `eu`, `global`…), or null. */
  readonly geography: string | null;
  /** The region an ARN names, or null. */
  readonly arnRegion: string | null;
}

/**
 * Model providers on Bedrock. The scan also takes the providers of the models listed at scan time,
 * so a new provider is found without a release; this list finds the retired ones' models too.
 */
export const KNOWN_PROVIDERS = [
  'ai21',
  'amazon',
  'anthropic',
  'cohere',
  'deepseek',
  'google',
  'luma',
  'meta',
  'minimax',
  'mistral',
  'moonshot',
  'moonshotai',
  'nvidia',
  'openai',
  'qwen',
  'stability',
  'twelvelabs',
  'writer',
] as const;

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');

const GEOGRAPHY = `(${PROFILE_PREFIXES.map(escapeRegExp).join('|')})`;
/**
 * Every quantifier is bounded: a pattern run over untrusted text must stay linear. An unbounded
 * region, `(?:-[a-z]+)+`, overflowed the stack inside the look-behind on a 6.7 MB line of
 * `arn:aws:bedrock:us-a-a-a…`; real regions have at most three segments before the number.
 */
const REGION = '[a-z]{2}(?:-[a-z]{1,16}){1,3}-\\d{1,2}';
const ARN = `(arn:aws[a-z-]{0,16}:bedrock:(${REGION}):(?:\\d{12})?:(foundation-model|inference-profile)/)`;
/**
 * Nothing that continues a word, a domain, a path or an address may come before a mention, except
 * where ids sit in paths: an ARN's resource (even with a templated region) and the runtime API's
 * `/model/{id}/invoke`.
 */
const BEFORE = '(?:^|[^A-Za-z0-9_.@/-]|(?:foundation-model|inference-profile|/model)/)';
/**
 * After the provider: a dot, a lowercase name of letters, digits and hyphens (ending in a letter or
 * digit, at most 128 characters: a longer run is no id, and an unbounded one would make each failed
 * try at a provider inside it scan the rest of the line), then an optional `:<version>` and
 * context-length variant (`:200k`, `:mm`).
 */
const NAME = '\\.[a-z0-9](?:[a-z0-9-]{0,126}[a-z0-9])?(?::\\d{1,4}(?::(?:\\d{1,4}k|mm))?)?';
/** Nor may a mention run on into a longer word, an address or a file name (`….json`). */
const END = '(?![A-Za-z0-9_@-]|\\.[A-Za-z0-9])';
/** An application inference profile: an account's own, named by an id Bedrock generated. */
const APPLICATION_PROFILE = new RegExp(
  `(?<![A-Za-z0-9_.@/-])arn:aws[a-z-]{0,16}:bedrock:(${REGION}):\\d{12}:application-inference-profile/([a-z0-9]{1,64})${END}`,
  'g',
);

/**
 * A name that looks like a model: it has a digit and a hyphen, as every Bedrock id has
 * (`claude-3-haiku…`, `titan-embed-text-v1`, `llama3-8b…`). `amazon.com`, `anthropic.types` and
 * `amazon.aws` (an Ansible collection) do not.
 */
const modelLike = (id: string): boolean => {
  const name = id.slice(id.indexOf('.') + 1).split(':')[0] ?? '';
  return /\d/.test(name) && name.includes('-');
};

/** Line and column (1-based) of each offset in a text, with CRLF, CR and LF line ends. */
function positions(text: string): (offset: number) => { line: number; column: number } {
  const starts = [0];
  for (const match of text.matchAll(/\r\n|\r|\n/g)) starts.push(match.index + match[0].length);
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = Math.ceil((low + high) / 2);
      if ((starts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - (starts[low] ?? 0) + 1 };
  };
}

/**
 * Finds the Bedrock model references in a text: model ids (with context variants), system
 * inference-profile ids (`us.`, `eu.`, `apac.`, `global.`, `us-gov.`, `jp.`, `au.`, `ca.` …) and
 * foundation-model or inference-profile ARNs, of the given providers.
 *
 * The pattern starts at the provider, a plain alternation the regular-expression engine finds fast,
 * and looks behind it for an ARN or a profile prefix and the boundary before them: one pass over
 * the whole text, about 20 times faster than trying every position of every line.
 */
export function mentionFinder(providers: readonly string[]): (text: string) => ModelMention[] {
  const names = `(?:${[...new Set(providers)]
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp)
    .join('|')})`;
  const pattern = new RegExp(`${names}(?<=${BEFORE}${ARN}?(?:${GEOGRAPHY}\\.)?${names})${NAME}${END}`, 'g');
  return (text) => {
    const mentions: ModelMention[] = [];
    let at: ReturnType<typeof positions> | undefined;
    for (const match of text.matchAll(APPLICATION_PROFILE)) {
      const [reference, arnRegion = null, profileId = null] = match;
      at ??= positions(text);
      const { line, column } = at(match.index);
      const where = { line, column, endColumn: column + reference.length };
      mentions.push({ ...where, reference, modelId: null, profileId, geography: null, arnRegion });
    }
    for (const match of text.matchAll(pattern)) {
      const [modelId, arn, arnRegion, resource, geography] = match;
      if (!modelLike(modelId)) continue;
      // A foundation-model ARN names the model itself, never a profile.
      if (resource === 'foundation-model' && geography !== undefined) continue;
      const reference = `${arn ?? ''}${geography === undefined ? '' : `${geography}.`}${modelId}`;
      at ??= positions(text);
      const { line, column } = at(match.index + modelId.length - reference.length);
      mentions.push({
        line,
        column,
        endColumn: column + reference.length,
        reference,
        modelId,
        profileId: null,
        geography: geography ?? null,
        arnRegion: arnRegion ?? null,
      });
    }
    return mentions.sort((a, b) => a.line - b.line || a.column - b.column);
  };
}
