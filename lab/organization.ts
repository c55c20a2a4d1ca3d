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
  const { Accounts = [] } = await organizations.send(new ListAccountsCommand({}));
  return names.map((name) => {
    const id = Accounts.find((a) => a.Name === name)?.Id;
    if (!id) throw new Error(`moto did not create account ${name}`);
    return { id, name };
  });
}
