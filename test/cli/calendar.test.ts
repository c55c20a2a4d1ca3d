import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { putBedrockMetrics } from '../../lab/bedrock-metrics';
import { runCli } from '../../lab/cli';
import { CATALOG } from '../../lab/fixtures/catalog';
import { StandInTenant } from '../../lab/stand-in-tenant';
import { inProcessMonitor } from '../support/in-process-monitor';

const SONNET_37 = 'anthropic.claude-3-7-sonnet-20250219-v1:0';
/** A week before Claude 3.7 Sonnet's end of life. */
const NOW = '2026-04-21T08:00:00Z';
/** After it: the model has left the listing. */
const AFTER = '2026-05-05T08:00:00Z';

/** The calendar's events, as a maintained iCalendar parser (Mozilla's ical.js) reads them. */
function eventsOf(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  return {
    calendar,
    events: calendar.getAllSubcomponents('vevent').map((vevent) => {
      const event = new ICAL.Event(vevent);
      return {
        uid: event.uid,
        summary: event.summary,
        description: event.description,
        start: event.startDate,
        end: event.endDate,
        alarms: vevent.getAllSubcomponents('valarm').map((a) => String(a.getFirstPropertyValue('trigger'))),
      };
    }),
  };
}

describe('bedrock-lifecycle calendar', () => {
  const motoUrl = inject('motoUrl');
  let tenant: StandInTenant;
  const env = () => ({
    ...tenant.env(),
    AWS_REGION: 'us-east-1',
    AWS_ENDPOINT_URL_DYNAMODB: motoUrl,
  });
  const calendar = (...args: string[]) => runCli(['calendar', '--out', '-', ...args], env());

  beforeAll(async () => {
    tenant = new StandInTenant(inject('standInUrl'), 'CAL');
    await tenant.set({ time: NOW, models: CATALOG });
  });

  it('writes an RFC 5545 calendar: CRLF lines folded at 75 octets, one all-day event per model, deadline and date', async () => {
    const run = await calendar('--regions', 'us-east-1,us-west-2', '--now', NOW);
    expect(run.status).toBe(0);
    const ics = run.stdout;
    // Every line ends in CRLF, none is longer than 75 octets, and a continuation starts with a space.
    expect(ics.endsWith('\r\n')).toBe(true);
    const lines = ics.slice(0, -2).split('\r\n');
    expect(lines.filter((line) => line.includes('\n'))).toEqual([]);
    expect(lines.filter((line) => Buffer.byteLength(line) > 75)).toEqual([]);
    expect(lines.some((line) => line.startsWith(' '))).toBe(true);
    expect(lines.slice(0, 3)).toEqual([
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//bedrock-lifecycle-monitor//calendar//EN',
    ]);

    const { calendar: parsed, events } = eventsOf(ics);
    expect(parsed.getFirstPropertyValue('version')).toBe('2.0');
    const eol = events.filter((e) => e.summary.startsWith('Claude 3.7 Sonnet: end of life'));
    expect(eol.map((e) => [e.summary, e.start.toString(), e.start.isDate, e.end.toString()])).toEqual([
      ['Claude 3.7 Sonnet: end of life (us-east-1, us-west-2)', '2026-04-28', true, '2026-04-29'],
    ]);
    expect(eol[0]?.description).toContain(
      `Claude 3.7 Sonnet (${SONNET_37}), Anthropic: end of life on 2026-04-28`,
    );
    expect(eol[0]?.description).toContain('End of life: calls to this model fail with ValidationException.');
    expect(eol[0]?.description).toMatch(/Test as its replacement: anthropic\.claude-sonnet-4/);
    expect(eol[0]?.alarms).toEqual(['-P90D', '-P30D', '-P14D', '-P7D', '-P1D']);
    // Legacy and extended access too, each its own event.
    expect(events.map((e) => e.summary)).toEqual(
      expect.arrayContaining([
        'Claude 3.7 Sonnet: Legacy (deprecated) (us-east-1, us-west-2)',
        'Claude 3.7 Sonnet: public extended access (us-east-1, us-west-2)',
      ]),
    );
    expect(new Set(events.map((e) => e.uid)).size).toBe(events.length);
  });

  it('keeps each event’s UID from one export to the next, so a re-import updates it', async () => {
    const first = eventsOf((await calendar('--regions', 'us-east-1,us-west-2', '--now', NOW)).stdout).events;
    const later = eventsOf(
      (
        await calendar(
          '--regions',
          'us-east-1,us-west-2',
          '--now',
          '2026-04-25T08:00:00Z',
          '--reminders',
          '7',
        )
      ).stdout,
    ).events;
    const uids = (events: typeof first) => Object.fromEntries(events.map((e) => [e.summary, e.uid]));
    expect(uids(later)).toEqual(uids(first));
    expect(later.every((e) => e.alarms.join() === '-P7D')).toBe(true);
  });

  it('narrows to models and a horizon with --models and --within, past deadlines kept', async () => {
    const run = await calendar(
      '--regions',
      'us-east-1',
      '--now',
      NOW,
      '--models',
      'us.anthropic.claude-3-7',
      '--json',
    );
    expect(run.status).toBe(0);
    const all = JSON.parse(run.stdout) as { modelIds: string[]; deadline: string; date: string }[];
    expect(all.map((e) => [e.modelIds, e.deadline, e.date])).toEqual([
      [[SONNET_37], 'LEGACY', '2025-10-28'],
      [[SONNET_37], 'EXTENDED_ACCESS', '2026-01-27'],
      [[SONNET_37], 'END_OF_LIFE', '2026-04-28'],
    ]);
    const soon = JSON.parse(
      (await calendar('--regions', 'us-east-1', '--now', NOW, '--within', '3', '--json')).stdout,
    );
    expect(soon.every((e: { date: string }) => e.date <= '2026-04-24')).toBe(true);
    expect(soon.length).toBeGreaterThan(0);
    expect(
      soon.some(
        (e: { deadline: string; date: string }) => e.deadline === 'END_OF_LIFE' && e.date === '2026-04-28',
      ),
    ).toBe(false);
  });

  it('keeps a retired model’s deadlines from the history table with --from table, which the live listing has lost', async () => {
    const h = await inProcessMonitor({ regions: ['us-east-1'], time: NOW });
    await h.run(NOW);
    await h.run(AFTER);
    await tenant.at(AFTER);
    const live = JSON.parse((await calendar('--regions', 'us-east-1', '--now', AFTER, '--json')).stdout);
    const stored = JSON.parse(
      (
        await calendar(
          '--regions',
          'us-east-1',
          '--now',
          AFTER,
          '--from',
          'table',
          '--table',
          h.tableName,
          '--json',
        )
      ).stdout,
    );
    const sonnetEol = (entries: { modelIds: string[]; deadline: string }[]) =>
      entries.filter((e) => e.modelIds.includes(SONNET_37) && e.deadline === 'END_OF_LIFE').length;
    expect(sonnetEol(live)).toBe(0);
    expect(sonnetEol(stored)).toBe(1);
    await tenant.at(NOW);
  });

  it('prints the example of docs/cli.md as the page shows it', async () => {
    const page = readFileSync(join(__dirname, '..', '..', 'docs', 'cli.md'), 'utf8');
    const block = /```text\n\$ npx bedrock-lifecycle (calendar [^\n]+)\n([\s\S]*?)\n```/.exec(page);
    const [, command = '', shown = ''] = block ?? [];
    const run = await runCli(command.split(' '), env());
    expect(run.status).toBe(0);
    // The page leaves lines out (…); the ones it shows appear in this order.
    const printed = run.stdout.split('\r\n');
    let at = 0;
    for (const line of shown.split('\n').filter((l) => l !== '…')) {
      const found = printed.indexOf(line, at);
      expect(found, line).toBeGreaterThanOrEqual(at);
      at = found + 1;
    }
  });

  it.each([
    [['--from', 'history'], '--from takes live or table, not "history"'],
    [['--reminders', 'soon'], 'Invalid --reminders "soon": "soon" is not a whole number of days'],
    [['--within', 'soon'], '--within takes a whole number of days, not "soon"'],
  ])('rejects %j with exit 2 and one line', async (args, message) => {
    const run = await calendar('--regions', 'us-east-1', ...args);
    expect(run.status).toBe(2);
    expect(run.stderr.split('\n')[0]).toContain(message);
  });
});

