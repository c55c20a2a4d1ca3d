import { credentialsOf, putBedrockMetrics } from '../../lab/bedrock-metrics';
import { CATALOG } from '../../lab/fixtures/catalog';
import { monitorLab } from '../../lab/monitor-lab';
import { startMoto } from '../../lab/moto';
import { createOrganization } from '../../lab/organization';
import { StandInTenant } from '../../lab/stand-in-tenant';
import { median } from '../measured-run';

/** Every AWS and Bedrock call of the run takes this long, member accounts' included. */
export const CALL_LATENCY_MS = 100;
export const MEMBER_ACCOUNTS = 500;
export const ORGANIZATION_REGIONS = ['us-east-1', 'us-west-2', 'eu-central-1', 'eu-west-1'];
/** Accounts that call Claude 3.7 Sonnet, each through its US profile. */
const CALLING_ACCOUNTS = 50;
const SONNET_37 = 'anthropic.claude-3-7-sonnet-20250219-v1:0';
/** A week before Claude 3.7 Sonnet's end of life: a run with changes, so usage is read. */
const BEFORE = '2026-04-14T08:00:00Z';
const QUIET = '2026-04-14T14:00:00Z';
const NOW = '2026-04-21T08:00:00Z';

export interface OrganizationFigure {
  readonly accounts: number;
  readonly regions: number;
  readonly latencyMs: number;
  /** The handler call of a run with changes (usage read in every account) and of a quiet one. */
  readonly changeRunMs: number;
  readonly quietRunMs: number;
  /** From the first ListAccounts request to the last usage read's answer, as the proxies saw them. */
  readonly usagePhaseMs: number;
  /**
   * The median time a usage call took, arrival to answer: the latency set, plus the emulators'
   * queueing under this load.
   */
  readonly usageCallMedianMs: number;
  readonly maxRssBytes: number;
  /** Counted on the wire. */
  readonly listAccountsCalls: number;
  readonly assumeRoleCalls: number;
  readonly listInferenceProfilesCalls: number;
  readonly getMetricDataCalls: number;
  /** Accounts the run named for Claude 3.7 Sonnet, and the accounts it could not read. */
  readonly accountsNamed: number;
  readonly failedAccounts: string;
}

/**
 * Usage across an organization of 500 member accounts (and its management account) in 4 regions,
 * every call answered in 100 ms: the bundled handler in the management account of a moto of its
 * own, with a Bedrock stand-in tenant per member account.
 */
export async function organizationScale(bundle: string, standInUrl: string): Promise<OrganizationFigure> {
  const moto = await startMoto();
  try {
    const names = Array.from({ length: MEMBER_ACCOUNTS }, (_, i) => `team-${String(i + 1).padStart(3, '0')}`);
    const members = await createOrganization(moto.url, names);
    for (const [i, account] of members.slice(0, CALLING_ACCOUNTS).entries()) {
      await putBedrockMetrics(
        moto.url,
        'us-east-1',
        [{ modelId: `us.${SONNET_37}`, calls: 100 * (i + 1), at: '2026-04-18T00:00:00Z' }],
        await credentialsOf(moto.url, account.id),
      );
    }
    const tenants = members.map((account) => new StandInTenant(standInUrl, account.name.replace('-', '')));
    const at = (time: string) =>
      Promise.all(
        tenants.map((tenant, i) =>
          tenant.set({
            time,
            models: CATALOG,
            delayMs: CALL_LATENCY_MS,
            account: { id: members[i]?.id ?? '', stsUrl: moto.url },
          }),
        ),
      );
    const lab = await monitorLab(bundle, {
      motoUrl: moto.url,
      standInUrl,
      regions: ORGANIZATION_REGIONS,
      time: BEFORE,
      bedrockDelayMs: CALL_LATENCY_MS,
      monitorId: 'BenchOrganization',
      usageAccounts: 'organization',
    });
    try {
      lab.proxy.setLatency(CALL_LATENCY_MS);
      const run = async (time: string) => {
        await at(time);
        lab.proxy.resetCounts();
        lab.bedrockProxy.resetCounts();
        const result = await lab.invoke(time);
        if (!result.ok) throw new Error(`The run at ${time} failed: ${result.error?.message}`);
        return result;
      };
      await run(BEFORE);
      const quiet = await run(QUIET);
      const change = await run(NOW);
      const aws = lab.proxy.requests();
      const bedrock = lab.bedrockProxy.requests();
      const usage = [
        ...aws.filter((r) => /ListAccounts|AssumeRole|GetMetricData/.test(r.operation)),
        ...bedrock.filter((r) => r.operation === 'BEDROCK.GET /inference-profiles'),
      ];
      const sonnet = lab
        .delivered()
        .filter(
          (e) =>
            e.modelId === SONNET_37 &&
            e.region === 'us-east-1' &&
            e.observedAt === new Date(NOW).toISOString(),
        );
      const failed = change.logs.find((line) => 'failedAccounts' in line)?.failedAccounts;
      return {
        accounts: MEMBER_ACCOUNTS,
        regions: ORGANIZATION_REGIONS.length,
        latencyMs: CALL_LATENCY_MS,
        changeRunMs: change.stats.durationMs,
        quietRunMs: quiet.stats.durationMs,
        usagePhaseMs:
          Math.max(...usage.map((r) => r.answeredAt ?? r.arrivedAt)) -
          Math.min(...usage.map((r) => r.arrivedAt)),
        usageCallMedianMs: median(usage.map((r) => (r.answeredAt ?? r.arrivedAt) - r.arrivedAt)),
        maxRssBytes: change.stats.maxRssBytes,
        listAccountsCalls: aws.filter((r) => r.operation.endsWith('.ListAccounts')).length,
        assumeRoleCalls: aws.filter((r) => r.operation === 'STS.AssumeRole').length,
        listInferenceProfilesCalls: bedrock.filter((r) => r.operation === 'BEDROCK.GET /inference-profiles')
          .length,
        getMetricDataCalls: aws.filter((r) => r.operation.endsWith('.GetMetricData')).length,
        accountsNamed: Math.max(0, ...sonnet.map((e) => e.accounts?.length ?? 0)),
        failedAccounts: failed === undefined ? 'none' : String(failed),
      };
    } finally {
      await lab.close();
    }
  } finally {
    await moto.stop();
  }
}
