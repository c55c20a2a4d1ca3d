/** How long and how often an adapter may try one region. */
export interface CallBudget {
  /** Attempts per call, throttling included (the SDK's standard retry with backoff). */
  readonly maxAttempts: number;
  /** Per-attempt socket timeout. */
  readonly attemptTimeoutMs: number;
  /** Budget for one region, all attempts and pages included. */
  readonly regionTimeoutMs: number;
}

/** Credentials of another account, from its role (AssumeRole). */
export interface AccountCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  readonly expiration?: Date;
}

/** The client settings every regional SDK client of this project gets. */
export interface RegionalClientConfig {
  readonly region: string;
  /** Absent: the function's own credentials. */
  readonly credentials?: AccountCredentials;
  readonly maxAttempts: number;
  readonly requestHandler: { readonly connectionTimeout: number; readonly requestTimeout: number };
}

/** The SDK client settings of a budget: its retries and per-attempt timeouts. */
export const budgetedClientConfig = (budget: CallBudget) => ({
  maxAttempts: budget.maxAttempts,
  requestHandler: { connectionTimeout: budget.attemptTimeoutMs, requestTimeout: budget.attemptTimeoutMs },
});

/**
 * One SDK client per region, made on first use with the budget's retries and timeouts, acting with
 * `credentials` when given. Endpoints come from the SDK's standard configuration, so
 * AWS_ENDPOINT_URL(_<SERVICE>) points the same code at an emulator.
 */
export function regionalClients<C>(
  make: (config: RegionalClientConfig) => C,
  budget: CallBudget,
  credentials?: AccountCredentials,
) {
  const clients = new Map<string, C>();
  return (region: string): C => {
    let client = clients.get(region);
    if (client === undefined) {
      client = make({ region, ...(credentials ? { credentials } : {}), ...budgetedClientConfig(budget) });
      clients.set(region, client);
    }
    return client;
  };
}
