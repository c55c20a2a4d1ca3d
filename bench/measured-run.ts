import type { HandlerStats } from '../lab/bundled-handler';
import type { Emulators } from '../lab/emulators';
import { type MonitorLab, type MonitorLabOptions, monitorLab } from '../lab/monitor-lab';

import { START } from '../lab/synthetic-catalog';
import { type WireCounts, wireCounts } from './wire-counts';

/** A handler lab on the bench's emulators, its clock at START, closed once `use` is done with it. */
export async function withLab<T>(
  bundle: string,
  emulators: Emulators,
  options: Pick<MonitorLabOptions, 'regions' | 'models' | 'bedrockDelayMs'>,
  use: (lab: MonitorLab) => Promise<T>,
): Promise<T> {
  const lab = await monitorLab(bundle, { ...emulators, ...options, time: START });
  try {
    return await use(lab);
  } finally {
    await lab.close();
  }
}

/** One scheduled run of the bundled handler, with what it sent over the wire and what it cost. */
export interface MeasuredRun {
  readonly counts: WireCounts;
  readonly stats: HandlerStats;
  /** Bytes of log and metric lines the run wrote (what CloudWatch Logs would ingest). */
  readonly logBytes: number;
  readonly events: number;
  /** The custom metrics the run published in embedded metric format, as "name{dim=value,…}". */
  readonly metrics: readonly string[];
}

interface MetricDirective {
  Dimensions: string[][];
  Metrics: { Name: string }[];
}

/** Each metric and dimension set an EMF line defines: each is a custom metric CloudWatch bills. */
function emfMetrics(line: Record<string, unknown>): string[] {
  const directives = ((line._aws as { CloudWatchMetrics?: MetricDirective[] } | undefined)
    ?.CloudWatchMetrics ?? []) as MetricDirective[];
  return directives.flatMap((d) =>
    d.Dimensions.flatMap((dims) =>
      d.Metrics.map((m) => `${m.Name}{${dims.map((dim) => `${dim}=${String(line[dim])}`).join(',')}}`),
    ),
  );
}

export async function measuredRun(lab: MonitorLab, time: string): Promise<MeasuredRun> {
  lab.proxy.resetCounts();
  lab.bedrockProxy.resetCounts();
  const run = await lab.invoke(time);
  if (!run.ok) throw new Error(`The run at ${time} failed: ${run.error?.name}: ${run.error?.message}`);
  return {
    counts: wireCounts(lab.proxy.requests(), lab.bedrockProxy.requests()),
    stats: run.stats,
    logBytes: run.logs.reduce((sum, line) => sum + Buffer.byteLength(JSON.stringify(line)) + 1, 0),
    events: Number(run.result?.events ?? 0),
    metrics: [...new Set(run.logs.flatMap(emfMetrics))].sort(),
  };
}

export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};
