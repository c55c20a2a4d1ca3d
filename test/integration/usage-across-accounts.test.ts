import {
  CreateOrganizationalUnitCommand,
  ListRootsCommand,
  MoveAccountCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { AWS_ERRORS, type FaultProxy, GET_METRIC_DATA, startFaultProxy } from '../../lab/fault-proxy';
import { motoClientConfig, type RunningMoto, startMoto } from '../../lab/moto';
import { MemberAccounts } from '../../lambda/adapters/member-accounts';
import type { LifecycleEvent } from '../../lambda/domain/events';
import { type CallingOrganization, callingOrganization, SONNET_37 } from '../support/calling-organization';
import { inProcessMonitor } from '../support/in-process-monitor';

const REGIONS = ['us-east-1', 'us-west-2'];
/** A week before Claude 3.7 Sonnet's end of life, and the run before it. */
const BEFORE = '2026-04-14T08:00:00Z';
const NOW = '2026-04-21T08:00:00Z';
const MANAGEMENT = '123456789012';

const eventsOf = (body: Record<string, unknown>) => body.events as LifecycleEvent[];

/**
 * Usage across the accounts of an organization, on moto: Organizations lists the accounts, STS
 * AssumeRole enters each, and CloudWatch keeps each account's metrics apart. Each member account
 * also has its own Bedrock stand-in tenant, reached with the credentials moto issued for it.
 */
describe('usage read across the accounts of an organization', () => {
  let moto: RunningMoto;
  let proxy: FaultProxy;
  let org: CallingOrganization;

  beforeAll(async () => {
    moto = await startMoto();
    proxy = await startFaultProxy(moto.url);
    org = await callingOrganization(moto.url, inject('standInUrl'), BEFORE);
  }, 60_000);
  afterAll(async () => {
    await proxy?.close();
    await moto?.stop();
  });

  /** A monitor in the management account that reads usage across the organization, through the proxy. */
  async function organizationMonitor() {
    const h = await inProcessMonitor({
      regions: REGIONS,
      time: BEFORE,
      cloudWatchUrl: proxy.url,
      accounts: (own) =>
        new MemberAccounts({
          accounts: 'organization',
          organizationalUnits: [],
          ownAccountId: MANAGEMENT,
          partition: 'aws',
          roleName: 'BedrockLifecycleUsageReader',
          externalId: 'BedrockLifecycleMonitor',
          budget: { maxAttempts: 2, attemptTimeoutMs: 2_000, regionTimeoutMs: 5_000 },
          sts: new STSClient({ ...motoClientConfig(proxy.url), maxAttempts: 1 }),
          organizations: new OrganizationsClient({ ...motoClientConfig(proxy.url), maxAttempts: 1 }),
          own,
        }),
    });
    const run = async (time: string) => {
      await org.at(time);
      return h.run(time);
    };
    await run(BEFORE);
    await h.queue.drain();
    proxy.clear();
    proxy.resetCounts();
    return { ...h, run };
  }

  it('names the accounts that call a model, sums their calls, and counts one AssumeRole per member account', async () => {
    const h = await organizationMonitor();
    await Promise.all(org.tenants.map((tenant) => tenant.clearRequests()));
    expect((await h.run(NOW)).outcome).toBe('committed');
    const [critical] = await h.queue.drain();
    const sonnet = eventsOf(critical?.body ?? {}).filter((e) => e.modelId === SONNET_37);
    expect(sonnet.map((e) => [e.region, e.inUse, e.invocations, e.accounts])).toEqual([
      ['us-east-1', true, 12_000, [{ accountId: org.teamA.id, accountName: 'team-a', invocations: 12_000 }]],
      [
        'us-west-2',
        true,
        12_300,
        [
          { accountId: org.teamA.id, accountName: 'team-a', invocations: 12_000 },
          { accountId: org.teamB.id, accountName: 'team-b', invocations: 300 },
        ],
      ],
    ]);
    expect(JSON.parse(critical?.attributes.accountIds?.Value ?? '[]')).toEqual(
      [org.teamA.id, org.teamB.id].sort(),
    );
    expect(critical?.attributes.accountIds?.Type).toBe('String.Array');
    expect(h.metrics.failedAccounts.at(-1)).toEqual([]);

    // On the wire: one account listing, one AssumeRole into each member account (none into the
    // management account, read with the function's own credentials), and one GetMetricData per
    // account and region.
    const seen = proxy.requests();
    expect(seen.filter((r) => r.operation === 'AWSOrganizationsV20161128.ListAccounts')).toHaveLength(1);
    const assumed = seen.filter((r) => r.operation === 'STS.AssumeRole');
    expect(assumed.map((r) => decodeURIComponent(/RoleArn=([^&]+)/.exec(r.body)?.[1] ?? '')).sort()).toEqual(
      [org.teamA, org.teamB, org.idle]
        .map((a) => `arn:aws:iam::${a.id}:role/BedrockLifecycleUsageReader`)
        .sort(),
    );
    expect(assumed.every((r) => r.body.includes('ExternalId=BedrockLifecycleMonitor'))).toBe(true);
    const metricReads = seen.filter((r) => r.operation === GET_METRIC_DATA);
    expect(metricReads).toHaveLength(4 * REGIONS.length);
    expect(new Set(metricReads.map((r) => r.accessKeyId)).size).toBe(4);
    // Each member account's inference profiles, with its own credentials: both types, each region.
    for (const tenant of org.tenants) {
      const paths = (await tenant.requests()).map((r) => r.path);
      expect(paths).toEqual(Array.from({ length: 2 * REGIONS.length }, () => '/inference-profiles'));
    }
  });

  it("makes usage unknown, never 'not in use', when a member account's role cannot be assumed, and says which account", async () => {
    const h = await organizationMonitor();
    proxy.inject(AWS_ERRORS.stsAccessDenied(org.idle.id), -1);
    expect((await h.run(NOW)).outcome).toBe('committed');
    const events = (await h.queue.drain()).flatMap((m) => eventsOf(m.body));
    // team-a's calls still show Claude 3.7 Sonnet in use; any model no known call reaches is
    // unknown, since the idle account might call it.
    const sonnet = events.filter((e) => e.modelId === SONNET_37);
    expect(sonnet.map((e) => [e.inUse, e.accounts?.[0]?.accountName])).toEqual([
      [true, 'team-a'],
      [true, 'team-a'],
    ]);
    const others = events.filter((e) => e.modelId !== SONNET_37);
    expect(others.length).toBeGreaterThan(0);
    expect(others.map((e) => [e.inUse, e.invocations, e.accounts])).toEqual(
      others.map(() => [null, null, null]),
    );
    expect(h.metrics.failedAccounts.at(-1)).toEqual([org.idle.id]);
    expect(h.log.messages('warn')).toContain(
      `Usage unknown in account ${org.idle.id}: it could not be entered or read`,
    );
  });

  it('goes on with usage unknown when the organization cannot be listed, and delivers every alert', async () => {
    const h = await organizationMonitor();
    proxy.inject(AWS_ERRORS.organizationsAccessDenied(), -1);
    const result = await h.run(NOW);
    expect(result.outcome).toBe('committed');
    expect(result.undelivered).toEqual([]);
    const [critical] = await h.queue.drain();
    expect(critical?.attributes.inUse?.Value).toBe('unknown');
    expect(eventsOf(critical?.body ?? {}).every((e) => e.inUse === null && e.accounts === null)).toBe(true);
    expect(h.log.messages('warn')).toContain(
      'Usage unknown in every account: the accounts could not be listed',
    );
    expect(proxy.count('STS.AssumeRole')).toBe(0);
  });

  describe('with the StackSet’s organizational units', () => {
    /** The accounts the adapter lists for `units`, as the monitor in `own` would. */
    const listed = async (units: readonly string[], own: string) => {
      const accounts = new MemberAccounts({
        accounts: 'organization',
        organizationalUnits: units,
        ownAccountId: own,
        partition: 'aws',
        roleName: 'Monitor-Reader-us-east-1',
        externalId: 'Monitor',
        budget: { maxAttempts: 2, attemptTimeoutMs: 2_000, regionTimeoutMs: 5_000 },
        sts: new STSClient(motoClientConfig(moto.url)),
        organizations: new OrganizationsClient(motoClientConfig(moto.url)),
        own: {} as never,
      });
      return (await accounts.list()).map((a) => a.accountName ?? a.accountId);
    };
    let root: string;
    let workloads: string;

    beforeAll(async () => {
      // root ── idle, management
      //  └── Workloads ── team-a
      //        └── Nested ── team-b
      const organizations = new OrganizationsClient(motoClientConfig(moto.url));
      root = (await organizations.send(new ListRootsCommand({}))).Roots?.[0]?.Id ?? '';
      const unit = async (ParentId: string, Name: string) =>
        (await organizations.send(new CreateOrganizationalUnitCommand({ ParentId, Name }))).OrganizationalUnit
          ?.Id ?? '';
      workloads = await unit(root, 'Workloads');
      const nested = await unit(workloads, 'Nested');
      for (const [account, unitId] of [
        [org.teamA.id, workloads],
        [org.teamB.id, nested],
      ] as const) {
        await organizations.send(
          new MoveAccountCommand({ AccountId: account, SourceParentId: root, DestinationParentId: unitId }),
        );
      }
    });

    it('reads exactly the accounts of the units, child units included, and its own account directly', async () => {
      expect(await listed([workloads], MANAGEMENT)).toEqual([MANAGEMENT, 'team-a', 'team-b']);
    });

    it('leaves out the management account under the root, which no StackSet reaches, unless it is the monitor’s', async () => {
      // A monitor in a delegated administrator account (team-a) reading the whole organization.
      expect((await listed([root], org.teamA.id)).sort()).toEqual(['idle', 'team-a', 'team-b']);
      expect((await listed([root], MANAGEMENT)).sort()).toEqual(['idle', 'master', 'team-a', 'team-b']);
    });

    it('reads each account once when the units overlap (the root and a unit below it)', async () => {
      expect((await listed([root, workloads], MANAGEMENT)).sort()).toEqual([
        'idle',
        'master',
        'team-a',
        'team-b',
      ]);
    });
  });
});
