import { describe, expect, it } from 'vitest';
import { diffRegion } from '../../lambda/domain/diff';
import type { LifecycleEvent } from '../../lambda/domain/events';
import {
  type InferenceProfile,
  modelInRegion,
  NO_USE,
  type UsageReport,
  usageQueries,
  useByModel,
  watched,
  withUsage,
} from '../../lambda/domain/usage';
import { groupEvents } from '../../lambda/messages/alert-groups';
import { planAlerts } from '../../lambda/messages/alert-plan';
import { renderAlert } from '../../lambda/messages/sns-message';
import { catalogModel, legacySonnet } from '../support/models';

const SONNET_37 = 'anthropic.claude-3-7-sonnet-20250219-v1:0';
const HAIKU_35 = 'anthropic.claude-3-5-haiku-20241022-v1:0';
const CONTEXT = { tableName: 'History', tableRegion: 'us-east-1' };
const OWN = '123456789012';

/** The US cross-region profile of Claude 3.7 Sonnet, as ListInferenceProfiles lists it in us-east-1. */
const US_SONNET: InferenceProfile = {
  id: `us.${SONNET_37}`,
  arn: `arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.${SONNET_37}`,
  type: 'SYSTEM_DEFINED',
  targets: ['us-east-1', 'us-east-2', 'us-west-2'].map((region) => ({ region, modelId: SONNET_37 })),
};

/** An application profile created from the US profile (Bedrock generates the id). */
const TEAM_PROFILE: InferenceProfile = {
  id: 'x9cf1ccd1fph',
  arn: 'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/x9cf1ccd1fph',
  type: 'APPLICATION',
  targets: US_SONNET.targets,
};

/** The events of a run a week before Claude 3.7 Sonnet's end of life, in each region. */
function eventsAt(regions: readonly string[]): LifecycleEvent[] {
  return regions.flatMap(
    (region) =>
      diffRegion({
        region,
        previous: undefined,
        listing: [
          legacySonnet(),
          catalogModel({
            modelId: HAIKU_35,
            modelName: 'Claude 3.5 Haiku',
            status: 'LEGACY',
            legacyTime: '2025-12-19T08:00:00.000Z',
            publicExtendedAccessTime: '2026-03-19T08:00:00.000Z',
            endOfLifeTime: '2026-06-19T08:00:00.000Z',
          }),
        ],
        t: new Date('2026-04-21T08:00:00Z'),
        thresholds: [90, 30, 14, 7, 1],
      }).events,
  );
}

/** The first (most severe) message a run with these events publishes. */
const firstMessage = (events: readonly LifecycleEvent[]) => {
  const [first] = planAlerts(events, [], { observedAt: '2026-04-21T08:00:00.000Z', runId: 'run-1' }, CONTEXT);
  if (!first) throw new Error('No message planned');
  return renderAlert(first, CONTEXT);
};

/** That many calls, and no tokens. */
const calls_ = (invocations: number) => ({ ...NO_USE, invocations });

/** Calls in the monitor's own account, read completely unless said otherwise. */
const report = (calls: Record<string, number>, complete = true): UsageReport => ({
  lookbackDays: 14,
  use: new Map(Object.entries(calls).map(([key, n]) => [key, new Map([[OWN, calls_(n)]])])),
  complete,
  accounts: null,
  profiles: new Map(),
});

