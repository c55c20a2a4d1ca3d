import type { RouteRule } from '../../contract/routes';
import { bySeverity, type LifecycleEvent } from './events';
import { watched } from './usage';

/**
 * Accounts whose usage a run could not read: `all` when even the list of accounts could not be
 * had. A route for such an account cannot rule out that it calls a model.
 */
export type UnreadAccounts = readonly string[] | 'all';

/**
 * Whether an event concerns a route: severe enough, about one of its models, and, when the route
 * asks, about a model in use (or of unknown use) by one of its accounts. Where usage is unknown, or
 * one of the route's accounts could not be read, the route gets the event: a route that goes
 * silent on a model its team calls is the failure to avoid. An AWS Health notice concerns the
 * account it names, too.
 */
export function routeMatches(route: RouteRule, event: LifecycleEvent, unread: UnreadAccounts): boolean {
  if (bySeverity(event.severity, route.minSeverity) > 0) return false;
  if (route.modelIdPrefixes.length > 0 && !watched(route.modelIdPrefixes, event.modelId)) return false;
  if (route.inUse && event.inUse === false) return false;
  if (route.accounts.length === 0 || event.inUse === null) return true;
  // An AWS Health notice names the account it concerns (a member's, through organizational view).
  if (event.notice?.account && route.accounts.includes(event.notice.account)) return true;
  const mayCall = (accountId: string) =>
    unread === 'all' ||
    unread.includes(accountId) ||
    (event.accounts ?? []).some((calls) => calls.accountId === accountId);
  return route.accounts.some(mayCall);
}
