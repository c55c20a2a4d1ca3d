import { describe, expect, it } from 'vitest';
import {
  checkEnvironmentFits,
  environmentBytes,
  readEnvironment,
  toEnvironment,
} from '../../contract/environment';
import { MAX_REGIONS } from '../../contract/settings';

const ENV = {
  TABLE_NAME: 'History',
  TOPIC_ARN: 'arn:aws:sns:us-east-1:123456789012:Alerts',
  MONITOR_REGIONS: 'us-east-1,eu-west-1',
  DEADLINE_DAYS: '30,7',
  AWS_REGION: 'us-east-1',
  MONITOR_ID: 'BedrockLifecycleMonitor',
  ALERT_ON: 'used',
  USAGE_LOOKBACK_DAYS: '30',
  WATCH_MODELS: 'anthropic.claude-3-7, us.meta.llama3-2-90b-instruct-v1:0',
};

describe('readEnvironment', () => {
  it('reads and parses the function environment', () => {
    expect(readEnvironment(ENV)).toEqual({
      tableName: 'History',
      topicArn: 'arn:aws:sns:us-east-1:123456789012:Alerts',
      regions: ['us-east-1', 'eu-west-1'],
      deadlineDays: [30, 7],
      awsRegion: 'us-east-1',
      monitorId: 'BedrockLifecycleMonitor',
      alertOn: 'used',
      usageLookbackDays: 30,
      watchModels: ['anthropic.claude-3-7', 'us.meta.llama3-2-90b-instruct-v1:0'],
      usageAccounts: 'own',
      usageRoleName: '',
      usageOrganizationalUnits: [],
      accountId: '123456789012',
      partition: 'aws',
      routes: [],
      eventBus: 'none',
      modelPrices: [],
    });
  });

  it.each([
    ['organization', 'organization'],
    ['111111111111, 222222222222', ['111111111111', '222222222222']],
  ])('reads usage accounts %j with the role to assume in them', (accounts, expected) => {
    const config = readEnvironment({ ...ENV, USAGE_ACCOUNTS: accounts, USAGE_ROLE_NAME: 'TeamUsageReader' });
    expect([config.usageAccounts, config.usageRoleName]).toEqual([expected, 'TeamUsageReader']);
  });

  it('rejects a topic ARN it cannot take the account and partition from', () => {
    expect(() => readEnvironment({ ...ENV, TOPIC_ARN: 'Alerts' })).toThrow(
      'Invalid TOPIC_ARN "Alerts": expected an SNS topic ARN',
    );
  });

  it('reads back exactly what toEnvironment wrote, with the function’s own region', () => {
    const { awsRegion, accountId, partition, ...settings } = readEnvironment(ENV);
    const routes = [
      { name: 'team-b', minSeverity: 'info', inUse: true, accounts: ['222222222222'], modelIdPrefixes: [] },
      { name: 'pager', minSeverity: 'critical', inUse: false, accounts: [], modelIdPrefixes: ['anthropic.'] },
    ] as const;
    for (const [usageAccounts, usageRoleName, usageOrganizationalUnits] of [
      ['own', '', []],
      ['organization', 'Monitor-Reader-us-east-1', ['ou-ab12-cdef3456', 'r-ab12']],
      [['111111111111'], 'TeamReader', []],
    ] as const) {
      const written = {
        ...settings,
        usageAccounts,
        usageRoleName,
        usageOrganizationalUnits,
        routes,
        eventBus: 'default',
        modelPrices: [
          {
            model: 'anthropic.claude-3-5-sonnet',
            input: 3,
            output: 15,
            extendedInput: 6,
            extendedOutput: 30,
          },
          { model: 'us.amazon.nova-pro', region: 'us-east-1', input: 0.8, output: 3.2 },
        ],
      };
      expect(readEnvironment({ ...toEnvironment(written), AWS_REGION: awsRegion })).toEqual({
        ...written,
        awsRegion,
        accountId,
        partition,
      });
    }
  });

  it('leaves an empty watch list out of the environment', () => {
    const settings = { ...readEnvironment(ENV), watchModels: [] };
    expect(Object.keys(toEnvironment(settings))).not.toContain('WATCH_MODELS');
    expect(toEnvironment(settings).DEADLINE_DAYS).toBe('30,7');
  });

  it('reads an unset watch list as empty', () => {
    expect(readEnvironment({ ...ENV, WATCH_MODELS: undefined }).watchModels).toEqual([]);
  });

  it.each([
    [
      'a missing table name',
      { TABLE_NAME: undefined },
      'Invalid TABLE_NAME "": this environment variable must be set',
    ],
    ['a blank topic', { TOPIC_ARN: ' ' }, 'Invalid TOPIC_ARN " ": this environment variable must be set'],
    [
      'a bad region',
      { MONITOR_REGIONS: 'us-east-1,moon' },
      'Invalid MONITOR_REGIONS "us-east-1,moon": "moon" is not an AWS region name',
    ],
    [
      'bad thresholds',
      { DEADLINE_DAYS: '7,x' },
      'Invalid DEADLINE_DAYS "7,x": "x" is not a whole number of days',
    ],
    ['an unknown alertOn', { ALERT_ON: 'some' }, 'Invalid ALERT_ON "some": expected all or used'],
    [
      'no lookback',
      { USAGE_LOOKBACK_DAYS: undefined },
      'Invalid USAGE_LOOKBACK_DAYS "": this environment variable must be set',
    ],
    [
      'a lookback of 0 days',
      { USAGE_LOOKBACK_DAYS: '0' },
      'Invalid USAGE_LOOKBACK_DAYS "0": 0 is outside 1..455 days',
    ],
    [
      'a watch list entry with a space',
      { WATCH_MODELS: 'anthropic.claude 3' },
      'Invalid WATCH_MODELS "anthropic.claude 3": "anthropic.claude 3" is not a model id',
    ],
  ])('rejects %s with a message naming the variable', (_name, change, message) => {
    expect(() => readEnvironment({ ...ENV, ...change })).toThrow(message);
  });
});

