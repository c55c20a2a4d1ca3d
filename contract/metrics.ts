/**
 * The custom metrics the monitor emits (CloudWatch embedded metric format) and its alarms watch.
 * One definition for both sides, so a renamed metric cannot leave an alarm watching nothing.
 */
export const METRICS = {
  namespace: 'BedrockLifecycleMonitor',
  service: 'bedrock-lifecycle-monitor',
  /** 1 for every run that finished its job: the dead man's switch counts these. */
  successfulRuns: 'SuccessfulRuns',
  /**
   * Per listing run: how many regions could not be listed (0 when all were). One metric for all
   * regions, so what CloudWatch bills and alarms on does not grow with the region count; the
   * record also names the failed regions (failedRegions, not a dimension).
   */
  regionsFailed: 'RegionsFailed',
  /**
   * Per run that read usage across accounts: how many accounts could not be read in full (0 when
   * all were); the record also names them (failedAccounts).
   */
  usageAccountsFailed: 'UsageAccountsFailed',
  alertsPublished: 'AlertsPublished',
  /** Alerts still pending after the run: a publish failed. */
  alertsPending: 'AlertsPending',
  dimensions: { service: 'service', monitor: 'Monitor' },
  /** Metadata on the RegionsFailed record: the failed regions, comma-separated. */
  failedRegions: 'failedRegions',
  /** Metadata on the UsageAccountsFailed record: the accounts, comma-separated. */
  failedAccounts: 'failedAccounts',
} as const;