describe('mapping inference profiles onto models', () => {
  it.each([
    [`arn:aws:bedrock:us-east-2::foundation-model/${SONNET_37}`, { region: 'us-east-2', modelId: SONNET_37 }],
    [
      'arn:aws-us-gov:bedrock:us-gov-west-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0',
      { region: 'us-gov-west-1', modelId: 'anthropic.claude-3-haiku-20240307-v1:0' },
    ],
    [
      'arn:aws:bedrock:eu-west-3::foundation-model/mistral.pixtral-large-2502-v1:0',
      { region: 'eu-west-3', modelId: 'mistral.pixtral-large-2502-v1:0' },
    ],
    [`arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.${SONNET_37}`, null],
    ['not an arn', null],
  ])('reads %s as %j', (arn, expected) => {
    expect(modelInRegion(arn)).toEqual(expected);
  });

  it('queries the wanted models of the region and every profile there that reaches one, an application profile by ARN and id', () => {
    const wanted = [
      { region: 'us-east-1', modelId: SONNET_37, unlisted: false },
      { region: 'us-west-2', modelId: SONNET_37, unlisted: false },
      { region: 'us-east-1', modelId: HAIKU_35, unlisted: false },
    ];
    const target = (i: number) => ({ region: wanted[i]?.region, modelId: wanted[i]?.modelId });
    const elsewhere: InferenceProfile = {
      ...US_SONNET,
      id: 'us.meta.llama3-2-90b-instruct-v1:0',
      targets: [],
    };
    expect(usageQueries('us-east-1', [US_SONNET, TEAM_PROFILE, elsewhere], wanted)).toEqual([
      { dimension: SONNET_37, reaches: [{ region: 'us-east-1', modelId: SONNET_37 }] },
      { dimension: HAIKU_35, reaches: [{ region: 'us-east-1', modelId: HAIKU_35 }] },
      { dimension: US_SONNET.id, reaches: [target(0), target(1)] },
      { dimension: TEAM_PROFILE.arn, reaches: [target(0), target(1)] },
      { dimension: TEAM_PROFILE.id, reaches: [target(0), target(1)] },
    ]);
    // us-west-2's own models are queried in us-west-2, where their metrics are.
    expect(usageQueries('us-west-2', [], wanted).map((q) => q.dimension)).toEqual([SONNET_37]);
  });

  it('queries every cross-region profile id a model that left the listing could have had, unless a listed profile still covers it', () => {
    const gone = [
      { region: 'us-east-1', modelId: SONNET_37, unlisted: true },
      { region: 'us-east-1', modelId: HAIKU_35, unlisted: true },
    ];
    const queries = usageQueries('us-east-1', [US_SONNET], gone);
    expect(queries.filter((q) => q.dimension.endsWith(HAIKU_35)).map((q) => q.dimension)).toEqual([
      HAIKU_35,
      ...['global', 'us-gov', 'us', 'eu', 'apac', 'ca', 'jp', 'au'].map((geo) => `${geo}.${HAIKU_35}`),
    ]);
    expect(queries.filter((q) => q.dimension.endsWith(SONNET_37)).map((q) => q.dimension)).toEqual([
      SONNET_37,
      US_SONNET.id,
    ]);
  });

  it('counts a call through a profile for the model in every region the profile routes to, on top of direct calls', () => {
    const reachesBoth = [
      { region: 'us-east-1', modelId: SONNET_37 },
      { region: 'us-west-2', modelId: SONNET_37 },
    ];
    const use = useByModel([
      {
        accountId: OWN,
        query: { dimension: SONNET_37, reaches: [reachesBoth[0] ?? { region: '', modelId: '' }] },
        use: { invocations: 4, inputTokens: 4_000, outputTokens: 400 },
      },
      {
        accountId: OWN,
        query: { dimension: US_SONNET.id, reaches: reachesBoth },
        use: { invocations: 12_300, inputTokens: 9_000_000, outputTokens: 1_000_000 },
      },
      {
        accountId: OWN,
        query: { dimension: HAIKU_35, reaches: [{ region: 'us-east-1', modelId: HAIKU_35 }] },
        use: NO_USE,
      },
    ]);
    expect([...use].map(([key, byAccount]) => [key, Object.fromEntries(byAccount)])).toEqual([
      [
        `us-east-1 ${SONNET_37}`,
        { [OWN]: { invocations: 12_304, inputTokens: 9_004_000, outputTokens: 1_000_400 } },
      ],
      [
        `us-west-2 ${SONNET_37}`,
        { [OWN]: { invocations: 12_300, inputTokens: 9_000_000, outputTokens: 1_000_000 } },
      ],
    ]);
  });
});

