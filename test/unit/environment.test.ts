import { describe, expect, it } from 'vitest';
import { readEnvironment, toEnvironment } from '../../contract/environment';

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
    });
  });

  it('reads back exactly what toEnvironment wrote, with the function’s own region', () => {
    const { awsRegion, ...settings } = readEnvironment(ENV);
    expect(readEnvironment({ ...toEnvironment(settings), AWS_REGION: awsRegion })).toEqual({
      ...settings,
      awsRegion,
    });
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
