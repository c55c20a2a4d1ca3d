import { describe, expect, it } from 'vitest';
import { parseMonitorSettings } from '../../contract/monitor-settings';
import { parseRoutes, type RouteRule } from '../../contract/routes';
import type { LifecycleEvent } from '../../lambda/domain/events';
import { routeMatches } from '../../lambda/domain/routes';

const TEAM_A = '111111111111';
const TEAM_B = '222222222222';

describe('parseRoutes', () => {
  it('reads a JSON array from a CDK context string, or the array itself, with each default', () => {
    const routes = [
      { name: 'pager', minSeverity: 'critical', emails: ['oncall@example.com'] },
      { name: 'team_b', inUse: true, accounts: [TEAM_B], modelIdPrefixes: ['us.anthropic.claude'] },
    ];
    expect(parseRoutes(JSON.stringify(routes))).toEqual(parseRoutes(routes));
    expect(parseRoutes(routes)).toEqual([
      {
        name: 'pager',
        minSeverity: 'critical',
        inUse: false,
        accounts: [],
        modelIdPrefixes: [],
        emails: ['oncall@example.com'],
        slackChannelIds: [],
        teamsChannelIds: [],
      },
      {
        name: 'team_b',
        minSeverity: 'info',
        inUse: true,
        accounts: [TEAM_B],
        modelIdPrefixes: ['us.anthropic.claude'],
        emails: [],
        slackChannelIds: [],
        teamsChannelIds: [],
      },
    ]);
    expect(parseRoutes(undefined)).toEqual([]);
  });

  it.each([
    [
      'text that is not JSON',
      '[{name:"pager"}]',
      'Invalid routes "[{name:\\"pager\\"}]": expected a JSON array of routes',
    ],
    [
      'an object instead of an array',
      '{"name":"pager"}',
      'Invalid routes "{\\"name\\":\\"pager\\"}": expected a JSON array',
    ],
    [
      'an unknown key',
      '[{"name":"pager","minSeverty":"critical"}]',
      'Invalid routes[0] {"name":"pager","minSeverty":"critical"}: unknown key "minSeverty" (known: name, minSeverity, inUse, accounts, modelIdPrefixes, emails, slackChannelIds, teamsChannelIds)',
    ],
    [
      'a bad severity',
      '[{"name":"pager","minSeverity":"high"}]',
      'Invalid routes[0].minSeverity "high": expected info, warning, critical',
    ],
    [
      'a route without a name',
      '[{"minSeverity":"critical"}]',
      'Invalid routes[0].name undefined: expected at most 40',
    ],
    ['a name with a space', '[{"name":"team b"}]', 'Invalid routes[0].name "team b": expected at most 40'],
    [
      'inUse false',
      '[{"name":"idle","inUse":false}]',
      'Invalid routes[0].inUse false: expected true (models in use or of unknown use), or leave it out',
    ],
    [
      'a bad account id',
      '[{"name":"team","accounts":["1111"]}]',
      'Invalid routes[0].accounts "1111": expected a 12-digit AWS account id',
    ],
    [
      'a bad email',
      '[{"name":"team","emails":["oncall"]}]',
      'Invalid routes[0].emails ["oncall"]: "oncall" is not an email address',
    ],
    [
      'duplicate names',
      '[{"name":"pager"},{"name":"pager"}]',
      'Invalid routes "pager": the name is taken: "pager" has the same letters and digits, and each route has an output RouteTopicpager',
    ],
    [
      'names whose outputs would collide',
      '[{"name":"team-b"},{"name":"team_b"}]',
      'Invalid routes "team_b": the name is taken: "team-b" has the same letters and digits',
    ],
  ])('rejects %s with one line naming the key', (_what, value, message) => {
    expect(() => parseRoutes(value)).toThrow(message);
  });

  it.each([
    [
      { routes: JSON.stringify([{ name: 'team', accounts: [TEAM_A] }]) },
      `Invalid routes[0].accounts "${TEAM_A}": needs usageAccounts: without it no run knows which account calls a model`,
    ],
    [
      { routes: JSON.stringify([{ name: 'team', slackChannelIds: ['C0123ABCD'] }]) },
      'Invalid routes[0].slackChannelIds "C0123ABCD": needs slackWorkspaceId',
    ],
  ])('rejects a route the rest of the configuration cannot serve', (context, message) => {
    expect(() => parseMonitorSettings((key) => (context as Record<string, unknown>)[key])).toThrow(message);
  });

  it('lets a Slack workspace serve routes alone, with no channel of its own', () => {
    const settings = parseMonitorSettings(
      (key) =>
        ({
          slackWorkspaceId: 'T0123ABCD',
          routes: [{ name: 'pager', minSeverity: 'critical', slackChannelIds: ['C0123ABCD'] }],
        })[key as string],
    );
    expect(settings.slack).toBeUndefined();
    expect(settings.routes[0]?.slack).toEqual({ workspaceId: 'T0123ABCD', channelIds: ['C0123ABCD'] });
  });
});

