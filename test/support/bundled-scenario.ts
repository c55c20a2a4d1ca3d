import { inject } from 'vitest';
import { handlerLab, type LabOptions } from './handler-lab';

export { monitorBundle } from './handler-lab';

/** One fault scenario: a handler lab on the servers the test setup started. */
export const bundledScenario = (bundle: string, options: Omit<LabOptions, 'motoUrl' | 'standInUrl'>) =>
  handlerLab(bundle, { ...options, motoUrl: inject('motoUrl'), standInUrl: inject('standInUrl') });

export type BundledScenario = Awaited<ReturnType<typeof bundledScenario>>;
