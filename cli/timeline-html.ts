import { type CatalogModel, DAY_MS, type Phase } from '../lambda/domain/model';
import { phaseAt } from '../lambda/domain/phase';
import { singleLine, visible } from '../lambda/domain/text';
import { day, PHASE_LABEL } from '../lambda/messages/wording';

/** One bar of a model's row: a phase and the time it spans. */
export interface Span {
  readonly phase: Exclude<Phase, 'UNKNOWN'>;
  readonly from: string;
  readonly to: string;
}

export interface TimelineRow {
  readonly modelId: string;
  readonly modelName: string;
  readonly regions: readonly string[];
  readonly spans: readonly Span[];
}

const COLOURS: Readonly<Record<Span['phase'], string>> = {
  ACTIVE: '#2e7d32',
  LEGACY: '#f2a900',
  EXTENDED_ACCESS: '#8e24aa',
  EOL: '#c62828',
};

const ms = (iso: string) => Date.parse(iso);
const iso = (t: number) => new Date(t).toISOString();

/** The window the chart shows: every lifecycle date and today, with some room either side. */
export function timelineWindow(models: readonly CatalogModel[], now: Date): { start: string; end: string } {
  const dates = models
    .flatMap((m) => [m.legacyTime, m.publicExtendedAccessTime, m.endOfLifeTime])
    .filter((d): d is string => d !== null);
  const times = [...dates.map(ms), now.getTime()];
  return { start: iso(Math.min(...times) - 120 * DAY_MS), end: iso(Math.max(...times) + 60 * DAY_MS) };
}

/** A model's phases as consecutive spans, clipped to the window. */
function spansOf(m: CatalogModel, window: { start: string; end: string }, now: Date): Span[] {
  const legacy = m.legacyTime ?? (phaseAt(m, now) === 'ACTIVE' ? null : window.start);
  const marks: [Span['phase'], string | null][] = [
    ['ACTIVE', m.startOfLifeTime ?? window.start],
    ['LEGACY', legacy],
    ['EXTENDED_ACCESS', m.publicExtendedAccessTime],
    ['EOL', m.endOfLifeTime],
  ];
  const present = marks.filter((mark): mark is [Span['phase'], string] => mark[1] !== null);
  return present
    .map(([phase, from], i) => ({ phase, from, to: present[i + 1]?.[1] ?? window.end }))
    .map((span) => ({
      ...span,
      from: iso(Math.max(ms(span.from), ms(window.start))),
      to: iso(Math.min(ms(span.to), ms(window.end))),
    }))
    .filter((span) => ms(span.to) > ms(span.from));
}

/**
 * The rows of the chart: one per model (regions with the same schedule merged), models with
 * lifecycle dates unless `all`, soonest end of life first.
 */
