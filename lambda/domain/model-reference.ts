/**
 * How people name a model in their code, mapped to the foundation model id the catalog lists:
 * a cross-region inference profile id ("us.anthropic.claude-…", "global.…"), a foundation-model or
 * inference-profile ARN, or the plain id.
 */

/** Geography prefixes of system-defined cross-region inference profiles. */
export const PROFILE_PREFIXES = ['global', 'us-gov', 'us', 'eu', 'apac', 'ca', 'jp', 'au'];

const ARN = /^arn:aws[a-z-]*:bedrock:[^:]*:[^:]*:(foundation-model|inference-profile)\/(.+)$/;

export function baseModelId(reference: string): string {
  const trimmed = reference.trim();
  const id = ARN.exec(trimmed)?.[2] ?? trimmed;
  const [first, ...rest] = id.split('.');
  return first !== undefined && rest.length > 1 && PROFILE_PREFIXES.includes(first) ? rest.join('.') : id;
}