describe('routeMatches', () => {
  const rule = (fields: Partial<RouteRule>): RouteRule => ({
    name: 'r',
    minSeverity: 'info',
    inUse: false,
    accounts: [],
    modelIdPrefixes: [],
    ...fields,
  });
  const event = (fields: Partial<LifecycleEvent>) =>
    ({
      severity: 'warning',
      modelId: 'anthropic.claude-3-7-sonnet-20250219-v1:0',
      inUse: true,
      accounts: [{ accountId: TEAM_A, invocations: 5 }],
      ...fields,
    }) as LifecycleEvent;

  it.each([
    ['an empty rule takes everything', rule({}), event({}), [], true],
    ['a critical route skips a warning', rule({ minSeverity: 'critical' }), event({}), [], false],
    [
      'a warning route takes a critical',
      rule({ minSeverity: 'warning' }),
      event({ severity: 'critical' }),
      [],
      true,
    ],
    ['a model prefix matches', rule({ modelIdPrefixes: ['anthropic.claude-3'] }), event({}), [], true],
    [
      'a profile id counts as its model',
      rule({ modelIdPrefixes: ['us.anthropic.claude-3-7'] }),
      event({}),
      [],
      true,
    ],
    ['another model does not', rule({ modelIdPrefixes: ['amazon.nova'] }), event({}), [], false],
    [
      'inUse skips a model not in use',
      rule({ inUse: true }),
      event({ inUse: false, accounts: [] }),
      [],
      false,
    ],
    [
      'inUse takes a model of unknown use',
      rule({ inUse: true }),
      event({ inUse: null, accounts: null }),
      [],
      true,
    ],
    ['an account that calls the model', rule({ accounts: [TEAM_A] }), event({}), [], true],
    ['an account that does not', rule({ accounts: [TEAM_B] }), event({}), [], false],
    [
      'an account whose use is unknown',
      rule({ accounts: [TEAM_B] }),
      event({ inUse: null, accounts: null }),
      [],
      true,
    ],
    ['an account that could not be read', rule({ accounts: [TEAM_B] }), event({}), [TEAM_B], true],
    ['accounts that could not be listed', rule({ accounts: [TEAM_B] }), event({}), 'all', true],
    [
      'an AWS Health notice of an account that does not call the model',
      rule({ accounts: [TEAM_B] }),
      event({ notice: { account: TEAM_B } as LifecycleEvent['notice'] }),
      [],
      true,
    ],
    [
      'an AWS Health notice of another account',
      rule({ accounts: [TEAM_B] }),
      event({ notice: { account: TEAM_A } as LifecycleEvent['notice'] }),
      [],
      false,
    ],
  ] as const)('%s', (_what, route, e, unread, expected) => {
    expect(routeMatches(route, e, unread)).toBe(expected);
  });
});
