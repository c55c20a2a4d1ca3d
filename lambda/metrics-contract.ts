/**
 * The custom metrics the monitor emits (CloudWatch embedded metric format) and its alarms watch.
 * One definition for both sides, so a renamed metric cannot leave an alarm watching nothing.
 */
export const METRICS = {
  namespace: 'BedrockLifecycleMonitor',
  service: 'bedrock-lifecycle-monitor',
  /** 1 for every run that finished its job: the dead man's switch counts these. */
  successfulRuns: 'SuccessfulRuns',
  /** Per region and listing run: 1 when the region failed, 0 when it was listed. */
  regionFailed: 'RegionFailed',
  alertsPublished: 'AlertsPublished',
  /** Alerts still pending after the run: a publish failed. */
  alertsPending: 'AlertsPending',
  dimensions: { service: 'service', monitor: 'Monitor', region: 'Region' },
} as const;
