import { type Account, ListAccountsCommand, type OrganizationsClient } from '@aws-sdk/client-organizations';
import { AssumeRoleCommand, type STSClient } from '@aws-sdk/client-sts';
import type { UsageAccounts } from '../../contract/settings';
import { singleLine } from '../domain/text';
import type { UsageAccount } from '../domain/usage';
import type { UsageAccountAccess, UsageReaders } from '../ports';
import { BedrockProfiles } from './bedrock-profiles';
import { CloudWatchInvocations } from './cloudwatch-invocations';
import type { CallBudget } from './regional-clients';

export interface MemberAccountsOptions {
  /** The configured account ids, or every active account of the organization. */
  readonly accounts: Exclude<UsageAccounts, 'own'>;
  /** The monitor's own account: read with the function's credentials, never through a role. */
  readonly ownAccountId: string;
  readonly partition: string;
  /** The usage reader role's name in each member account. */
  readonly roleName: string;
  /** What the role's trust policy requires as sts:ExternalId: the monitor's id. */
  readonly externalId: string;
  readonly budget: CallBudget;
  readonly sts: STSClient;
  readonly organizations: OrganizationsClient;
  /** The own account's readers. */
  readonly own: UsageReaders;
}

/** AssumeRole's shortest session: far longer than a run, which enters each account once. */
const SESSION_SECONDS = 900;
export const USAGE_SESSION_NAME = 'bedrock-lifecycle-monitor';

/**
 * The accounts whose usage counts, and their usage reader roles: the own account's readers are
 * the function's, any other account's act with credentials from one AssumeRole into its role.
 */
export class MemberAccounts implements UsageAccountAccess {
  constructor(private readonly options: MemberAccountsOptions) {}

  async list(): Promise<UsageAccount[]> {
    const { accounts } = this.options;
    if (accounts !== 'organization') return accounts.map((accountId) => ({ accountId }));
    const found: Account[] = [];
    let nextToken: string | undefined;
    do {
      const page = await this.options.organizations.send(new ListAccountsCommand({ NextToken: nextToken }), {
        abortSignal: AbortSignal.timeout(this.options.budget.regionTimeoutMs),
      });
      found.push(...(page.Accounts ?? []));
      nextToken = page.NextToken;
    } while (nextToken);
    // State replaced Status (retired 2026-09-09); an API that still sends only Status is read too.
    return found
      .filter((account) => (account.State ?? account.Status) === 'ACTIVE' && account.Id)
      .map((account) => ({
        accountId: account.Id as string,
        // Names are the account owners' to choose: one line, like a model's name.
        ...(account.Name ? { accountName: singleLine(account.Name) } : {}),
      }));
  }

  async enter(accountId: string): Promise<UsageReaders> {
    const { ownAccountId, partition, roleName, externalId, budget, sts } = this.options;
    if (accountId === ownAccountId) return this.options.own;
    const { Credentials: credentials } = await sts.send(
      new AssumeRoleCommand({
        RoleArn: `arn:${partition}:iam::${accountId}:role/${roleName}`,
        RoleSessionName: USAGE_SESSION_NAME,
        ExternalId: externalId,
        DurationSeconds: SESSION_SECONDS,
      }),
      { abortSignal: AbortSignal.timeout(budget.regionTimeoutMs) },
    );
    if (!credentials?.AccessKeyId || !credentials.SecretAccessKey || !credentials.SessionToken) {
      throw new Error(`AssumeRole into ${accountId} returned no credentials`);
    }
    const session = {
      accessKeyId: credentials.AccessKeyId,
      secretAccessKey: credentials.SecretAccessKey,
      sessionToken: credentials.SessionToken,
      ...(credentials.Expiration ? { expiration: credentials.Expiration } : {}),
    };
    return {
      profiles: new BedrockProfiles(budget, session),
      invocations: new CloudWatchInvocations(budget, session),
    };
  }
}