export function timelineRows(
  catalogs: readonly { region: string; models: readonly CatalogModel[] }[],
  now: Date,
  all: boolean,
): { rows: TimelineRow[]; window: { start: string; end: string } } {
  const models = catalogs.flatMap((c) => c.models.map((model) => ({ region: c.region, model })));
  const shown = models.filter(
    ({ model }) => all || phaseAt(model, now) !== 'ACTIVE' || model.legacyTime !== null,
  );
  const window = timelineWindow(
    shown.map((s) => s.model),
    now,
  );
  const merged = new Map<string, { model: CatalogModel; regions: string[] }>();
  for (const { region, model } of shown) {
    const key = JSON.stringify([
      model.modelId,
      model.startOfLifeTime,
      model.legacyTime,
      model.publicExtendedAccessTime,
      model.endOfLifeTime,
    ]);
    const seen = merged.get(key);
    if (seen) seen.regions.push(region);
    else merged.set(key, { model, regions: [region] });
  }
  const rows = [...merged.values()]
    .map(({ model, regions }) => ({
      modelId: model.modelId,
      // A name stored before names were kept to one line is made one now: labels and tooltips.
      modelName: singleLine(model.modelName),
      regions,
      spans: spansOf(model, window, now),
      eol: model.endOfLifeTime,
    }))
    .sort((a, b) => (a.eol ?? '~').localeCompare(b.eol ?? '~') || a.modelName.localeCompare(b.modelName))
    .map(({ eol: _eol, ...row }) => row);
  return { rows, window };
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Month starts within the window, thinned to at most about a dozen labels. */
function ticks(window: { start: string; end: string }): string[] {
  const start = new Date(window.start);
  const months: string[] = [];
  for (
    let d = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
    d.getTime() < ms(window.end);
    d.setUTCMonth(d.getUTCMonth() + 1)
  ) {
    months.push(d.toISOString());
  }
  const step = Math.ceil(months.length / 12);
  return months.filter((_, i) => i % step === 0);
}

/**
 * A self-contained HTML page (inline SVG and CSS, no script, nothing fetched): one row per model
 * with its Active, Legacy, extended-access and end-of-life spans, a line for today, month ticks,
 * and a tooltip on each bar with its exact dates.
 */
export function timelineHtml(
  rows: readonly TimelineRow[],
  window: { start: string; end: string },
  now: Date,
  title: string,
): string {
  const LABEL = 360;
  const WIDTH = 1400;
  const ROW = 30;
  const TOP = 60;
  const plot = WIDTH - LABEL - 20;
  const x = (t: string) => LABEL + ((ms(t) - ms(window.start)) / (ms(window.end) - ms(window.start))) * plot;
  const height = TOP + rows.length * ROW + 30;
  const grid = ticks(window)
    .map(
      (t) =>
        `<line class="tick" x1="${x(t).toFixed(1)}" x2="${x(t).toFixed(1)}" y1="${TOP - 10}" y2="${height - 20}"/><text class="tick-label" x="${x(t).toFixed(1)}" y="${TOP - 16}">${t.slice(0, 7)}</text>`,
    )
    .join('\n');
  const bars = rows
    .map((row, i) => {
      const y = TOP + i * ROW;
      const label = `${row.modelName} · ${row.regions.join(', ')}`;
      const spans = row.spans
        .map(
          (s) =>
            `<rect class="bar" data-phase="${s.phase}" data-from="${s.from}" data-to="${s.to}" x="${x(s.from).toFixed(1)}" y="${y + 5}" width="${Math.max(1, x(s.to) - x(s.from)).toFixed(1)}" height="${ROW - 10}" fill="${COLOURS[s.phase]}"><title>${escapeHtml(`${row.modelName} (${visible(row.modelId)}) — ${PHASE_LABEL[s.phase]}: ${day(s.from)} → ${day(s.to)}`)}</title></rect>`,
        )
        .join('');
      return `<g class="row" data-model="${escapeHtml(visible(row.modelId))}"><text class="label" x="${LABEL - 10}" y="${y + ROW / 2 + 4}">${escapeHtml(label.length > 52 ? `${label.slice(0, 51)}…` : label)}</text>${spans}</g>`;
    })
    .join('\n');
  const legend = (Object.keys(COLOURS) as Span['phase'][])
    .map(
      (phase, i) =>
        `<rect x="${LABEL + i * 190}" y="10" width="14" height="14" fill="${COLOURS[phase]}"/><text x="${LABEL + i * 190 + 20}" y="22">${PHASE_LABEL[phase]}</text>`,
    )
    .join('');
  const today = x(now.toISOString()).toFixed(1);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<style>
  body { font: 14px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 24px; color: #1f2328; }
  h1 { font-size: 20px; margin: 0 0 8px; }
  svg text { font-size: 12px; fill: #1f2328; }
  .label { text-anchor: end; }
  .tick { stroke: #d0d7de; }
  .tick-label { text-anchor: middle; fill: #57606a; }
  .today { stroke: #0969da; stroke-width: 2; stroke-dasharray: 4 3; }
  .today-label { fill: #0969da; font-weight: 600; }
  .bar:hover { opacity: 0.8; }
</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" role="img" aria-label="${escapeHtml(title)}">
${legend}
${grid}
${bars}
<line class="today" x1="${today}" x2="${today}" y1="${TOP - 10}" y2="${height - 20}"/>
<text class="today-label" x="${today}" y="${height - 6}" text-anchor="middle">today ${day(now.toISOString())}</text>
</svg>
</body>
</html>
`;
}
