import { baseModelId } from '../lambda/domain/model-reference';
import { day, PHASE_LABEL, plural } from '../lambda/messages/wording';
import type { StatusRow } from './status-rows';

/** One model named in `check --models`, and why it passes or fails. */
export interface Verdict {
  readonly reference: string;
  readonly modelId: string;
  readonly ok: boolean;
  readonly reasons: readonly string[];
}

/** Why a model fails in a region (the region left out, so regions failing alike share one reason). */
function problem(row: StatusRow | undefined, failWithin: number): string | null {
  if (row === undefined) return 'not listed';
  if (row.phase === 'EOL') return `retired on ${day(row.endOfLifeTime ?? '')} (calls fail)`;
  if (row.phase === 'UNKNOWN') return 'lifecycle unknown';
  const deadlines: [number | null, string | null, string][] = [
    [row.daysToExtendedAccess, row.publicExtendedAccessTime, 'extended access at a higher price'],
    [row.daysToEndOfLife, row.endOfLifeTime, 'end of life'],
  ];
  const near = deadlines.find(([days]) => days !== null && days > 0 && days <= failWithin);
  return near ? `${near[2]} on ${day(near[1] ?? '')} (${plural(near[0] ?? 0, 'day')} away)` : null;
}

/**
 * The CI gate's verdicts: a model fails when, in any named region, it is retired, of unknown
 * lifecycle, not listed, or has a deadline within `failWithin` days. Inference-profile ids and ARNs
 * are checked as the foundation model they route to.
 */
export function verdicts(
  references: readonly string[],
  regions: readonly string[],
  rows: readonly StatusRow[],
  failWithin: number,
): Verdict[] {
  return references.map((reference) => {
    const modelId = baseModelId(reference);
    const failing = new Map<string, string[]>();
    for (const region of regions) {
      const found = problem(
        rows.find((r) => r.modelId === modelId && r.region === region),
        failWithin,
      );
      if (found !== null) failing.set(found, [...(failing.get(found) ?? []), region]);
    }
    const problems = [...failing].map(([reason, where]) => `${reason} in ${where.join(', ')}`);
    if (problems.length > 0) return { reference, modelId, ok: false, reasons: problems };
    const phases = [
      ...new Set(rows.filter((r) => r.modelId === modelId).map((r) => PHASE_LABEL[r.phase])),
    ].join(', ');
    return {
      reference,
      modelId,
      ok: true,
      reasons: [`${phases} in ${regions.join(', ')}; no deadline within ${plural(failWithin, 'day')}`],
    };
  });
}
