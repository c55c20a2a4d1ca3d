import { Aws } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import {
  defaultUsageRoleName,
  globalRegionOf,
  monitorRoleName,
  parseDeadlineDays,
  parseEmails,
  parseOrganizationalUnits,
  parseRegion,
  parseRegions,
  parseRoleName,
  parseStackName,
  parseStackSetCaller,
  parseUsageAccounts,
} from '../../contract/settings';

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
    [
      'a bad stack name',
      () => parseStackName('1 stack'),
      'Invalid stackName "1 stack": expected letters, digits and hyphens, starting with a letter',
    ],
  ])('rejects %s with one line naming the key and the value', (_name, parse, message) => {
    expect(parse).toThrow(message);
  });
});

describe('usage across accounts settings', () => {
  it('reads the own account, the organization, or account ids', () => {
    expect(parseUsageAccounts('')).toBe('own');
    expect(parseUsageAccounts(' organization ')).toBe('organization');
    expect(parseUsageAccounts('111111111111, 222222222222,111111111111')).toEqual([
      '111111111111',
      '222222222222',
    ]);
    expect(parseOrganizationalUnits('ou-ab12-cdef3456, r-ab12')).toEqual(['ou-ab12-cdef3456', 'r-ab12']);
    expect(monitorRoleName('BedrockLifecycleMonitor', 'eu-west-1')).toBe(
      'BedrockLifecycleMonitor-Monitor-eu-west-1',
    );
    expect(defaultUsageRoleName('BedrockLifecycleMonitor', 'eu-west-1')).toBe(
      'BedrockLifecycleMonitor-Reader-eu-west-1',
    );
    expect(globalRegionOf('ap-southeast-7')).toBe('us-east-1');
    expect(globalRegionOf('us-gov-east-1')).toBe('us-gov-west-1');
    expect(globalRegionOf('cn-northwest-1')).toBe('cn-north-1');
  });

  it.each([
    [
      'an 11-digit account',
      () => parseUsageAccounts('111111111111,22222222222'),
      'Invalid usageAccounts "111111111111,22222222222": "22222222222" is not a 12-digit account id (or use "organization")',
    ],
    [
      'an account alias',
      () => parseUsageAccounts('team-a'),
      'Invalid usageAccounts "team-a": "team-a" is not a 12-digit account id (or use "organization")',
    ],
    [
      'a role name with a slash',
      () => parseRoleName('team/reader'),
      'Invalid usageRoleName "team/reader": expected an IAM role name: at most 64 letters, digits and +=,.@_-',
    ],
    [
      'an account id for an organizational unit',
      () => parseOrganizationalUnits('111111111111'),
      'Invalid usageOrganizationalUnits "111111111111": "111111111111" is not an organizational unit id (ou-…) or root id (r-…)',
    ],
    [
      'an unknown StackSet caller',
      () => parseStackSetCaller('ADMIN'),
      'Invalid usageStackSetCallAs "ADMIN": expected SELF or DELEGATED_ADMIN',
    ],
    [
      'a stack name too long to name the function role after, with its region',
      () => monitorRoleName('A'.repeat(47), 'us-east-1'),
      `Invalid stackName "${'A'.repeat(47)}": at most 46 characters when usageAccounts is set: the monitor role is named <stack name>-Monitor-<region> within IAM's 64`,
    ],
    [
      'a stack name that leaves no room for the longest region, when the region is known only at deploy time',
      () => defaultUsageRoleName('A'.repeat(43), Aws.REGION),
      `Invalid stackName "${'A'.repeat(43)}": at most 42 characters when usageAccounts is set: the reader role is named <stack name>-Reader-<region>`,
    ],
    [
      'a StackSet region that is not a region',
      () => parseRegion('us-east', 'usageStackSetRegion'),
      'Invalid usageStackSetRegion "us-east": expected an AWS region name like us-east-1',
    ],
  ])('rejects %s with one line naming the key', (_what, parse, message) => {
    expect(parse).toThrow(message);
  });
});