describe('events with usage', () => {
  it('marks a called model in use with its calls, and an uncalled one not in use', () => {
    const events = withUsage(eventsAt(['us-east-1']), report({ [`us-east-1 ${SONNET_37}`]: 12_304 }), {
      alertOn: 'all',
      watchList: [],
    });
    expect(events.map((e) => [e.modelId, e.inUse, e.invocations, e.usageLookbackDays])).toEqual([
      [SONNET_37, true, 12_304, 14],
      [SONNET_37, true, 12_304, 14],
      [HAIKU_35, false, 0, 14],
      [HAIKU_35, false, 0, 14],
    ]);
  });

  it.each([
    [
      'calls and tokens',
      { invocations: 12, inputTokens: 90_000, outputTokens: 7_000 },
      true,
      12,
      { input: 90_000, output: 7_000 },
    ],
    [
      'tokens without calls',
      { invocations: 0, inputTokens: 500, outputTokens: 0 },
      true,
      0,
      { input: 500, output: 0 },
    ],
    [
      'calls without tokens',
      { invocations: 3, inputTokens: 0, outputTokens: 0 },
      true,
      3,
      { input: 0, output: 0 },
    ],
  ])(
    'puts the token sums beside the calls, and counts a model in use on %s',
    (_, use, inUse, invocations, tokens) => {
      const [sonnet] = withUsage(
        eventsAt(['us-east-1']),
        { ...report({}), use: new Map([[`us-east-1 ${SONNET_37}`, new Map([[OWN, use]])]]) },
        { alertOn: 'all', watchList: [] },
      );
      expect([sonnet?.inUse, sonnet?.invocations, sonnet?.tokens]).toEqual([inUse, invocations, tokens]);
    },
  );

  it('gives no tokens (null) where usage is unknown, and zero where it is known to be none', () => {
    const unknown = withUsage(eventsAt(['us-east-1']), report({}, false), { alertOn: 'all', watchList: [] });
    const none = withUsage(eventsAt(['us-east-1']), report({}), { alertOn: 'all', watchList: [] });
    expect(unknown.map((e) => e.tokens)).toEqual([null, null, null, null]);
    expect(none.map((e) => e.tokens)).toEqual(Array(4).fill({ input: 0, output: 0 }));
  });

  it('keeps models not in use at info severity with alertOn "used", and every other alert as it was', () => {
    const raw = eventsAt(['us-east-1']);
    const events = withUsage(raw, report({ [`us-east-1 ${SONNET_37}`]: 1 }), {
      alertOn: 'used',
      watchList: [],
    });
    expect(events.map((e) => [e.modelId, e.severity])).toEqual(
      raw.map((e) => [e.modelId, e.modelId === HAIKU_35 ? 'info' : e.severity]),
    );
    expect(raw.some((e) => e.modelId === HAIKU_35 && e.severity === 'warning')).toBe(true);
  });

  it('never lowers an alert whose usage is unknown: a critical end of life stays critical', () => {
    const events = withUsage(eventsAt(['us-east-1']), report({}, false), {
      alertOn: 'used',
      watchList: [],
    });
    const sonnet = events.filter((e) => e.modelId === SONNET_37);
    expect(sonnet.map((e) => [e.inUse, e.invocations, e.severity])).toContainEqual([null, null, 'critical']);
  });

  it.each([
    ['a model id', SONNET_37, true],
    ['an id prefix', 'anthropic.claude-3-7', true],
    ['a cross-region profile id', `us.${SONNET_37}`, true],
    ['a foundation-model ARN', `arn:aws:bedrock:us-east-1::foundation-model/${SONNET_37}`, true],
    ['another model', 'anthropic.claude-3-5', false],
  ])('treats a model on the watch list as in use when the entry is %s', (_what, entry, expected) => {
    expect(watched([entry], SONNET_37)).toBe(expected);
    const [event] = withUsage(eventsAt(['us-east-1']), report({}), { alertOn: 'used', watchList: [entry] });
    expect([event?.inUse, event?.invocations]).toEqual([expected, 0]);
  });
});

