import { describe, expect, it } from 'vitest';
import { parseDeadlineDays, parseEmails, parseRegions } from '../../lambda/domain/settings';
import { configFromContext, parseSchedule } from '../../lib/config';

describe('settings', () => {
  it('parses comma-separated lists, trimming and de-duplicating', () => {
    expect(parseRegions(' us-east-1, us-west-2 ,us-east-1')).toEqual(['us-east-1', 'us-west-2']);
    expect(parseRegions(['eu-central-1', 'us-gov-west-1', 'ap-southeast-7'])).toEqual([
      'eu-central-1',
      'us-gov-west-1',
      'ap-southeast-7',
    ]);
    expect(parseDeadlineDays('7, 90,30,7')).toEqual([90, 30, 7]);
    expect(parseEmails('ops@example.com, Team.Lead+bedrock@example.co.uk')).toEqual([
      'ops@example.com',
      'Team.Lead+bedrock@example.co.uk',
    ]);
    expect(parseEmails('')).toEqual([]);
  });

  it.each([
    [
      'an empty region list',
      () => parseRegions(''),
      'Invalid regions "": name at least one region, e.g. us-east-1',
    ],
    [
      'a misspelt region',
      () => parseRegions('us-east-1,us-esat1'),
      'Invalid regions "us-east-1,us-esat1": "us-esat1" is not an AWS region name like us-east-1',
    ],
    [
      'a region in capitals',
      () => parseRegions('US-EAST-1'),
      'Invalid regions "US-EAST-1": "US-EAST-1" is not an AWS region name like us-east-1',
    ],
    [
      'deadlineDays=abc',
      () => parseDeadlineDays('abc'),
      'Invalid deadlineDays "abc": "abc" is not a whole number of days',
    ],
    [
      'a negative threshold',
      () => parseDeadlineDays('30,-7'),
      'Invalid deadlineDays "30,-7": "-7" is not a whole number of days',
    ],
    ['a zero threshold', () => parseDeadlineDays('0'), 'Invalid deadlineDays "0": 0 is outside 1..3650 days'],
    [
      'an empty threshold list',
      () => parseDeadlineDays(' , '),
      'Invalid deadlineDays " , ": name at least one number of days, e.g. 30,7,1',
    ],
    [
      'a malformed email',
      () => parseEmails('ops@example.com,ops.example.com'),
      'Invalid alertEmails "ops@example.com,ops.example.com": "ops.example.com" is not an email address',
    ],
    ['a non-list value', () => parseRegions(42), 'Invalid regions 42: expected a comma-separated list'],
  ])('rejects %s with one line naming the key and the value', (_name, parse, message) => {
    expect(parse).toThrow(message);
  });
});

describe('parseSchedule', () => {
  it.each([
    ['rate(6 hours)', 'rate(6 hours)'],
    ['rate(1 day)', 'rate(1 day)'],
    ['rate(30 minutes)', 'rate(30 minutes)'],
    ['cron(0 */6 * * ? *)', 'cron(0 */6 * * ? *)'],
  ])('accepts %s', (input, expression) => {
    expect(parseSchedule(input).expressionString).toBe(expression);
  });

  it.each([
    ['every 6 hours', 'expected "rate(6 hours)" or a six-field "cron(0 */6 * * ? *)"'],
    ['rate(6 hour)', 'write "rate(1 hour)" for one unit, plural otherwise'],
    ['rate(1 hours)', 'write "rate(1 hour)" for one unit, plural otherwise'],
    ['rate(0 minutes)', 'the rate must be at least 1'],
    ['cron(0 6 * * ?)', 'expected "rate(6 hours)" or a six-field "cron(0 */6 * * ? *)"'],
  ])('rejects the malformed schedule %s', (input, reason) => {
    expect(() => parseSchedule(input)).toThrow(`Invalid schedule ${JSON.stringify(input)}: ${reason}`);
  });
});

describe('configFromContext', () => {
  const context = (values: Record<string, unknown>) => (key: string) => values[key];

  it('leaves absent keys to the construct defaults', () => {
    expect(configFromContext(context({}))).toEqual({ stackName: 'BedrockLifecycleMonitor', monitor: {} });
  });

  it('parses every key it is given', () => {
    const config = configFromContext(
      context({
        stackName: 'Lifecycle',
        regions: 'us-east-1,eu-west-1',
        schedule: 'rate(1 day)',
        deadlineDays: '30,7',
        alertEmails: 'ops@example.com',
      }),
    );
    expect(config.stackName).toBe('Lifecycle');
    expect(config.monitor.regions).toEqual(['us-east-1', 'eu-west-1']);
    expect(config.monitor.schedule?.expressionString).toBe('rate(1 day)');
    expect(config.monitor.deadlineDays).toEqual([30, 7]);
    expect(config.monitor.alertEmails).toEqual(['ops@example.com']);
  });

  it('rejects an empty region list given explicitly, rather than falling back to the default', () => {
    expect(() => configFromContext(context({ regions: '' }))).toThrow('Invalid regions ""');
  });

  it('rejects a bad stack name', () => {
    expect(() => configFromContext(context({ stackName: '1 stack' }))).toThrow('Invalid stackName "1 stack"');
  });
});