describe('checkEnvironmentFits', () => {
  const settings = readEnvironment(ENV);

  it('accepts the documented maximum of regions with every other setting at a realistic size', () => {
    const regions = Array.from({ length: MAX_REGIONS }, (_, i) => `ap-southeast-${i}`);
    expect(() => checkEnvironmentFits(toEnvironment({ ...settings, regions }))).not.toThrow();
  });

  it('rejects an environment over 4 KB, naming the setting that takes the most room', () => {
    const watchModels = Array.from({ length: 120 }, (_, i) => `vendor.model-${i}-with-a-long-name-v1:0`);
    expect(() => checkEnvironmentFits(toEnvironment({ ...settings, watchModels }))).toThrow(
      /^Invalid watchModels: takes 4\d{3} bytes of the function's environment \(WATCH_MODELS\), which would be \d{4} bytes as JSON, over Lambda's 4096-byte limit$/,
    );
    const deadlineDays = Array.from({ length: 1_000 }, (_, i) => i + 1);
    expect(() => checkEnvironmentFits(toEnvironment({ ...settings, deadlineDays }))).toThrow(
      /^Invalid deadlineDays: /,
    );
  });

  it('rejects model prices that overflow the environment, naming modelPrices', () => {
    const modelPrices = Array.from({ length: 60 }, (_, i) => ({
      model: `vendor.model-${i}-with-a-long-name`,
      input: 3,
      output: 15,
      extendedInput: 6,
      extendedOutput: 30,
    }));
    expect(() => checkEnvironmentFits(toEnvironment({ ...settings, modelPrices }))).toThrow(
      /^Invalid modelPrices: takes \d{4} bytes of the function's environment \(MODEL_PRICES\)/,
    );
  });

  it('rejects an environment that fits only while the table name and topic ARN are short, as unresolved tokens are', () => {
    // 3,600 bytes of watch list: under 4 KB with a short table name, over it with the longest one.
    const watchModels = Array.from(
      { length: 100 },
      (_, i) => `vendor.m-${String(i).padStart(3, '0')}-aaaaaaaaaaaaaaaaaaaaaaa`,
    );
    const environment = toEnvironment({
      ...settings,
      tableName: 'T',
      topicArn: 'A',
      watchModels,
    });
    expect(Object.entries(environment).reduce((n, [k, v]) => n + k.length + v.length, 0)).toBeLessThan(4096);
    expect(() => checkEnvironmentFits(environment)).toThrow(/^Invalid watchModels: /);
  });

  it('measures the environment as Lambda does, as JSON with the quotes and escapes of ROUTES', () => {
    // 20 routes with 6 accounts each: 3,825 bytes of names and values, 4,338 as JSON.
    const accounts = Array.from({ length: 6 }, (_, i) => String(111111111111 * (i + 1)).padStart(12, '0'));
    const routes = Array.from({ length: 20 }, (_, i) => ({
      name: `team-${i}`,
      minSeverity: 'warning' as const,
      inUse: false,
      accounts,
      modelIdPrefixes: [],
    }));
    const environment = toEnvironment({ ...settings, usageAccounts: accounts, usageRoleName: 'R', routes });
    const raw = Object.entries({
      ...environment,
      TABLE_NAME: 'x'.repeat(255),
      TOPIC_ARN: 'x'.repeat(330),
    }).reduce((n, [k, v]) => n + k.length + v.length, 0);
    expect(raw).toBeLessThan(4096);
    expect(environmentBytes(environment)).toBeGreaterThan(4096);
    expect(() => checkEnvironmentFits(environment)).toThrow(
      /^Invalid routes: takes 3\d{3} bytes of the function's environment \(ROUTES\), which would be 4\d{3} bytes as JSON, over Lambda's 4096-byte limit$/,
    );
  });

  it('does not quote the value it refuses: the message stays one short line', () => {
    const watchModels = Array.from({ length: 300 }, (_, i) => `vendor.model-${i}`);
    expect(() => checkEnvironmentFits(toEnvironment({ ...settings, watchModels }))).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('vendor.model-') }),
    );
  });
});
