import { SLACK_HOOKS_ORIGIN } from '../lambda/adapters/slack-webhook';

/**
 * A transport for the Slack webhook adapter that sends what is meant for hooks.slack.com to a
 * local server instead (same path), for tests. Anything else goes where it was meant to.
 */
export const routeSlackHooksTo =
  (origin: string): typeof fetch =>
  (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    return fetch(url.origin === SLACK_HOOKS_ORIGIN ? `${origin}${url.pathname}${url.search}` : input, init);
  };
