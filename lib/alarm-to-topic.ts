import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as sns from 'aws-cdk-lib/aws-sns';

/**
 * Sends an alarm's ALARM and OK transitions to the topic, so its owners learn of both, and its
 * INSUFFICIENT_DATA transitions too for an alarm whose missing data is the failure it watches for.
 */
export function alarmToTopic(
  alarm: cloudwatch.Alarm,
  topic: sns.ITopic,
  { insufficientData = false }: { readonly insufficientData?: boolean } = {},
): cloudwatch.Alarm {
  const action = new actions.SnsAction(topic);
  alarm.addAlarmAction(action);
  alarm.addOkAction(action);
  if (insufficientData) alarm.addInsufficientDataAction(action);
  return alarm;
}
