import {
  CreateAccountCommand,
  CreateOrganizationCommand,
  ListAccountsCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { motoClientConfig } from './moto';

/** A member account as the tests know it. */
export interface LabAccount {
  readonly id: string;
  readonly name: string;
}

/**
 * An AWS Organization in moto, managed by moto's default account, with one member account per
 * name. moto keeps one organization per management account: use a moto of the test's own.
 */
export async function createOrganization(motoUrl: string, names: readonly string[]): Promise<LabAccount[]> {
  const organizations = new OrganizationsClient(motoClientConfig(motoUrl));
  await organizations.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
  for (const name of names) {
    await organizations.send(new CreateAccountCommand({ AccountName: name, Email: `${name}@example.com` }));
  }
  const ids = new Map<string, string>();
  let nextToken: string | undefined;
  do {
    const page = await organizations.send(new ListAccountsCommand({ NextToken: nextToken }));
    for (const account of page.Accounts ?? [])
      if (account.Name && account.Id) ids.set(account.Name, account.Id);
    nextToken = page.NextToken;
  } while (nextToken);
  return names.map((name) => {
    const id = ids.get(name);
    if (!id) throw new Error(`moto did not create account ${name}`);
    return { id, name };
  });
}
