import { realpathSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { SettingError } from '../../contract/setting-error';
import { parseRegions } from '../../contract/settings';
import { DEADLINE_DATES, daysUntil } from '../../lambda/domain/deadlines';
import type { CatalogModel } from '../../lambda/domain/model';
import { baseModelId } from '../../lambda/domain/model-reference';
import { phaseAt } from '../../lambda/domain/phase';
import { replacementFinder } from '../../lambda/domain/replacements';
import { visible } from '../../lambda/domain/text';
import { day, PHASE_LABEL, plural } from '../../lambda/messages/wording';
import { DEFAULT_GATE_DAYS } from '../args';
import { listCatalogs, listProfiles, regionsOrDefault } from '../aws';
import { runScan } from '../scan/run-scan';
import { textReport } from '../scan/text-report';
import { readWaivers, WAIVER_FILE } from '../scan/waivers';
import { byUrgency, nextDeadlineDays, statusRows } from '../status-rows';

/** Where the server runs: its clock, the folder `scan_code` may read, and where progress goes. */
export interface ServerContext {
  readonly now: () => Date;
  readonly cwd: string;
  readonly err: NodeJS.WritableStream & { isTTY?: boolean };
}

/** How far ahead `retiring_models` looks unless asked. */
const DEFAULT_WITHIN_DAYS = 90;

const regionsInput = z
  .array(z.string().max(64))
  .max(99)
  .optional()
  .describe('Regions to check, e.g. ["us-east-1","eu-west-1"] (default: the configured region)');

/** A number of days, as `--within` takes it. */
const daysInput = (description: string) => z.number().int().min(0).max(3650).optional().describe(description);

/** The regions asked for, checked as every setting is; the configured one when none are. */
async function regionsOf(regions: readonly string[] | undefined): Promise<readonly string[]> {
  if (regions === undefined || regions.length === 0) return regionsOrDefault(undefined);
  try {
    return parseRegions(regions, 'regions');
  } catch (error) {
    throw error instanceof SettingError ? new Error(error.message) : error;
  }
}

const APPLICATION_PROFILE = /^arn:aws[a-z-]*:bedrock:([a-z0-9-]+):\d{12}:application-inference-profile\/.+$/;

/**
 * The foundation model a reference names: a model id as is, a system-defined profile id or a
 * model or profile ARN by its name, an application profile's ARN by what its region lists for it.
 */
async function modelOf(reference: string, err: ServerContext['err']): Promise<string> {
  const region = APPLICATION_PROFILE.exec(reference)?.[1];
  if (region === undefined) return baseModelId(reference);
  const listed = (await listProfiles([region], err)).get(region);
  if (listed instanceof Error)
    throw new Error(`The inference profiles of ${region} could not be listed: ${listed.message}`);
  const target = listed?.find((p) => p.arn === reference)?.targets[0];
  if (target === undefined) throw new Error(`${region} lists no application inference profile ${reference}`);
  return target.modelId;
}

/** The next of a model's dates still ahead, with the days left. */
function nextDeadline(model: CatalogModel, now: Date) {
  for (const [deadline, field] of DEADLINE_DATES) {
    const time = model[field];
    if (time !== null && daysUntil(time, now) > 0)
      return { deadline, date: time, days: daysUntil(time, now) };
  }
  return null;
}

/** One tool result: the text an assistant reads, and the same as structured content. */
const result = (text: string, structured: Record<string, unknown>) => ({
  content: [{ type: 'text' as const, text }],
  structuredContent: structured,
});

/**
 * The MCP server of `bedrock-lifecycle mcp`: three read-only tools over the live Bedrock catalog
 * and the code under the working folder, for a coding assistant about to write a model id. Text
 * from Bedrock is shown with control characters as escapes, as the CLI shows it.
 */
export function lifecycleServer(context: ServerContext): McpServer {
  const server = new McpServer({ name: 'bedrock-lifecycle', version: '1' });

  server.registerTool(
    'model_lifecycle',
    {
      title: 'Lifecycle of a Bedrock model',
      description:
        'The lifecycle of one Amazon Bedrock foundation model in each region: its phase (Active, Legacy, ' +
        'public extended access, end of life), every date with the days left, the next deadline, and the ' +
        'replacements to test. Takes a model id, an inference-profile id (us., eu., global., …) or an ARN.',
      inputSchema: {
        modelId: z.string().min(1).max(2048).describe('A model id, inference-profile id or ARN'),
        regions: regionsInput,
      },
      annotations: { readOnlyHint: true, openWorldHint: true },
    },
    async ({ modelId, regions }) => {
      const now = context.now();
      const inRegions = await regionsOf(regions);
      const model = await modelOf(modelId.trim(), context.err);
      const catalogs = await listCatalogs(inRegions, context.err);
      const perRegion = catalogs.map(({ region, models }) => {
        const found = models.find((m) => m.modelId === model);
        if (found === undefined) return { region, listed: false as const };
        return {
          region,
          listed: true as const,
          modelName: found.modelName,
          provider: found.provider,
          phase: phaseAt(found, now),
          status: found.status,
          legacyTime: found.legacyTime,
          publicExtendedAccessTime: found.publicExtendedAccessTime,
          endOfLifeTime: found.endOfLifeTime,
          nextDeadline: nextDeadline(found, now),
          replacements: replacementFinder(models, now)(found).candidates,
        };
      });
      const lines = perRegion.map((r) => {
        if (!r.listed) return `${r.region}: not listed (unknown here, or retired and gone)`;
        const dates = [
          r.legacyTime && `Legacy ${day(r.legacyTime)}`,
          r.publicExtendedAccessTime && `extended access ${day(r.publicExtendedAccessTime)}`,
          r.endOfLifeTime && `end of life ${day(r.endOfLifeTime)}`,
        ].filter(Boolean);
        const next = r.nextDeadline
          ? `; next: ${r.nextDeadline.deadline.toLowerCase().replaceAll('_', ' ')} in ${plural(r.nextDeadline.days, 'day')}`
          : '';
        const instead = r.replacements.length > 0 ? `; replace with ${r.replacements.join(', ')}` : '';
        return `${r.region}: ${PHASE_LABEL[r.phase]}${dates.length > 0 ? ` (${dates.join(', ')})` : ''}${next}${instead}`;
      });
      return result(
        visible(
          [`${model}${model === modelId.trim() ? '' : ` (from ${modelId.trim()})`}`, ...lines].join('\n'),
        ),
        {
          reference: modelId,
          modelId: model,
          evaluatedAt: now.toISOString(),
          regions: perRegion,
        },
      );
    },
  );

  server.registerTool(
    'retiring_models',
    {
      title: 'Bedrock models with a deadline soon',
      description:
        'The Amazon Bedrock models whose next lifecycle deadline (Legacy, public extended access at a higher ' +
        'price, or end of life, when calls fail) falls within the given days, most urgent first.',
      inputSchema: {
        within: daysInput(`Days ahead (default ${DEFAULT_WITHIN_DAYS})`),
        regions: regionsInput,
      },
      annotations: { readOnlyHint: true, openWorldHint: true },
    },
    async ({ within = DEFAULT_WITHIN_DAYS, regions }) => {
      const now = context.now();
      const inRegions = await regionsOf(regions);
      const rows = statusRows(await listCatalogs(inRegions, context.err), now)
        .filter((row) => {
          const next = nextDeadlineDays(row);
          return next !== null && next <= within;
        })
        .sort(byUrgency);
      const lines = rows.map(
        (r) =>
          `${r.modelId} (${r.modelName}) in ${r.region}: ${PHASE_LABEL[r.phase]}, next deadline in ${plural(nextDeadlineDays(r) ?? 0, 'day')}`,
      );
      const text =
        rows.length === 0
          ? `No model has a deadline within ${plural(within, 'day')} in ${inRegions.join(', ')}.`
          : lines.join('\n');
      return result(visible(text), {
        within,
        regions: inRegions,
        evaluatedAt: now.toISOString(),
        models: rows,
      });
    },
  );

  server.registerTool(
    'scan_code',
    {
      title: 'Scan code for Bedrock model ids',
      description:
        'Finds the Bedrock model ids, inference-profile ids and ARNs in the text files under a folder of the ' +
        'working directory and checks each against the live lifecycle, as `bedrock-lifecycle scan` does ' +
        `(waivers from ${WAIVER_FILE}).`,
      inputSchema: {
        path: z.string().min(1).max(4096).describe('A file or folder, relative to the working directory'),
        regions: regionsInput,
        within: daysInput(`How close a date counts as now, in days (default ${DEFAULT_GATE_DAYS})`),
      },
      annotations: { readOnlyHint: true, openWorldHint: true },
    },
    async ({ path, regions, within = DEFAULT_GATE_DAYS }) => {
      const now = context.now();
      const root = realpathSync(context.cwd);
      const target = inside(root, resolve(context.cwd, path));
      const report = await runScan(
        {
          root,
          paths: [target],
          regions: await regionsOf(regions),
          withinDays: within,
          failOn: [],
          waivers: readWaivers(undefined, root).waivers,
          exclude: { files: new Set(), patterns: [] },
          now,
        },
        context.err,
      );
      const text = textReport({ out: context.err, err: context.err, colour: false, now }, report);
      return result(text, { ...report });
    },
  );

  return server;
}

/** The real path of `path`, refused unless it lies under the root: the server reads nothing else. */
function inside(root: string, path: string): string {
  let real: string;
  try {
    real = realpathSync(path);
  } catch {
    throw new Error(`${path}: no such file or directory`);
  }
  const rel = relative(root, real);
  if (rel === '..' || rel.startsWith(`..${sep}`) || resolve(root, rel) !== real) {
    throw new Error(`${path} is outside the working directory ${root}: the server scans only under it`);
  }
  return real;
}
