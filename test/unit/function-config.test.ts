import { describe, expect, it } from 'vitest';
import { readConfig } from '../../lambda/config';

const ENV = {
  TABLE_NAME: 'History',
  TOPIC_ARN: 'arn:aws:sns:us-east-1:123456789012:Alerts',
  MONITOR_REGIONS: 'us-east-1,eu-west-1',
  DEADLINE_DAYS: '30,7',
  AWS_REGION: 'us-east-1',
  MONITOR_ID: 'BedrockLifecycleMonitor',
};

describe('readConfig', () => {
  it('reads and parses the function environment', () => {
    expect(readConfig(ENV)).toEqual({
      tableName: 'History',
      topicArn: 'arn:aws:sns:us-east-1:123456789012:Alerts',
      regions: ['us-east-1', 'eu-west-1'],
      deadlineDays: [30, 7],
      awsRegion: 'us-east-1',
      monitorId: 'BedrockLifecycleMonitor',
    });
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
  ])('rejects %s with a message naming the variable', (_name, change, message) => {
    expect(() => readConfig({ ...ENV, ...change })).toThrow(message);
  });
});
