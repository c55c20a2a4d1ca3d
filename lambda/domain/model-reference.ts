/**
 * How people name a model in their code, mapped to the foundation model id the catalog lists:
 * a cross-region inference profile id ("us.anthropic.claude-…", "global.…"), a foundation-model or
 * inference-profile ARN, or the plain id.
 */

/** Geography prefixes of system-defined cross-region inference profiles. */
export const PROFILE_PREFIXES = ['global', 'us-gov', 'us', 'eu', 'apac', 'ca', 'jp', 'au'];

/**
 * Whether a system-defined inference profile of a geography is called from a region, by the
 * region's name: `us.` from the US regions, `us-gov.` from GovCloud, `eu.` from eu-*, `apac.` from
 * ap-*, `jp.` from Tokyo and Osaka, `au.` from Sydney and Melbourne, `ca.` from ca-*, and `global.`
 * from every commercial region. A profile routes within its geography, so these are also the
 * regions whose lifecycle its calls meet.
 */
export function inGeography(geography: string, region: string): boolean {
  const commercial = !/^(us-gov|cn|us-iso[a-z]*|eu-isoe)-/.test(region);
  switch (geography) {
    case 'global':
      return commercial;
    case 'us-gov':
      return region.startsWith('us-gov-');
    case 'us':
      return region.startsWith('us-') && commercial;
    case 'eu':
      return region.startsWith('eu-') && commercial;
    case 'apac':
      return region.startsWith('ap-');
    case 'jp':
      return region === 'ap-northeast-1' || region === 'ap-northeast-3';
    case 'au':
      return region === 'ap-southeast-2' || region === 'ap-southeast-4';
    case 'ca':
      return region.startsWith('ca-');
    default:
      return false;
  }
}

const ARN = /^arn:aws[a-z-]*:bedrock:[^:]*:[^:]*:(foundation-model|inference-profile)\/(.+)$/;

export function baseModelId(reference: string): string {
  const trimmed = reference.trim();
  const id = ARN.exec(trimmed)?.[2] ?? trimmed;
  const [first, ...rest] = id.split('.');
  return first !== undefined && rest.length > 1 && PROFILE_PREFIXES.includes(first) ? rest.join('.') : id;
}

/**
 * A provisioned-only context-length variant ("anthropic.claude-3-haiku-20240307-v1:0:200k",
 * "…:0:48k", "…:0:mm") is named by its base model's id and a suffix.
 */
const CONTEXT_VARIANT = /^(.+:\d+):(\d+k|mm)$/;

/** The base model of a context-length variant, or the id itself. */
export const variantBase = (modelId: string): string => CONTEXT_VARIANT.exec(modelId)?.[1] ?? modelId;

/** Orders a base model's id before its context variants' (a variant is its base id plus a suffix). */
export const baseModelFirst = (a: string, b: string): number => a.length - b.length || a.localeCompare(b);
