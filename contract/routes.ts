import { SettingError } from './setting-error';
import { jsonArray, listOf, parseAccountId, parseEmails, parseWatchModels, settingObject } from './settings';

/**
 * Routes: the monitor's own rules for sending a subset of the alerts to a topic of their own, so
 * that a pager or a team gets what concerns it without SNS filter policies (whose matching of
 * attributes on JSON-structured messages AWS does not document).
 */

export const ROUTE_SEVERITIES = ['info', 'warning', 'critical'] as const;
export type RouteSeverity = (typeof ROUTE_SEVERITIES)[number];

/** What a route receives: the rule the function applies at run time. */
export interface RouteRule {
  readonly name: string;
  /** The least severe alert it receives. */
  readonly minSeverity: RouteSeverity;
  /** Only changes to models in use, or whose use is unknown. */
  readonly inUse: boolean;
  /** Only changes to models these accounts call (or may call: usage unknown); empty: any. */
  readonly accounts: readonly string[];
  /** Only models whose id starts with one of these (profile ids count as their model); empty: any. */
  readonly modelIdPrefixes: readonly string[];
}

/** A route as configured: its rule and who is subscribed to its topic. */
export interface RouteSettings extends RouteRule {
  readonly emails: readonly string[];
  /** Channels of the configured Slack workspace, through AWS Chatbot. */
  readonly slackChannelIds: readonly string[];
  /** Channels of the configured Teams team, through AWS Chatbot. */
  readonly teamsChannelIds: readonly string[];
}

const ROUTE_KEYS = [
  'name',
  'minSeverity',
  'inUse',
  'accounts',
  'modelIdPrefixes',
  'emails',
  'slackChannelIds',
  'teamsChannelIds',
] as const;

/** Each route is a topic, subscriptions and chat configurations: a bound on what one stack holds. */
export const MAX_ROUTES = 20;
const ROUTE_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,39}$/;

/** The route's topic name: the stack's name and the route's, so either tells whose it is. */
export const routeTopicName = (monitorId: string, route: string): string => `${monitorId}-route-${route}`;

/** The route's name as a stack output suffix (`RouteTopic<Name>`): letters and digits only. */
export const routeOutputName = (route: string): string => route.replace(/[^A-Za-z0-9]/g, '');

function routeList(value: unknown, key: string): unknown[] {
  const routes = jsonArray(value, key, 'routes, e.g. [{"name":"pager","minSeverity":"critical"}]');
  if (routes.length > MAX_ROUTES)
    throw new SettingError(key, `${routes.length} routes`, `at most ${MAX_ROUTES}`);
  return routes;
}

function parseRoute(value: unknown, key: string): RouteSettings {
  const route = settingObject(value, key, ROUTE_KEYS, 'an object with at least a name');
  const { name, minSeverity = 'info', inUse } = route;
  if (typeof name !== 'string' || !ROUTE_NAME.test(name)) {
    throw new SettingError(
      `${key}.name`,
      name,
      'expected at most 40 letters, digits, hyphens and underscores, starting with a letter',
    );
  }
  const severity = ROUTE_SEVERITIES.find((s) => s === minSeverity);
  if (severity === undefined) {
    throw new SettingError(`${key}.minSeverity`, minSeverity, `expected ${ROUTE_SEVERITIES.join(', ')}`);
  }
  if (inUse !== undefined && inUse !== true) {
    throw new SettingError(
      `${key}.inUse`,
      inUse,
      'expected true (models in use or of unknown use), or leave it out',
    );
  }
  const list = (field: string) => listOf(route[field] ?? [], `${key}.${field}`);
  return {
    name,
    minSeverity: severity,
    inUse: inUse === true,
    accounts: [...new Set(list('accounts').map((id) => parseAccountId(id, `${key}.accounts`)))],
    modelIdPrefixes: parseWatchModels(route.modelIdPrefixes ?? [], `${key}.modelIdPrefixes`),
    emails: parseEmails(route.emails ?? [], `${key}.emails`),
    slackChannelIds: list('slackChannelIds'),
    teamsChannelIds: list('teamsChannelIds'),
  };
}

/** Parses `routes`; names must stay distinct once stripped to letters and digits (their outputs). */
export function parseRoutes(value: unknown, key = 'routes'): RouteSettings[] {
  if (value === undefined || value === '') return [];
  const routes = routeList(value, key).map((route, i) => parseRoute(route, `${key}[${i}]`));
  const seen = new Map<string, string>();
  for (const route of routes) {
    const output = routeOutputName(route.name).toLowerCase();
    const earlier = seen.get(output);
    if (earlier !== undefined) {
      throw new SettingError(
        key,
        route.name,
        `the name is taken: "${earlier}" has the same letters and digits, and each route has an output RouteTopic${routeOutputName(route.name)}`,
      );
    }
    seen.set(output, route.name);
  }
  return routes;
}

/** A rule as `parseRoutes` reads it, its defaults left out: what the function's environment carries. */
export const ruleJson = ({ name, minSeverity, inUse, accounts, modelIdPrefixes }: RouteRule) => ({
  name,
  ...(minSeverity === 'info' ? {} : { minSeverity }),
  ...(inUse ? { inUse } : {}),
  ...(accounts.length > 0 ? { accounts } : {}),
  ...(modelIdPrefixes.length > 0 ? { modelIdPrefixes } : {}),
});

/** The rules alone, without the destinations. */
export const routeRules = (routes: readonly RouteRule[]): RouteRule[] =>
  routes.map(({ name, minSeverity, inUse, accounts, modelIdPrefixes }) => ({
    name,
    minSeverity,
    inUse,
    accounts,
    modelIdPrefixes,
  }));
