import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { GetRoleCommand, IAMClient, ListRolePoliciesCommand } from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { credentialsOf } from '../../lab/bedrock-metrics';
import { monitorBundle } from '../../lab/bundled-handler';
import { AWS_ERRORS, GET_METRIC_DATA } from '../../lab/fault-proxy';
import { deployUsageReaderToMoto } from '../../lab/local-deploy';
import { type MonitorLab, monitorLab } from '../../lab/monitor-lab';
import { motoClientConfig, type RunningMoto, startMoto } from '../../lab/moto';
import type { ReceivedAlert } from '../../lab/moto-resources';
import type { LifecycleEvent } from '../../lambda/domain/events';
import { type CallingOrganization, callingOrganization, SONNET_37 } from '../support/calling-organization';

/**
 * An organization end to end: the bundled handler (the asset `cdk deploy` uploads) runs in the
 * management account of a moto of its own, lists the organization, assumes the reader role in each
 * member account, and publishes to the alert topic and to each route's topic, whose SQS
 * subscribers are read.
 */

const REGIONS = ['us-east-1', 'us-west-2'];
/** A week before Claude 3.7 Sonnet's end of life, and the run before it. */
const BEFORE = '2026-04-14T08:00:00Z';
const NOW = '2026-04-21T08:00:00Z';
const LATER = '2026-04-21T14:00:00Z';
const MANAGEMENT = '123456789012';

const eventsOf = (messages: readonly ReceivedAlert[]) =>
  messages.flatMap((m) => m.body.events as unknown as LifecycleEvent[]);

let bundle: string;
let moto: RunningMoto;
let org: CallingOrganization;
const open: MonitorLab[] = [];

beforeAll(async () => {
  bundle = monitorBundle();
  moto = await startMoto();
  org = await callingOrganization(moto.url, inject('standInUrl'), BEFORE);
}, 120_000);

afterAll(async () => {
  await Promise.all(open.map((l) => l.close()));
  await moto?.stop();
});

/** The monitor with two routes: team-b's changes, and critical alerts for a pager. */
async function organizationLab() {
  const monitorId = `Org${open.length}`;
  const lab = await monitorLab(bundle, {
    motoUrl: moto.url,
    standInUrl: inject('standInUrl'),
    regions: REGIONS,
    time: BEFORE,
    monitorId,
    usageAccounts: 'organization',
    routes: [
      { name: 'team-b', minSeverity: 'info', inUse: false, accounts: [org.teamB.id], modelIdPrefixes: [] },
      { name: 'pager', minSeverity: 'critical', inUse: false, accounts: [], modelIdPrefixes: [] },
    ],
  });
  open.push(lab);
  const invoke = async (time: string) => {
    await org.at(time);
    return lab.invoke(time);
  };
  expect((await invoke(BEFORE)).ok).toBe(true);
  lab.received.length = 0;
  for (const messages of lab.routeReceived.values()) messages.length = 0;
  lab.proxy.resetCounts();
  return { ...lab, invoke, monitorId };
}