describe('alerts that rank models in use first', () => {
  const events = withUsage(
    eventsAt(['us-east-1', 'us-west-2', 'eu-central-1']),
    report({ [`us-east-1 ${SONNET_37}`]: 12_304, [`us-west-2 ${SONNET_37}`]: 9_870 }),
    { alertOn: 'all', watchList: [] },
  );

  it('puts the regions where the model is in use in their own group, ahead of the rest', () => {
    const groups = groupEvents(events.filter((e) => e.severity === 'critical'));
    expect(groups.map((g) => [g.event.inUse, g.regions, g.invocations])).toEqual([
      [true, ['us-east-1', 'us-west-2'], 12_304],
      [false, ['eu-central-1'], 0],
    ]);
  });

  it('says so in every format: subject, email, chat and the machine contract', () => {
    const message = firstMessage(events);
    const bodies = JSON.parse(message.message);
    // Too long for a subject with the call count: it gives way first (the body has it).
    expect(message.subject).toBe(
      '[CRITICAL] IN USE - Claude 3.7 Sonnet (us-east-1 +1) reaches EOL in 7 days and 1 more',
    );
    expect(firstMessage(events.filter((e) => e.region === 'us-east-1')).subject).toBe(
      '[CRITICAL] IN USE - Claude 3.7 Sonnet (us-east-1) reaches EOL in 7 days (12,304 calls / 14 d)',
    );
    expect(bodies.email).toContain(
      [
        '1. [CRITICAL] IN USE — Claude 3.7 Sonnet reaches end of life in 7 days',
        `   Model:           Claude 3.7 Sonnet (${SONNET_37}), Anthropic`,
        '   Regions:         us-east-1, us-west-2',
        '   Usage:           In use: 12,304 calls in the last 14 days, directly or through inference profiles',
      ].join('\n'),
    );
    expect(bodies.email).toContain('   Usage:           Not in use: no calls in the last 14 days');
    expect(JSON.parse(bodies.https).content.description).toMatch(
      /^\*1\.\* \*IN USE — Claude 3\.7 Sonnet reaches end of life in 7 days\* \(12,304 calls \/ 14 d\)\n/,
    );
    expect(message.attributes.inUse).toEqual({ dataType: 'String', value: 'true' });
    expect(JSON.parse(bodies.https).content.keywords).toContain('IN USE');
    expect(
      JSON.parse(bodies.sqs).events.map((e: LifecycleEvent) => [e.region, e.inUse, e.invocations]),
    ).toEqual([
      ['us-east-1', true, 12_304],
      ['us-west-2', true, 9_870],
      ['eu-central-1', false, 0],
    ]);
  });
});

