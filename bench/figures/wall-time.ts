import type { Emulators } from '../../lab/emulators';
import { hoursAfter, regionsOf, START, steadyModels } from '../../lab/synthetic-catalog';
import { measuredRun, median, withLab } from '../measured-run';
import { BEDROCK_LATENCY_MS, MODELS_PER_REGION } from './requests';

export interface WallTimeFigure {
  readonly regions: number;
  /** The handler call alone, in fresh processes, per unchanged run. */
  readonly runsMs: readonly number[];
  readonly medianMs: number;
}

const RUNS = 9;

/** The wall time of an unchanged run with Bedrock answering in 150 ms, median of nine. */
export async function wallTime(
  bundle: string,
  emulators: Emulators,
  regionCount: number,
): Promise<WallTimeFigure> {
  const regions = regionsOf(regionCount);
  const options = {
    regions,
    models: steadyModels(MODELS_PER_REGION, regions),
    bedrockDelayMs: BEDROCK_LATENCY_MS,
  };
  return withLab(bundle, emulators, options, async (lab) => {
    await measuredRun(lab, START);
    const runsMs: number[] = [];
    for (let i = 1; i <= RUNS; i++)
      runsMs.push((await measuredRun(lab, hoursAfter(START, 6 * i))).stats.durationMs);
    return { regions: regionCount, runsMs, medianMs: median(runsMs) };
  });
}
