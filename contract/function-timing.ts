/**
 * The functions' timeouts, and the time budgets the monitor sizes from its own: the construct sets
 * the timeout, the handler derives every wait from it, so neither can drift from the other.
 */
export const MONITOR_TIMEOUT_SECONDS = 180;
/** One small POST per alert message. */
export const FORWARDER_TIMEOUT_SECONDS = 30;

/** How long a run may wait on AWS, per call and per region, and how long a publish claim lasts. */
export interface RunBudget {
  readonly maxAttempts: number;
  readonly attemptTimeoutMs: number;
  readonly regionTimeoutMs: number;
  /** Usage across accounts: how long one account may take, and all of them together. */
  readonly accountTimeoutMs: number;
  readonly usageTimeoutMs: number;
  /** How long reading the published prices of the models in use may take, all together. */
  readonly priceTimeoutMs: number;
  readonly claimLeaseMs: number;
}

/** A run waits on regional calls in three waves, one after another: listing, profiles, metrics. */
const WAVES = 3;
const ATTEMPTS = 4;

/**
 * Budgets that fit a function timeout: the three waves together take at most a third of it, even
 * when every call times out, which leaves the rest for DynamoDB and SNS. Read across accounts, the
 * two usage waves become one phase of half the timeout, in which each account has one wave's time:
 * hundreds of accounts need more than two waves (bench/RESULTS.md: 500 accounts in 4 regions took
 * 44 to 72 s on the emulators), and the listing wave and that phase still leave a third for the commit
 * and delivery. Reading published prices (one short call per model in use) gets half a wave, within
 * that same two thirds. A publish claim lasts five timeouts, so it outlives the run that holds it.
 */
export function runBudget(timeoutSeconds: number): RunBudget {
  const timeoutMs = timeoutSeconds * 1000;
  const regionTimeoutMs = Math.floor(timeoutMs / (3 * WAVES));
  return {
    maxAttempts: ATTEMPTS,
    attemptTimeoutMs: Math.floor(regionTimeoutMs / ATTEMPTS),
    regionTimeoutMs,
    accountTimeoutMs: regionTimeoutMs,
    usageTimeoutMs: Math.floor(timeoutMs / 2),
    priceTimeoutMs: Math.floor(regionTimeoutMs / 2),
    claimLeaseMs: 5 * timeoutMs,
  };
}
