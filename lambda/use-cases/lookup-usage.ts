import { DAY_MS } from '../domain/model';
import type { UnreadAccounts } from '../domain/routes';
import {
  type AnsweredQuery,
  type InferenceProfile,
  NO_USE,
  type UsageAccount,
  type UsageReport,
  usageQueries,
  useByModel,
  type WantedModel,
} from '../domain/usage';
import type { Log, UsageAccountAccess, UsageReaders } from '../ports';
import { describeError } from './describe-error';
import { mapConcurrent } from './map-concurrent';
import { within } from './within';

export interface UsagePorts extends UsageReaders {
  /**
   * Set when usage is read across accounts (`usageAccounts`): every account, the monitor's own
   * included, is then read through it, and the readers above are not used.
   */
  readonly accounts?: UsageAccountAccess;
  readonly log: Log;
}

/** What a usage lookup reads, and how long it may take. */
export interface UsageLookup {
  readonly regions: readonly string[];
  readonly t: Date;
  readonly lookbackDays: number;
  /** Regions read at once, within one account. */
  readonly regionConcurrency: number;
  /** Accounts read at once. */
  readonly accountConcurrency: number;
  /** How long one account may take, its role and every region included. */
  readonly accountTimeoutMs: number;
  /** How long all accounts together may take: an account not read by then is unknown. */
  readonly usageTimeoutMs: number;
}

/** The report, and the accounts that could not be read in full (for the metric and for routes). */
export interface UsageLookupResult {
  readonly report: UsageReport;
  /** `all` when the accounts could not be listed; null when only the own account is read. */
  readonly failedAccounts: UnreadAccounts | null;
}

/** A read that failed in one region of one account. */
interface RegionFailure {
  readonly region: string;
  readonly what: string;
  readonly error: string;
}

interface AccountRead {
  readonly answered: AnsweredQuery[];
  readonly profiles: Map<string, readonly InferenceProfile[]>;
  readonly failures: RegionFailure[];
}

/** The own account's key in the report when usage is not read across accounts. */
const OWN_ACCOUNT = 'own';

/**
 * How much the accounts called the wanted models, and with how many tokens, over the
 * `lookbackDays` before t. Each (account, region) is read on its own: its inference profiles, then
 * one GetMetricData call (per 166 ModelIds) for the wanted models listed there and the profiles
 * there that route to any of them. Across accounts, each is entered once (one AssumeRole) and its regions are read with those
 * credentials. Whatever cannot be read (an account, its role, a region) makes the report
 * incomplete, with a warning per account; the run goes on.
 */
export async function lookupUsage(
  wanted: readonly WantedModel[],
  lookup: UsageLookup,
  ports: UsagePorts,
): Promise<UsageLookupResult> {
  if (!ports.accounts) {
    const read = await readAccount(OWN_ACCOUNT, ports, wanted, lookup);
    for (const failure of read.failures) {
      ports.log.warn(`Usage unknown in ${failure.region}: could not read ${failure.what}`, {
        region: failure.region,
        error: failure.error,
      });
    }
    return {
      report: report(lookup, [read], read.failures.length === 0, null),
      failedAccounts: null,
    };
  }
  return lookupAcrossAccounts(wanted, lookup, ports.accounts, ports.log);
}

async function lookupAcrossAccounts(
  wanted: readonly WantedModel[],
  lookup: UsageLookup,
  access: UsageAccountAccess,
  log: Log,
): Promise<UsageLookupResult> {
  const deadline = Date.now() + lookup.usageTimeoutMs;
  let accounts: UsageAccount[];
  try {
    accounts = await within(access.list(), lookup.usageTimeoutMs, 'listing the accounts');
  } catch (error) {
    log.warn('Usage unknown in every account: the accounts could not be listed', {
      error: describeError(error),
    });
    return { report: report(lookup, [], false, []), failedAccounts: 'all' };
  }
  const failed: string[] = [];
  const reads = await mapConcurrent(accounts, lookup.accountConcurrency, async ({ accountId }) => {
    const fail = (what: string, extra: Record<string, unknown>): null => {
      log.warn(`Usage unknown in account ${accountId}: ${what}`, { accountId, ...extra });
      failed.push(accountId);
      return null;
    };
    const left = Math.min(lookup.accountTimeoutMs, deadline - Date.now());
    if (left <= 0) return fail('not read within the usage time budget', {});
    let read: AccountRead;
    try {
      read = await within(
        access.enter(accountId).then((readers) => readAccount(accountId, readers, wanted, lookup)),
        left,
        `reading account ${accountId}`,
      );
    } catch (error) {
      return fail('it could not be entered or read', { error: describeError(error) });
    }
    if (read.failures.length > 0) {
      fail(`could not read ${read.failures.map((f) => `${f.what} in ${f.region}`).join(', ')}`, {
        regions: read.failures.map((f) => f.region),
        error: read.failures[0]?.error,
      });
    }
    return read;
  });
  const done = reads.filter((read): read is AccountRead => read !== null);
  return {
    report: report(lookup, done, failed.length === 0, accounts),
    failedAccounts: [...new Set(failed)].sort(),
  };
}

function report(
  lookup: UsageLookup,
  reads: readonly AccountRead[],
  complete: boolean,
  accounts: readonly UsageAccount[] | null,
): UsageReport {
  // Any account's profiles serve to name replacements: system-defined profiles are the same in all.
  const profiles = new Map<string, readonly InferenceProfile[]>();
  for (const read of reads) {
    for (const [region, listed] of read.profiles) if (!profiles.has(region)) profiles.set(region, listed);
  }
  return {
    lookbackDays: lookup.lookbackDays,
    use: useByModel(reads.flatMap((read) => read.answered)),
    complete,
    accounts,
    profiles,
  };
}

/** One account's regions: each region's profiles, then its metrics for the queries they make. */
async function readAccount(
  accountId: string,
  readers: UsageReaders,
  wanted: readonly WantedModel[],
  lookup: UsageLookup,
): Promise<AccountRead> {
  const from = new Date(lookup.t.getTime() - lookup.lookbackDays * DAY_MS);
  const failures: RegionFailure[] = [];
  const read = async <T>(region: string, what: string, call: () => Promise<T>): Promise<T | null> => {
    try {
      return await call();
    } catch (error) {
      failures.push({ region, what, error: describeError(error) });
      return null;
    }
  };
  const profiles = new Map<string, readonly InferenceProfile[]>();
  const answered = await mapConcurrent(lookup.regions, lookup.regionConcurrency, async (region) => {
    const listed = await read(region, 'its inference profiles', () => readers.profiles.profiles(region));
    if (listed !== null) profiles.set(region, listed);
    const queries = usageQueries(region, listed ?? [], wanted);
    if (queries.length === 0) return [];
    const counts = await read(region, 'its CloudWatch metrics', () =>
      readers.usageMetrics.usage(
        region,
        queries.map((q) => q.dimension),
        from,
        lookup.t,
      ),
    );
    return counts === null
      ? []
      : queries.map((query) => ({ accountId, query, use: counts.get(query.dimension) ?? NO_USE }));
  });
  return { answered: answered.flat(), profiles, failures };
}
