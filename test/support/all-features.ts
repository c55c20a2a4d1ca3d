import type { BedrockLifecycleMonitorProps } from '../../lib/bedrock-lifecycle-monitor';

export const TENANT_ID = '2f8a0c1e-3b4d-4e5f-8a9b-0c1d2e3f4a5b';
export const TEAM_ID = '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a';

/** Every optional feature on: what the strictest checks should see. */
export const ALL_FEATURES: BedrockLifecycleMonitorProps = {
  regions: ['us-east-1', 'us-west-2'],
  alertEmails: ['ops@example.com', 'ml@example.com'],
  deadlineDays: [60, 7],
  slackWorkspaceId: 'T0123ABCD',
  slackChannelIds: ['C0123ABCD', 'C0456EFGH'],
  teamsTenantId: TENANT_ID,
  teamsTeamId: TEAM_ID,
  teamsChannelIds: ['19:a1b2c3d4e5@thread.tacv2'],
  slackWebhookSecretName: 'bedrock-lifecycle/slack-webhook',
  alertOn: 'used',
  usageLookbackDays: 30,
  watchModels: ['anthropic.claude-3-7', 'us.meta.llama3-2-90b-instruct-v1:0'],
  usageAccounts: 'organization',
  usageOrganizationalUnits: ['ou-ab12-cdef3456'],
  routes: [
    {
      name: 'pager',
      minSeverity: 'critical',
      emails: ['oncall@example.com'],
      slackChannelIds: ['C0789IJKL'],
      teamsChannelIds: ['19:f6e5d4c3b2@thread.tacv2'],
    },
    { name: 'team-b', inUse: true, accounts: ['222222222222'], modelIdPrefixes: ['anthropic.'] },
  ],
};
