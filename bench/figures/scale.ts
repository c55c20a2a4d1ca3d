import type { Emulators } from '../../lab/emulators';
import { changingModels, hoursAfter, regionsOf, START, steadyModels } from '../../lab/synthetic-catalog';
import { type MeasuredRun, measuredRun, withLab } from '../measured-run';

export interface ScaleFigure {
  readonly models: number;
  readonly run: 'first run' | 'unchanged' | '50 changes';
  readonly durationMs: number;
  readonly cpuMs: number;
  readonly maxRssBytes: number;
  /** The largest item the run wrote: the region's state or snapshot, gzipped. */
  readonly largestItemBytes: number;
}

/** One region of `models` models: the first run, an unchanged run and a run with 50 changes. */
export async function scale(bundle: string, emulators: Emulators, models: number): Promise<ScaleFigure[]> {
  const regions = regionsOf(1);
  const catalog = [
    ...steadyModels(models - 50, regions),
    ...changingModels(50, regions, hoursAfter(START, 7), 'batch'),
  ];
  return withLab(bundle, emulators, { regions, models: catalog }, async (lab) => {
    const figure = (run: ScaleFigure['run'], m: MeasuredRun): ScaleFigure => ({
      models,
      run,
      durationMs: m.stats.durationMs,
      cpuMs: m.stats.cpuMs,
      maxRssBytes: m.stats.maxRssBytes,
      largestItemBytes: m.counts.largestItemBytes,
    });
    return [
      figure('first run', await measuredRun(lab, START)),
      figure('unchanged', await measuredRun(lab, hoursAfter(START, 6))),
      figure('50 changes', await measuredRun(lab, hoursAfter(START, 12))),
    ];
  });
}
