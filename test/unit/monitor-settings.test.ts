import { describe, expect, it } from 'vitest';
import { parseMonitorSettings } from '../../contract/monitor-settings';

const context = (values: Record<string, unknown>) => (key: string) => values[key];

describe('parseMonitorSettings', () => {
  it('gives every absent key its default, written once in contract/settings', () => {
    expect(parseMonitorSettings(context({}))).toEqual({
      regions: undefined,
      schedule: { expression: 'rate(6 hours)', periodMinutes: 360 },
      deadlineDays: [90, 30, 14, 7, 1],
      alertEmails: [],
      alertOn: 'all',
      usageLookbackDays: 14,
      watchModels: [],
      slack: undefined,
      teams: undefined,
      slackWebhookSecretName: undefined,
      usageAccounts: 'own',
      usageRoleName: undefined,
      usageOrganizationalUnits: [],
      usageStackSetCallAs: 'SELF',
      usageStackSetRegion: undefined,
      routes: [],
      eventBus: 'default',
      modelPrices: [],
    });
  });

  it('parses every key it is given, as CDK context strings', () => {
    const settings = parseMonitorSettings(
      context({
        regions: 'us-east-1,eu-west-1',
        schedule: 'rate(1 day)',
        deadlineDays: '30,7',
        alertEmails: 'ops@example.com',
        alertOn: 'used',
        usageLookbackDays: '30',
        watchModels: 'anthropic.claude-3-7',
        slackWorkspaceId: 'T0123ABCD',
        slackChannelIds: 'C0123ABCD',
        slackWebhookSecretName: 'bedrock-lifecycle/slack',
      }),
    );
    expect(settings.regions).toEqual(['us-east-1', 'eu-west-1']);
    expect(settings.schedule).toEqual({ expression: 'rate(1 day)', periodMinutes: 1440 });
    expect(settings.deadlineDays).toEqual([30, 7]);
    expect(settings.alertEmails).toEqual(['ops@example.com']);
    expect(settings.alertOn).toBe('used');
    expect(settings.usageLookbackDays).toBe(30);
    expect(settings.watchModels).toEqual(['anthropic.claude-3-7']);
    expect(settings.slack).toEqual({ workspaceId: 'T0123ABCD', channelIds: ['C0123ABCD'] });
    expect(settings.slackWebhookSecretName).toBe('bedrock-lifecycle/slack');
  });

  it('rejects an empty region list given explicitly, rather than falling back to the default', () => {
    expect(() => parseMonitorSettings(context({ regions: '' }))).toThrow('Invalid regions ""');
  });

  it('rejects a chat key that is not a string', () => {
    expect(() => parseMonitorSettings(context({ teamsTenantId: 42 }))).toThrow(
      'Invalid teamsTenantId 42: expected a string',
    );
  });

  it('rejects a StackSet of usage reader roles that no run would read', () => {
    expect(() => parseMonitorSettings(context({ usageOrganizationalUnits: 'ou-ab12-cdef3456' }))).toThrow(
      'Invalid usageOrganizationalUnits "ou-ab12-cdef3456": also set usageAccounts (organization, or account ids), or no run reads the roles it deploys',
    );
  });
});