describe('bedrock-lifecycle calendar --with-usage', () => {
  /** Claude Sonnet 4 is Legacy; its public extended access starts on 2026-07-14. */
  const JULY = '2026-07-01T00:00:00Z';
  const SONNET_4 = 'anthropic.claude-sonnet-4-20250514-v1:0';
  let tenant: StandInTenant;

  beforeAll(async () => {
    tenant = new StandInTenant(inject('standInUrl'), 'CALENDAR-USAGE');
    await tenant.set({ time: JULY, models: CATALOG });
    // A window no other test puts metrics into.
    await putBedrockMetrics(inject('motoUrl'), 'us-east-1', [
      {
        modelId: `us.${SONNET_4}`,
        calls: 4_000,
        inputTokens: 140_000_000,
        outputTokens: 14_000_000,
        at: '2026-06-25T00:00:00Z',
      },
    ]);
  });

  it('says in each of the model’s events what it costs and what extended access adds', async () => {
    const prices = JSON.stringify([
      { model: 'anthropic.claude-sonnet-4', input: 3, output: 15, extendedInput: 6, extendedOutput: 30 },
    ]);
    const run = await runCli(
      [
        'calendar',
        '--regions',
        'us-east-1',
        '--models',
        SONNET_4,
        '--with-usage',
        '--model-prices',
        prices,
        '--out',
        '-',
        '--now',
        JULY,
      ],
      { ...tenant.env(), AWS_REGION: 'us-east-1', AWS_ENDPOINT_URL_CLOUDWATCH: inject('motoUrl') },
    );
    expect(run.status, run.stderr).toBe(0);
    const { events } = eventsOf(run.stdout);
    expect(events.map((e) => e.summary)).toEqual([
      'Claude Sonnet 4: Legacy (deprecated) (us-east-1)',
      'Claude Sonnet 4: public extended access (us-east-1)',
      'Claude Sonnet 4: end of life (us-east-1)',
    ]);
    // (140M × $3 + 14M × $15) × 30 / 14 days: $1,350 a month, and as much again in extended access.
    for (const event of events) {
      expect(event.description).toContain(
        'Extended access from 2026-07-14 costs about $1,350 more a month at the last 14 days’ use (input $3 → $6, output $15 → $30 per million tokens; prices from modelPrices).',
      );
    }
  });

  it('leaves the descriptions as they were without --with-usage', async () => {
    const run = await runCli(
      ['calendar', '--regions', 'us-east-1', '--models', SONNET_4, '--json', '--now', JULY],
      {
        ...tenant.env(),
        AWS_REGION: 'us-east-1',
      },
    );
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).every((entry: object) => !('cost' in entry))).toBe(true);
  });
});
