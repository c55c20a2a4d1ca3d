import {
  type Account,
  DescribeOrganizationCommand,
  ListAccountsCommand,
  ListAccountsForParentCommand,
  ListChildrenCommand,
  type OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { AssumeRoleCommand, type STSClient } from '@aws-sdk/client-sts';
import type { UsageAccounts } from '../../contract/settings';
import { singleLine } from '../domain/text';
import type { UsageAccount } from '../domain/usage';
import type { UsageAccountAccess, UsageReaders } from '../ports';
import { BedrockProfiles } from './bedrock-profiles';
import { CloudWatchUsage } from './cloudwatch-usage';
import type { CallBudget } from './regional-clients';

export interface MemberAccountsOptions {
  /** The configured account ids, or every active account of the organization. */
  readonly accounts: Exclude<UsageAccounts, 'own'>;
  /**
   * With `organization`: the units (or root) whose reader roles a StackSet deploys. Only their
   * accounts, child units included, are read then, as no other account has the role; empty: every
   * account of the organization.
   */
  readonly organizationalUnits: readonly string[];
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
    const { accounts, organizationalUnits, ownAccountId, organizations } = this.options;
    if (accounts !== 'organization') return accounts.map((accountId) => ({ accountId }));
    if (organizationalUnits.length === 0) {
      return active(
        await this.pages(async (NextToken, options) => {
          const page = await organizations.send(new ListAccountsCommand({ NextToken }), options);
          return { items: page.Accounts, NextToken: page.NextToken };
        }),
      );
    }
    // A StackSet never deploys to the management account, so under the root it has no role: it is
    // read only when it is the monitor's own account, which is read directly, in or out of the units.
    const [members, management] = await Promise.all([this.unitAccounts(), this.managementAccount()]);
    const found = active(members).filter((a) => a.accountId !== management || a.accountId === ownAccountId);
    return found.some((a) => a.accountId === ownAccountId) ? found : [{ accountId: ownAccountId }, ...found];
  }

  /** The accounts of the configured units and of every unit below them. */
  private async unitAccounts(): Promise<Account[]> {
    // Units may overlap (the root and a unit below it): each unit and account is taken once, or an
    // account's calls would count twice.
    const found = new Map<string, Account>();
    const parents = [...this.options.organizationalUnits];
    const seen = new Set(parents);
    const { organizations } = this.options;
    for (let parent = parents.shift(); parent !== undefined; parent = parents.shift()) {
      const ParentId = parent;
      const [accounts, children] = await Promise.all([
        this.pages(async (NextToken, options) => {
          const page = await organizations.send(
            new ListAccountsForParentCommand({ ParentId, NextToken }),
            options,
          );
          return { items: page.Accounts, NextToken: page.NextToken };
        }),
        this.pages(async (NextToken, options) => {
          const page = await organizations.send(
            new ListChildrenCommand({ ParentId, ChildType: 'ORGANIZATIONAL_UNIT', NextToken }),
            options,
          );
          return { items: page.Children, NextToken: page.NextToken };
        }),
      ]);
      for (const account of accounts) if (account.Id) found.set(account.Id, account);
      for (const child of children) {
        if (child.Id && !seen.has(child.Id)) {
          seen.add(child.Id);
          parents.push(child.Id);
        }
      }
    }
    return [...found.values()];
  }

  private async managementAccount(): Promise<string | undefined> {
    const { Organization } = await this.options.organizations.send(new DescribeOrganizationCommand({}), {
      abortSignal: AbortSignal.timeout(this.options.budget.regionTimeoutMs),
    });
    return Organization?.MasterAccountId;
  }

  /** Every page of an Organizations listing, each page within the budget's timeout. */
  private async pages<T>(
    page: (
      nextToken: string | undefined,
      options: { abortSignal: AbortSignal },
    ) => Promise<{ readonly items?: T[]; readonly NextToken?: string | undefined }>,
  ): Promise<T[]> {
    const items: T[] = [];
    let nextToken: string | undefined;
    do {
      const read = await page(nextToken, {
        abortSignal: AbortSignal.timeout(this.options.budget.regionTimeoutMs),
      });
      items.push(...(read.items ?? []));
      nextToken = read.NextToken;
    } while (nextToken);
    return items;
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
      usageMetrics: new CloudWatchUsage(budget, session),
    };
  }
}

/** The active accounts, by id and (one-line) name. */
function active(accounts: readonly Account[]): UsageAccount[] {
  // State replaced Status (retired 2026-09-09); an API that still sends only Status is read too.
  return accounts
    .filter((account) => (account.State ?? account.Status) === 'ACTIVE' && account.Id)
    .map((account) => ({
      accountId: account.Id as string,
      // Names are the account owners' to choose: one line, like a model's name.
      ...(account.Name ? { accountName: singleLine(account.Name) } : {}),
    }));
}
