import { startBedrockStandIn } from './bedrock-stand-in';
import { type MotoOptions, startMoto } from './moto';

/** Where the emulators listen. */
export interface Emulators {
  /** moto_server: DynamoDB, SNS, SQS, CloudWatch, CloudFormation and the rest. */
  readonly motoUrl: string;
  /** The Bedrock stand-in: ListFoundationModels and ListInferenceProfiles on the real wire. */
  readonly standInUrl: string;
}

/** Starts moto and the Bedrock stand-in on free ports: what the tests, the demo and the bench run on. */
export async function startEmulators(
  options: MotoOptions = {},
): Promise<Emulators & { stop: () => Promise<void> }> {
  const [moto, standIn] = await Promise.all([startMoto(options), startBedrockStandIn()]);
  return {
    motoUrl: moto.url,
    standInUrl: standIn.url,
    stop: async () => {
      await Promise.all([moto.stop(), standIn.close()]);
    },
  };
}