describe('a monitor of an organization', () => {
  it('names the accounts that call each model and sends each route the changes that match it', async () => {
    const lab = await organizationLab();
    expect((await lab.invoke(NOW)).ok).toBe(true);

    // The alert topic gets every change, with the accounts behind the calls.
    const sonnet = eventsOf(lab.received).filter((e) => e.modelId === SONNET_37);
    expect(
      sonnet.map((e) => [e.region, e.inUse, e.invocations, e.accounts?.map((a) => a.accountName)]),
    ).toEqual([
      ['us-east-1', true, 12_000, ['team-a']],
      ['us-west-2', true, 12_300, ['team-a', 'team-b']],
    ]);
    const critical = lab.received.find((m) => m.attributes.severity?.Value === 'critical');
    expect(JSON.parse(critical?.attributes.accountIds?.Value ?? '[]')).toEqual(
      [org.teamA.id, org.teamB.id].sort(),
    );
    expect(eventsOf(lab.received).filter((e) => e.modelId !== SONNET_37).length).toBeGreaterThan(0);

    // team-b's route: only the change to the model team-b calls, in the region it calls it.
    const teamBRoute = lab.routeReceived.get('team-b') ?? [];
    expect(eventsOf(teamBRoute).map((e) => [e.modelId, e.region])).toEqual([[SONNET_37, 'us-west-2']]);
    expect(teamBRoute.map((m) => m.subject)).toEqual([
      '[CRITICAL] IN USE - Claude 3.7 Sonnet (us-west-2) reaches EOL in 7 days (12,300 calls / 14 d)',
    ]);

    // The pager's route: the critical message alone, whole.
    const pager = lab.routeReceived.get('pager') ?? [];
    expect(pager.map((m) => m.attributes.severity?.Value)).toEqual(['critical']);
    expect(eventsOf(pager)).toEqual(eventsOf([critical as ReceivedAlert]));
    expect(lab.received.map((m) => m.attributes.severity?.Value)).toContain('warning');

    // On the wire: the organization listed once, one AssumeRole per member account (the
    // management account reads its own), one GetMetricData per account and region.
    expect(lab.proxy.count('AWSOrganizationsV20161128.ListAccounts')).toBe(1);
    expect(lab.proxy.count('STS.AssumeRole')).toBe(3);
    expect(lab.proxy.count(GET_METRIC_DATA)).toBe(4 * REGIONS.length);
  });

  it("sends a route's message the next run when its publish failed, once, and the alert topic's at once", async () => {
    const lab = await organizationLab();
    // The pager topic's first Publish fails, with an error the SDK does not retry (its ARN is in
    // the request's body).
    lab.proxy.inject({ ...AWS_ERRORS.snsKmsAccessDenied(), when: `${lab.monitorId}-route-pager` }, 1);
    const failed = await lab.invoke(NOW);
    expect(failed.ok).toBe(false);
    expect(failed.error?.message).toMatch(/1 alert\(s\) could not be published and stay pending/);
    expect(lab.received.map((m) => m.attributes.severity?.Value)).toContain('critical');
    expect(lab.routeReceived.get('pager')).toEqual([]);
    expect(lab.routeReceived.get('team-b')).toHaveLength(1);

    expect((await lab.invoke(LATER)).ok).toBe(true);
    expect((await lab.invoke('2026-04-21T20:00:00Z')).ok).toBe(true);
    const pager = lab.routeReceived.get('pager') ?? [];
    expect(pager.map((m) => [m.attributes.severity?.Value, m.body.observedAt])).toEqual([
      ['critical', new Date(NOW).toISOString()],
    ]);
    expect(lab.routeReceived.get('team-b')).toHaveLength(1);
  });

  it("sends a team's route every change of unknown use when the team's account cannot be read", async () => {
    const lab = await organizationLab();
    lab.proxy.inject(AWS_ERRORS.stsAccessDenied(org.teamB.id), -1);
    expect((await lab.invoke(NOW)).ok).toBe(true);
    const all = eventsOf(lab.received);
    const teamBRoute = eventsOf(lab.routeReceived.get('team-b') ?? []);
    // Every event might be team-b's: Claude 3.7 Sonnet is in use (team-a), the rest unknown.
    expect(teamBRoute.map((e) => e.eventId).sort()).toEqual(all.map((e) => e.eventId).sort());
    expect(all.filter((e) => e.modelId !== SONNET_37).every((e) => e.inUse === null)).toBe(true);
  });

  it('deploys the reader role into a member account with `cdk deploy BedrockLifecycleUsageReader`, no bootstrap there', async () => {
    const member = { accountId: org.idle.id, credentials: await credentialsOf(moto.url, org.idle.id) };
    const outputs = await deployUsageReaderToMoto(moto.url, member, {
      monitorAccount: MANAGEMENT,
      stackName: 'Org0',
    });
    expect(outputs.RoleArn).toBe(`arn:aws:iam::${org.idle.id}:role/Org0-Reader-us-east-1`);
    // The member's stack is named after the monitor, so another monitor's reader is a stack of its own.
    const { Stacks = [] } = await new CloudFormationClient({
      ...motoClientConfig(moto.url),
      credentials: member.credentials,
    }).send(new DescribeStacksCommand({ StackName: 'Org0-UsageReader-us-east-1' }));
    expect(Stacks[0]?.StackStatus).toBe('CREATE_COMPLETE');
    const iam = new IAMClient({ ...motoClientConfig(moto.url), credentials: member.credentials });
    const { Role } = await iam.send(new GetRoleCommand({ RoleName: 'Org0-Reader-us-east-1' }));
    const trust = JSON.parse(decodeURIComponent(Role?.AssumeRolePolicyDocument ?? '{}'));
    expect(trust.Statement).toEqual([
      {
        Action: 'sts:AssumeRole',
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${MANAGEMENT}:root` },
        Condition: {
          ArnEquals: { 'aws:PrincipalArn': `arn:aws:iam::${MANAGEMENT}:role/Org0-Monitor-us-east-1` },
          StringEquals: { 'sts:ExternalId': 'Org0' },
        },
      },
    ]);
    const { PolicyNames } = await iam.send(
      new ListRolePoliciesCommand({ RoleName: 'Org0-Reader-us-east-1' }),
    );
    expect(PolicyNames).toEqual(['ReadBedrockUsage']);
  }, 240_000);
});
