import { startBedrockStandIn } from '../test/support/bedrock-stand-in';
import { startMoto } from '../test/support/moto';

/** Where the emulators listen. */
export interface Servers {
  readonly motoUrl: string;
  readonly standInUrl: string;
}

/** Starts moto and the Bedrock stand-in, as the test setup does. */
export async function startServers(): Promise<Servers & { stop: () => Promise<void> }> {
  const [moto, standIn] = await Promise.all([startMoto(), startBedrockStandIn()]);
  return {
    motoUrl: moto.url,
    standInUrl: standIn.url,
    stop: async () => {
      await Promise.all([moto.stop(), standIn.close()]);
    },
  };
}
