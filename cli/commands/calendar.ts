import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { SettingError } from '../../contract/setting-error';
import { DEFAULTS, parseDeadlineDays } from '../../contract/settings';
import type { CatalogModel } from '../../lambda/domain/model';
import { phaseAt } from '../../lambda/domain/phase';
import { usageKey } from '../../lambda/domain/usage';
import { costText, moneyAtStake } from '../../lambda/messages/cost-text';
import { plural } from '../../lambda/messages/wording';
import { daysOption, listOption, parseOptions, UsageError } from '../args';
import { catalogsFrom, FROM_OPTIONS } from '../aws';
import { calendarEntries, calendarIcs } from '../calendar-ics';
import { type Io, writeJson, writeLine } from '../output';
import { USAGE_HELP, USAGE_OPTIONS, usageOf, usageSettings } from '../usage-costs';
import type { Command } from './command';

const HELP = `Usage: bedrock-lifecycle calendar [--regions r1,r2] [--out FILE.ics] [--within DAYS]
                                  [--models id1,prefix2] [--from live|table] [--reminders 90,30,7]
                                  [--table NAME | --stack NAME] [--json]
                                  [--with-usage [--lookback-days N] [--model-prices JSON]]

Writes an iCalendar (RFC 5545) file to import or subscribe to: one all-day event per model and
deadline (Legacy, public extended access, end of life), naming the regions where it falls that day,
what it means and what to test instead, with reminders before it. Each event's UID depends on the
model, the deadline and the date, so importing a newer file updates events instead of copying them.

Options:
  --regions r1,r2      Regions (default: your configured region)
  --out FILE           Where to write the calendar (default bedrock-lifecycle.ics; - for stdout)
  --within DAYS        Only deadlines up to DAYS ahead (past ones stay)
  --models id1,id2     Only these models: ids, id prefixes, inference-profile ids or ARNs
  --from live|table    List Bedrock now (default), or read the monitor's stored state, which keeps
                       retired models and their past deadlines
  --reminders DAYS     Days before each deadline to remind (default ${DEFAULTS.deadlineDays.join(',')})
  --table NAME         The history table, with --from table (default: the TableName output of --stack)
  --stack NAME         The monitor's stack (default BedrockLifecycleMonitor)
${USAGE_HELP}
                       (each event then says what the model costs, and what extended access adds)
  --json               Print the events as JSON instead of writing the calendar`;

export const calendar: Command = {
  name: 'calendar',
  summary: 'Write an iCalendar file of lifecycle deadlines, with reminders',
  help: HELP,
  async run(argv: readonly string[], io: Io): Promise<number> {
    const options = parseOptions(argv, {
      regions: { type: 'string' },
      out: { type: 'string' },
      within: { type: 'string' },
      models: { type: 'string' },
      reminders: { type: 'string' },
      ...FROM_OPTIONS,
      ...USAGE_OPTIONS,
    });
    const usage = usageSettings(options);
    const withinDays = daysOption(options.within, 'within');
    const models = listOption(options.models);
    let reminderDays: readonly number[];
    try {
      reminderDays = parseDeadlineDays(options.reminders ?? DEFAULTS.deadlineDays, '--reminders');
    } catch (error) {
      if (error instanceof SettingError) throw new UsageError(error.message);
      throw error;
    }
    // Retired models keep their dates in the stored state: a calendar shows them.
    const { regions, catalogs } = await catalogsFrom(options, io.err, { listedOnly: false });
    const costs =
      usage === null
        ? null
        : await usageOf(
            catalogs.flatMap(({ region, models: listed }) =>
              listed.map((model) => ({
                region,
                modelId: model.modelId,
                phase: phaseAt(model, io.now),
                publicExtendedAccessTime: model.publicExtendedAccessTime,
              })),
            ),
            usage,
            io.now,
            io.err,
          );
    const entries = calendarEntries(catalogs, {
      ...(costs === null
        ? {}
        : {
            costOf: (region: string, model: CatalogModel) => {
              const used = costs.get(usageKey({ region, modelId: model.modelId }));
              if (used === undefined) return { text: null, stake: null };
              const input = {
                ...used,
                phase: phaseAt(model, io.now),
                publicExtendedAccessTime: model.publicExtendedAccessTime,
              };
              return { text: costText(input), stake: moneyAtStake(used) };
            },
          }),
      now: io.now,
      ...(withinDays === undefined ? {} : { withinDays }),
      ...(models ? { models } : {}),
    });
    if (options.json) {
      writeJson(io, entries);
      return 0;
    }
    const ics = calendarIcs(entries, {
      now: io.now,
      name: `Bedrock model lifecycle (${regions.join(', ')})`,
      reminderDays,
    });
    if (options.out === '-') {
      io.out.write(ics);
      return 0;
    }
    const out = resolve(options.out ?? 'bedrock-lifecycle.ics');
    writeFileSync(out, ics);
    writeLine(io.out, `Wrote ${out} (${plural(entries.length, 'event')})`);
    return 0;
  },
};
