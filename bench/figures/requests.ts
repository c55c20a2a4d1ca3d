import type { Emulators } from '../../lab/emulators';
import { changingModels, hoursAfter, regionsOf, START, steadyModels } from '../../lab/synthetic-catalog';
import { type MeasuredRun, measuredRun, withLab } from '../measured-run';

export const MODELS_PER_REGION = 200;
/** Bedrock's latency as the runs see it, so their durations can price Lambda. */
export const BEDROCK_LATENCY_MS = 150;

export type Scenario = 'first run' | 'unchanged' | '1 change' | '50 changes';

export interface RequestFigure extends MeasuredRun {
  readonly regions: number;
  readonly scenario: Scenario;
}

/**
 * Requests per run, counted on the wire: the first run, then an unchanged run, a run that sees one
 * model-region change and one that sees fifty, each 6 hours apart as the default schedule runs.
 */
export async function requestsPerRun(bundle: string, emulators: Emulators, regionCount: number) {
  const regions = regionsOf(regionCount);
  const models = [
    ...steadyModels(MODELS_PER_REGION, regions),
    ...changingModels(1, regions, hoursAfter(START, 7), 'fresh'),
    ...changingModels(50, regions, hoursAfter(START, 13), 'batch'),
  ];
  return withLab(bundle, emulators, { regions, models, bedrockDelayMs: BEDROCK_LATENCY_MS }, async (lab) => {
    const figures: RequestFigure[] = [];
    const steps: [Scenario, number][] = [
      ['first run', 0],
      ['unchanged', 6],
      ['1 change', 12],
      ['50 changes', 18],
    ];
    for (const [scenario, hours] of steps) {
      const run = await measuredRun(lab, hoursAfter(START, hours));
      figures.push({ regions: regionCount, scenario, ...run });
    }
    return figures;
  });
}