describe('usage read across accounts', () => {
  const TEAM_A = '111111111111';
  const TEAM_B = '222222222222';
  const IDLE = '333333333333';
  const accounts = [
    { accountId: TEAM_A, accountName: 'team-a' },
    { accountId: TEAM_B },
    { accountId: IDLE, accountName: 'idle' },
  ];
  const acrossAccounts = (calls: Record<string, Record<string, number>>, complete = true): UsageReport => ({
    lookbackDays: 14,
    use: new Map(
      Object.entries(calls).map(([key, byAccount]) => [
        key,
        new Map(Object.entries(byAccount).map(([account, n]) => [account, calls_(n)])),
      ]),
    ),
    complete,
    accounts,
    profiles: new Map(),
  });
  const sonnetIn = (region: string) => `${region} ${SONNET_37}`;

  it('sums the calls of every account and lists the accounts that call the model, most calls first', () => {
    const events = withUsage(
      eventsAt(['us-east-1']),
      acrossAccounts({ [sonnetIn('us-east-1')]: { [TEAM_B]: 300, [TEAM_A]: 12_000, [IDLE]: 0 } }),
      { alertOn: 'used', watchList: [] },
    );
    const sonnet = events.find((e) => e.modelId === SONNET_37);
    const haiku = events.find((e) => e.modelId === HAIKU_35);
    expect([sonnet?.inUse, sonnet?.invocations, sonnet?.accounts]).toEqual([
      true,
      12_300,
      [
        { accountId: TEAM_A, accountName: 'team-a', invocations: 12_000 },
        { accountId: TEAM_B, invocations: 300 },
      ],
    ]);
    expect([haiku?.inUse, haiku?.invocations, haiku?.accounts, haiku?.severity]).toEqual([
      false,
      0,
      [],
      'info',
    ]);
  });

  it('keeps a model in use when another account shows it, and makes the rest unknown when an account could not be read', () => {
    const raw = eventsAt(['us-east-1']);
    const events = withUsage(raw, acrossAccounts({ [sonnetIn('us-east-1')]: { [TEAM_A]: 5 } }, false), {
      alertOn: 'used',
      watchList: [],
    });
    const sonnet = events.find((e) => e.modelId === SONNET_37);
    const haiku = events.filter((e) => e.modelId === HAIKU_35);
    expect([sonnet?.inUse, sonnet?.accounts?.map((a) => a.accountId)]).toEqual([true, [TEAM_A]]);
    // Unknown is never lowered to info, as "not in use" would be with alertOn "used".
    expect(haiku.map((e) => [e.inUse, e.invocations, e.accounts, e.severity])).toEqual(
      raw.filter((e) => e.modelId === HAIKU_35).map((e) => [null, null, null, e.severity]),
    );
    expect(haiku.some((e) => e.severity === 'warning')).toBe(true);
  });

  it('names at most three accounts in every human format, escapes their names for chat, and sets the accountIds attribute', () => {
    const callers = Object.fromEntries(
      ['444444444444', '555555555555', TEAM_B, TEAM_A].map((id, i) => [id, (i + 1) * 1_000]),
    );
    const named = [...accounts, { accountId: '444444444444', accountName: '<!here> *ops*' }];
    const events = withUsage(
      eventsAt(['us-east-1']).filter((e) => e.modelId === SONNET_37 && e.severity === 'critical'),
      { ...acrossAccounts({ [sonnetIn('us-east-1')]: callers }), accounts: named },
      { alertOn: 'all', watchList: [] },
    );
    const message = firstMessage(events);
    const bodies = JSON.parse(message.message);
    expect(bodies.email).toContain(
      `   Usage:           In use in 4 accounts: team-a (${TEAM_A}) 4,000 calls, ${TEAM_B} 3,000 calls, 555555555555 2,000 calls, +1 more in the last 14 days, directly or through inference profiles`,
    );
    const chat = JSON.parse(bodies.https).content.description as string;
    expect(chat).toContain(`In use in 4 accounts: team-a (${TEAM_A}) 4,000 calls,`);
    expect(message.attributes.accountIds).toEqual({
      dataType: 'String.Array',
      value: JSON.stringify(['222222222222', '444444444444', '555555555555', TEAM_A].sort()),
    });
    // The fourth account's name is hidden behind "+1 more"; made the busiest, it is shown, escaped.
    const loud = withUsage(
      events,
      {
        ...acrossAccounts({ [sonnetIn('us-east-1')]: { ...callers, '444444444444': 9_000 } }),
        accounts: named,
      },
      { alertOn: 'all', watchList: [] },
    );
    const loudChat = JSON.parse(JSON.parse(firstMessage(loud).message).https);
    expect(loudChat.content.description).toContain('(444444444444) 9,000 calls');
    expect(loudChat.content.description).not.toContain('<!here>');
    expect(loudChat.content.description).not.toContain('*ops*');
  });
});

describe('tokens when usage is read in part', () => {
  it('gives the calls known, but no tokens: a partial sum would understate the cost', () => {
    const [sonnet] = withUsage(
      eventsAt(['us-east-1']),
      {
        lookbackDays: 14,
        use: new Map([
          [
            `us-east-1 ${SONNET_37}`,
            new Map([[OWN, { invocations: 40, inputTokens: 9_000, outputTokens: 900 }]]),
          ],
        ]),
        complete: false,
        accounts: null,
        profiles: new Map(),
      },
      { alertOn: 'all', watchList: [] },
    );
    expect([sonnet?.inUse, sonnet?.invocations, sonnet?.tokens]).toEqual([true, 40, null]);
  });
});
