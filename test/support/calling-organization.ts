import { credentialsOf, putBedrockMetrics } from '../../lab/bedrock-metrics';
import { CATALOG } from '../../lab/fixtures/catalog';
import { createOrganization, type LabAccount } from '../../lab/organization';
import { StandInTenant } from '../../lab/stand-in-tenant';

export const SONNET_37 = 'anthropic.claude-3-7-sonnet-20250219-v1:0';

/** An organization whose accounts call Claude 3.7 Sonnet, and a Bedrock stand-in tenant each. */
export interface CallingOrganization {
  readonly teamA: LabAccount;
  readonly teamB: LabAccount;
  readonly idle: LabAccount;
  /** The member accounts' stand-in tenants, in that order: their request logs. */
  readonly tenants: readonly StandInTenant[];
  /** Moves every member account's catalog to `time`. */
  at(time: string): Promise<void>;
}

/**
 * In a moto of the test's own: an organization with team-a, which calls Claude 3.7 Sonnet through
 * its US profile from us-east-1 (reaching us-east-1 and us-west-2), team-b, which calls it
 * directly in us-west-2, and idle, which calls nothing.
 */
export async function callingOrganization(
  motoUrl: string,
  standInUrl: string,
  time: string,
): Promise<CallingOrganization> {
  const [teamA, teamB, idle] = (await createOrganization(motoUrl, ['team-a', 'team-b', 'idle'])) as [
    LabAccount,
    LabAccount,
    LabAccount,
  ];
  await putBedrockMetrics(
    motoUrl,
    'us-east-1',
    [{ modelId: `us.${SONNET_37}`, calls: 12_000, at: '2026-04-18T00:00:00Z' }],
    await credentialsOf(motoUrl, teamA.id),
  );
  await putBedrockMetrics(
    motoUrl,
    'us-west-2',
    [{ modelId: SONNET_37, calls: 300, at: '2026-04-19T00:00:00Z' }],
    await credentialsOf(motoUrl, teamB.id),
  );
  const tenants = await Promise.all(
    [teamA, teamB, idle].map(async (account) => {
      const tenant = new StandInTenant(standInUrl, account.name);
      await tenant.set({ time, models: CATALOG, account: { id: account.id, stsUrl: motoUrl } });
      return tenant;
    }),
  );
  return {
    teamA,
    teamB,
    idle,
    tenants,
    at: async (t) => {
      await Promise.all(tenants.map((tenant) => tenant.at(t)));
    },
  };
}
