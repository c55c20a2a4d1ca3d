import type { ScheduledModel } from './bedrock-stand-in';

/** Geographies of system-defined (cross-region) inference profiles and the regions they route to. */
export const PROFILE_GEOGRAPHIES = {
  us: ['us-east-1', 'us-east-2', 'us-west-2'],
  eu: ['eu-central-1', 'eu-west-1', 'eu-west-3', 'eu-north-1'],
  apac: ['ap-northeast-1', 'ap-northeast-2', 'ap-southeast-1', 'ap-southeast-2', 'ap-south-1'],
  global: null,
} as const;

export type Geography = keyof typeof PROFILE_GEOGRAPHIES;

/** An application inference profile the tenant's account created. */
export interface ApplicationProfile {
  /** The id Bedrock generated, e.g. "x9cf1ccd1fph". */
  readonly id: string;
  readonly name: string;
  /** The region it was created in: where it is listed and called. */
  readonly region: string;
  /** The foundation models it routes to, by region. */
  readonly targets: readonly { region: string; modelId: string }[];
}

/** The stand-in's account: what the ARNs of the tenant's own resources carry. */
export const STAND_IN_ACCOUNT = '123456789012';
const CREATED = '2025-01-01T00:00:00Z';

const foundationModelArn = (region: string, modelId: string) =>
  `arn:aws:bedrock:${region}::foundation-model/${modelId}`;

/**
 * The inference profiles ListInferenceProfiles returns in a region, in the real shape: one
 * system-defined profile per geography a model declares, listed in (and routing to) the regions
 * of that geography where the model is listed, then the application profiles created there.
 */
export function profilesIn(
  region: string,
  models: readonly ScheduledModel[],
  applicationProfiles: readonly ApplicationProfile[],
  listed: (model: ScheduledModel, region: string) => boolean,
): Record<string, unknown>[] {
  const system = models.flatMap((model) =>
    (model.profiles ?? []).flatMap((geography) => {
      const scope = PROFILE_GEOGRAPHIES[geography] ?? model.regions;
      const targets = scope.filter((r) => model.regions.includes(r) && listed(model, r));
      if (!targets.includes(region)) return [];
      const id = `${geography}.${model.modelId}`;
      return [
        {
          inferenceProfileName: `${geography.toUpperCase()} ${model.providerName} ${model.modelName}`,
          description: `Routes requests to ${model.modelName} in ${targets.join(', ')}.`,
          createdAt: CREATED,
          updatedAt: CREATED,
          inferenceProfileArn: `arn:aws:bedrock:${region}:${STAND_IN_ACCOUNT}:inference-profile/${id}`,
          models: targets.map((r) => ({ modelArn: foundationModelArn(r, model.modelId) })),
          inferenceProfileId: id,
          status: 'ACTIVE',
          type: 'SYSTEM_DEFINED',
        },
      ];
    }),
  );
  const application = applicationProfiles
    .filter((profile) => profile.region === region)
    .map((profile) => ({
      inferenceProfileName: profile.name,
      createdAt: CREATED,
      updatedAt: CREATED,
      inferenceProfileArn: `arn:aws:bedrock:${region}:${STAND_IN_ACCOUNT}:application-inference-profile/${profile.id}`,
      models: profile.targets.map((t) => ({ modelArn: foundationModelArn(t.region, t.modelId) })),
      inferenceProfileId: profile.id,
      status: 'ACTIVE',
      type: 'APPLICATION',
    }));
  return [...system, ...application];
}
