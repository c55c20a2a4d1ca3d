/** "Name: message" of a thrown value, for logs and run results. */
export const describeError = (error: unknown): string =>
  error instanceof Error ? `${error.name}: ${error.message}` : String(error);
