import type { TestProject } from 'vitest/node';
import { startBedrockStandIn } from './bedrock-stand-in';
import { startMoto } from './moto';

/** Starts one moto_server and one Bedrock stand-in for the whole run, on free ports. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const [moto, standIn] = await Promise.all([startMoto(), startBedrockStandIn()]);
  project.provide('motoUrl', moto.url);
  project.provide('standInUrl', standIn.url);
  return async () => {
    await Promise.all([moto.stop(), standIn.close()]);
  };
}
