import type { UsageAccountAccess } from '../ports';
import { describeError } from './describe-error';
import { mapConcurrent } from './map-concurrent';

/**
 * The invocation `bedrock-lifecycle doctor` sends the monitor function to learn which accounts it
 * can enter: only the function's own role can assume the reader roles (they trust it alone), so
 * the check is made by the function itself, exactly as a run enters them.
 */
export const USAGE_ACCESS_CHECK = { check: 'usage-access' } as const;

export const isUsageAccessCheck = (event: unknown): boolean =>
  typeof event === 'object' &&
  event !== null &&
  Object.keys(event).length === 1 &&
  (event as { check?: unknown }).check === USAGE_ACCESS_CHECK.check;

export interface AccountAccess {
  readonly accountId: string;
  readonly accountName?: string;
  /** Why the account could not be entered; absent when it could. */
  readonly error?: string;
}

/** What the check found: the accounts and whether each could be entered, or why none was listed. */
export type UsageAccessReport =
  | { readonly usageAccounts: 'own' }
  | { readonly usageAccounts: 'across'; readonly accounts: readonly AccountAccess[] }
  | { readonly usageAccounts: 'across'; readonly listError: string };

/**
 * Enters every account a run would read, and says which could not be entered.
 *
 * 1. Only the own account is read: nothing to enter.
 * 2. List the accounts as a run does (the configured ids, or the organization's).
 * 3. Enter each, `concurrency` at a time, keeping each failure's reason.
 */
export async function checkUsageAccess(
  access: UsageAccountAccess | undefined,
  concurrency: number,
): Promise<UsageAccessReport> {
  // 1.
  if (!access) return { usageAccounts: 'own' };
  // 2.
  let listed: Awaited<ReturnType<UsageAccountAccess['list']>>;
  try {
    listed = await access.list();
  } catch (error) {
    return { usageAccounts: 'across', listError: describeError(error) };
  }
  // 3.
  const accounts = await mapConcurrent(listed, concurrency, async (account): Promise<AccountAccess> => {
    try {
      await access.enter(account.accountId);
      return account;
    } catch (error) {
      return { ...account, error: describeError(error) };
    }
  });
  return { usageAccounts: 'across', accounts };
}
