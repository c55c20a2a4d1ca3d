import type { TestProject } from 'vitest/node';
import { startEmulators } from '../../lab/emulators';

/** Starts one moto_server and one Bedrock stand-in for the whole run, on free ports. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const emulators = await startEmulators();
  project.provide('motoUrl', emulators.motoUrl);
  project.provide('standInUrl', emulators.standInUrl);
  return emulators.stop;
}
