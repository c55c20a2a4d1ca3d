import { describe, expect, it } from 'vitest';
import { MONITOR_TIMEOUT_SECONDS, runBudget } from '../../contract/function-timing';

describe('runBudget', () => {
  it('gives the monitor 4 attempts of 5 s, 20 s a region and a 15-minute claim at its 3-minute timeout', () => {
    expect(runBudget(MONITOR_TIMEOUT_SECONDS)).toEqual({
      maxAttempts: 4,
      attemptTimeoutMs: 5_000,
      regionTimeoutMs: 20_000,
      accountTimeoutMs: 20_000,
      usageTimeoutMs: 90_000,
      priceTimeoutMs: 10_000,
      claimLeaseMs: 900_000,
    });
  });

  it.each([30, 180, 900])(
    'fits three waves of regional calls in a third of a %i s timeout, and a claim outlives the run',
    (seconds) => {
      const budget = runBudget(seconds);
      expect(3 * budget.regionTimeoutMs).toBeLessThanOrEqual((seconds * 1000) / 3);
      // Across accounts, listing, the usage phase and the prices leave a third of the timeout for the rest.
      expect(budget.regionTimeoutMs + budget.usageTimeoutMs + budget.priceTimeoutMs).toBeLessThanOrEqual(
        (seconds * 1000 * 2) / 3,
      );
      expect(budget.accountTimeoutMs).toBeLessThanOrEqual(budget.usageTimeoutMs);
      expect(budget.maxAttempts * budget.attemptTimeoutMs).toBeLessThanOrEqual(budget.regionTimeoutMs);
      expect(budget.claimLeaseMs).toBeGreaterThan(seconds * 1000);
    },
  );
});
