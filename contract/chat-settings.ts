import { SettingError } from './setting-error';

/**
 * Validation of the chat settings, with the patterns AWS Chatbot's API enforces, so a typo fails
 * `cdk synth` with the key's name instead of a CloudFormation rollback.
 */

const SLACK_WORKSPACE = /^[0-9A-Z]{1,255}$/;
const SLACK_CHANNEL = /^[A-Za-z0-9]{1,255}$/;
const GUID = /^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$/;
const TEAMS_CHANNEL = /^[a-zA-Z0-9-_=+/.,]*%3[aA][a-zA-Z0-9-_=+/.,]*%40[a-zA-Z0-9-_=+/.,]*$/;
const SECRET_NAME = /^[A-Za-z0-9/_+=.@-]{1,512}$/;

export interface SlackTarget {
  readonly workspaceId: string;
  readonly channelIds: readonly string[];
}

export interface TeamsTarget {
  readonly tenantId: string;
  readonly teamId: string;
  readonly channelIds: readonly string[];
}

function checked(
  key: string,
  values: readonly string[],
  pattern: RegExp,
  example: string,
): readonly string[] {
  const bad = values.find((value) => !pattern.test(value));
  if (bad !== undefined)
    throw new SettingError(key, values.join(','), `"${bad}" does not look like ${example}`);
  return values;
}

/** Both keys or neither: a workspace needs channels to post to, and channels need their workspace. */
export function slackTarget(
  workspaceId: string | undefined,
  channelIds: readonly string[],
): SlackTarget | undefined {
  if (workspaceId === undefined && channelIds.length === 0) return undefined;
  if (workspaceId === undefined) {
    throw new SettingError('slackWorkspaceId', '', 'set it too when slackChannelIds is set');
  }
  if (channelIds.length === 0) throw new SettingError('slackChannelIds', '', 'name at least one channel ID');
  checked('slackWorkspaceId', [workspaceId], SLACK_WORKSPACE, 'a Slack workspace ID such as T0123ABCD');
  return {
    workspaceId,
    channelIds: checked('slackChannelIds', channelIds, SLACK_CHANNEL, 'a Slack channel ID such as C0123ABCD'),
  };
}

/**
 * All three Teams keys or none. A channel ID may be given as copied from the Teams channel link
 * ("19:…@thread.tacv2") or URL-encoded, as AWS Chatbot stores it ("19%3a…%40thread.tacv2").
 */
export function teamsTarget(
  tenantId: string | undefined,
  teamId: string | undefined,
  channelIds: readonly string[],
): TeamsTarget | undefined {
  if (tenantId === undefined && teamId === undefined && channelIds.length === 0) return undefined;
  if (tenantId === undefined)
    throw new SettingError('teamsTenantId', '', 'set it together with teamsTeamId and teamsChannelIds');
  if (teamId === undefined)
    throw new SettingError('teamsTeamId', '', 'set it together with teamsTenantId and teamsChannelIds');
  if (channelIds.length === 0) throw new SettingError('teamsChannelIds', '', 'name at least one channel ID');
  checked('teamsTenantId', [tenantId], GUID, 'a tenant ID (a GUID)');
  checked('teamsTeamId', [teamId], GUID, 'a team ID (a GUID)');
  // One spelling per channel (`%3a` and `%3A` are the same channel), so that each is configured once.
  const encoded = [...new Set(channelIds.map((id) => encodeURIComponent(decoded(id))))];
  return {
    tenantId,
    teamId,
    channelIds: checked(
      'teamsChannelIds',
      encoded,
      TEAMS_CHANNEL,
      'a Teams channel ID such as 19:abc@thread.tacv2',
    ),
  };
}

/** A channel id as copied from its link; an id that is not valid percent-encoding is taken as it is. */
function decoded(id: string): string {
  try {
    return decodeURIComponent(id);
  } catch {
    return id;
  }
}

export function webhookSecretName(name: string | undefined): string | undefined {
  if (name === undefined) return undefined;
  return checked('slackWebhookSecretName', [name], SECRET_NAME, 'a Secrets Manager secret name')[0];
}
