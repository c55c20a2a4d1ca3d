import type { AlertOn } from '../../contract/settings';
import type { AccountCalls, LifecycleEvent, TokenCounts } from './events';
import { baseModelId, PROFILE_PREFIXES } from './model-reference';

/** A foundation model in one region: where a call lands. */
export interface ModelInRegion {
  readonly region: string;
  readonly modelId: string;
}

/** A model whose usage a run needs to know. */
export interface WantedModel extends ModelInRegion {
  /** The model left the listing (end of life, removal): its profiles may have left with it. */
  readonly unlisted: boolean;
}

/** An inference profile callable in a region, and where it sends the calls made through it. */
export interface InferenceProfile {
  readonly id: string;
  readonly arn: string;
  /** SYSTEM_DEFINED (cross-region: `us.`, `eu.`, `global.`…) or APPLICATION (created by the account). */
  readonly type: string;
  /** One foundation model in each region the profile routes to. */
  readonly targets: readonly ModelInRegion[];
}

/**
 * What is asked of a region's `AWS/Bedrock` metrics (calls and tokens) for one `ModelId` dimension
 * value (a foundation-model id, a profile id, or an application profile's ARN), and the models its
 * calls can reach.
 */
export interface UsageQuery {
  readonly dimension: string;
  readonly reaches: readonly ModelInRegion[];
}

/** An account whose calls count, with its name when AWS Organizations gives one. */
export interface UsageAccount {
  readonly accountId: string;
  readonly accountName?: string;
}

/** What CloudWatch counted for one `ModelId` dimension value over a window (`AWS/Bedrock`, Sum). */
export interface MetricUse {
  readonly invocations: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
}

/** What a run learned about the calls of the accounts it reads. */
export interface UsageReport {
  readonly lookbackDays: number;
  /**
   * Calls and tokens over the lookback that can reach each model in each region (keyed by
   * `usageKey`), per account id: those made to it there, plus those through every profile that
   * routes there.
   */
  readonly use: ReadonlyMap<string, ReadonlyMap<string, MetricUse>>;
  /**
   * Whether every account and region was read. When not, a model no known call reaches may still
   * be called where reading failed.
   */
  readonly complete: boolean;
  /** The accounts usage was read across; null when only the monitor's own account is read. */
  readonly accounts: readonly UsageAccount[] | null;
  /** The inference profiles read, per region (regions whose profiles could not be read are absent). */
  readonly profiles: ReadonlyMap<string, readonly InferenceProfile[]>;
}

export const usageKey = (target: ModelInRegion): string => `${target.region} ${target.modelId}`;

const FOUNDATION_MODEL_ARN = /^arn:aws[a-z-]*:bedrock:([a-z0-9-]+):[^:]*:foundation-model\/(.+)$/;

/** "arn:aws:bedrock:us-east-2::foundation-model/anthropic.claude-…" → us-east-2 and the model id. */
export function modelInRegion(arn: string): ModelInRegion | null {
  const match = FOUNDATION_MODEL_ARN.exec(arn);
  return match?.[1] && match[2] ? { region: match[1], modelId: match[2] } : null;
}

/** A ListInferenceProfiles summary, as the API sends it (every field optional to the reader). */
export interface ProfileSummary {
  readonly inferenceProfileId?: string;
  readonly inferenceProfileArn?: string;
  readonly type?: string;
  readonly models?: readonly { readonly modelArn?: string }[];
}

/** A profile from its summary; null without an id or ARN. Targets that are not models are dropped. */
export function profileOf(summary: ProfileSummary): InferenceProfile | null {
  if (!summary.inferenceProfileId || !summary.inferenceProfileArn) return null;
  return {
    id: summary.inferenceProfileId,
    arn: summary.inferenceProfileArn,
    type: summary.type ?? 'SYSTEM_DEFINED',
    targets: (summary.models ?? []).flatMap((m) => {
      const target = m.modelArn ? modelInRegion(m.modelArn) : null;
      return target ? [target] : [];
    }),
  };
}

/**
 * The queries that tell whether the models in `wanted` are called, for one source region: the
 * wanted models of that region by their own id, and every profile listed there that routes to a
 * wanted model. An application profile is queried by its ARN and by its id, since the metric may
 * carry either; only one of them ever has data.
 *
 * A model that left the listing takes its cross-region profiles with it, yet the calls made through
 * them until then are what matter most at its end of life. For such a model no listed profile
 * covers, every system-defined profile id it could have had (`us.<id>`, `eu.<id>`, …) is queried in
 * its own region, where a profile's calls are metered and which it routes to.
 */
export function usageQueries(
  region: string,
  profiles: readonly InferenceProfile[],
  wanted: readonly WantedModel[],
): UsageQuery[] {
  const keys = new Set(wanted.map(usageKey));
  const local = wanted.filter((target) => target.region === region);
  const direct = local.map((target) => ({ dimension: target.modelId, reaches: [toTarget(target)] }));
  const routed = profiles.flatMap((profile) => {
    const reaches = profile.targets.filter((target) => keys.has(usageKey(target)));
    if (reaches.length === 0) return [];
    const dimensions = profile.type === 'APPLICATION' ? [profile.arn, profile.id] : [profile.id];
    return dimensions.map((dimension) => ({ dimension, reaches }));
  });
  const covered = new Set(routed.flatMap((query) => query.reaches.map(usageKey)));
  const guessed = local
    .filter((target) => target.unlisted && !covered.has(usageKey(target)))
    .flatMap((target) =>
      PROFILE_PREFIXES.map((geography) => ({
        dimension: `${geography}.${target.modelId}`,
        reaches: [toTarget(target)],
      })),
    );
  return [...direct, ...routed, ...guessed];
}

const toTarget = ({ region, modelId }: ModelInRegion): ModelInRegion => ({ region, modelId });

/** The models, one per region, that a run's events are about. */
export const wantedModels = (events: readonly LifecycleEvent[]): WantedModel[] => [
  ...new Map(
    events.map((e): [string, WantedModel] => [
      usageKey(e),
      {
        region: e.region,
        modelId: e.modelId,
        unlisted: e.kind === 'MODEL_EOL' || e.kind === 'MODEL_REMOVED',
      },
    ]),
  ).values(),
];

/** What one query counted in one account. */
export interface AnsweredQuery {
  readonly accountId: string;
  readonly query: UsageQuery;
  readonly use: MetricUse;
}

export const NO_USE: MetricUse = { invocations: 0, inputTokens: 0, outputTokens: 0 };

const plus = (a: MetricUse, b: MetricUse): MetricUse => ({
  invocations: a.invocations + b.invocations,
  inputTokens: a.inputTokens + b.inputTokens,
  outputTokens: a.outputTokens + b.outputTokens,
});

const isUsed = (use: MetricUse): boolean =>
  use.invocations > 0 || use.inputTokens > 0 || use.outputTokens > 0;

/** Adds up what each query counted onto the models its calls can reach, per account. */
export function useByModel(answered: readonly AnsweredQuery[]): Map<string, Map<string, MetricUse>> {
  const byModel = new Map<string, Map<string, MetricUse>>();
  for (const { accountId, query, use } of answered) {
    if (!isUsed(use)) continue;
    for (const target of query.reaches) {
      const key = usageKey(target);
      const byAccount = byModel.get(key) ?? new Map<string, MetricUse>();
      byAccount.set(accountId, plus(byAccount.get(accountId) ?? NO_USE, use));
      byModel.set(key, byAccount);
    }
  }
  return byModel;
}

/** The accounts that call a model, most calls first (ties by account id), named where known. */
function callers(
  byAccount: ReadonlyMap<string, MetricUse> | undefined,
  accounts: readonly UsageAccount[],
): AccountCalls[] {
  const names = new Map(accounts.map((a) => [a.accountId, a.accountName]));
  return [...(byAccount ?? new Map<string, MetricUse>())]
    .map(([accountId, use]): [string, number] => [accountId, use.invocations])
    .filter(([, n]) => n > 0)
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .map(([accountId, invocations]) => {
      const accountName = names.get(accountId);
      return accountName === undefined ? { accountId, invocations } : { accountId, accountName, invocations };
    });
}

/**
 * What all accounts together used of a model in a region over the lookback: none when no call
 * reached it and every account and region was read, null when some could not be and none did.
 */
export function useOf(report: UsageReport, target: ModelInRegion): MetricUse | null {
  const byAccount = report.use.get(usageKey(target));
  if (byAccount === undefined) return report.complete ? NO_USE : null;
  return [...byAccount.values()].reduce(plus, NO_USE);
}

/**
 * The tokens that reached a model in a region over the lookback, all accounts together; null
 * unless every account and region was read: the sum of those read would understate the cost.
 */
export function tokensOf(report: UsageReport, target: ModelInRegion): TokenCounts | null {
  const use = report.complete ? useOf(report, target) : null;
  return use === null ? null : { input: use.inputTokens, output: use.outputTokens };
}

/**
 * A watch list entry matches a model when it is a prefix of the model's id. Entries may name an
 * inference profile or an ARN; they are matched as the foundation model they route to.
 */
export const watched = (watchList: readonly string[], modelId: string): boolean =>
  watchList.some((entry) => modelId.startsWith(baseModelId(entry)));

export interface UsageOptions {
  readonly alertOn: AlertOn;
  readonly watchList: readonly string[];
}

/**
 * Events with what is known about their model's use: in use when any account called it in the
 * lookback (or it is on the watch list), not in use when no call can reach it, unknown (null) when
 * an account or region could not be read. With `alertOn: used`, a model known not to be in use is
 * kept at info severity; an unknown one never is, so no critical alert is lost to missing metrics.
 */
export function withUsage(
  events: readonly LifecycleEvent[],
  report: UsageReport | null,
  options: UsageOptions,
): LifecycleEvent[] {
  const complete = report?.complete ?? false;
  return events.map((event) => {
    const byAccount = report?.use.get(usageKey(event));
    const use = report === null ? null : useOf(report, event);
    const inUse =
      watched(options.watchList, event.modelId) || (use !== null && isUsed(use))
        ? true
        : complete
          ? false
          : null;
    return {
      ...event,
      severity: options.alertOn === 'used' && inUse === false ? 'info' : event.severity,
      inUse,
      invocations: use?.invocations ?? null,
      tokens: report === null ? null : tokensOf(report, event),
      usageLookbackDays: report?.lookbackDays ?? null,
      accounts: report?.accounts && inUse !== null ? callers(byAccount, report.accounts) : null,
    };
  });
}
