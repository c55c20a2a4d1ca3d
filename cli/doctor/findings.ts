import { parseSchedule } from '../../contract/schedule';
import { plural } from '../../lambda/messages/wording';
import type { DeploymentFacts, Read } from './deployment-facts';

/**
 * What `doctor` says of a deployment, one finding per line: what is wrong, why it matters and the
 * fix. `attention` makes the command exit 1; `unchecked` says a check could not be made and why
 * (a permission, an API not offered), so a gap is never reported as health.
 */
export interface Finding {
  readonly status: 'ok' | 'attention' | 'unchecked';
  /** The check, e.g. `subscriptions`, `schedule`. */
  readonly check: string;
  readonly what: string;
  readonly why?: string;
  readonly fix?: string;
}

/** The service principal a StackSets delegated administrator is registered for. */
export const STACK_SETS_PRINCIPAL = 'member.org.stacksets.cloudformation.amazonaws.com';

const ok = (check: string, what: string): Finding => ({ status: 'ok', check, what });
const attention = (check: string, what: string, why: string, fix: string): Finding => ({
  status: 'attention',
  check,
  what,
  why,
  fix,
});
const unchecked = (check: string, what: string, error: string): Finding => ({
  status: 'unchecked',
  check,
  what: `could not check ${what}`,
  why: error,
});

/** The findings of a read: its error as unchecked, else what `check` makes of its value. */
const whenRead = <T>(facts: Read<T>, check: string, what: string, fn: (value: T) => Finding[]): Finding[] =>
  'error' in facts ? [unchecked(check, what, facts.error)] : fn(facts.value);

const topicName = (route: string | undefined) =>
  route === undefined ? 'the alert topic' : `the route ${route}'s topic`;

function subscriptionFindings(facts: DeploymentFacts): Finding[] {
  return facts.topics.flatMap((topic) =>
    whenRead(
      topic.subscriptions,
      'subscriptions',
      `the subscriptions of ${topicName(topic.route)}`,
      (subs) => {
        const pending = subs.filter((s) => s.pending);
        const confirmed = subs.length - pending.length;
        return [
          ...pending.map((s) =>
            attention(
              'subscriptions',
              `${s.endpoint} is not confirmed on ${topicName(topic.route)}`,
              'SNS sends nothing to an email address until it confirms, and drops the subscription after 48 hours',
              `check the inbox of ${s.endpoint} for "AWS Notification - Subscription Confirmation" and click the link; past 48 hours, subscribe it again: aws sns subscribe --topic-arn ${topic.topicArn} --protocol email --notification-endpoint ${s.endpoint}`,
            ),
          ),
          confirmed === 0
            ? attention(
                'subscriptions',
                `${topicName(topic.route)} has no confirmed subscriber`,
                'its alerts reach nobody',
                topic.route === undefined
                  ? 'set alertEmails or chat channels, or subscribe something to the TopicArn output'
                  : `give the route emails or chat channels, or subscribe something to its topic (${topic.topicArn})`,
              )
            : ok(
                'subscriptions',
                `${topicName(topic.route)}: ${plural(confirmed, 'confirmed subscription')}`,
              ),
        ];
      },
    ),
  );
}

const HOUR_MS = 3_600_000;

function runFindings(facts: DeploymentFacts, now: Date): Finding[] {
  const schedule = whenRead(facts.schedule, 'schedule', 'the schedule', (s) => {
    if (s === null) {
      return [
        attention(
          'schedule',
          'no EventBridge schedule invokes the monitor function',
          'the monitor never runs, so no change is noticed',
          'deploy the stack again (cdk deploy), which creates the schedule',
        ),
      ];
    }
    return s.state === 'ENABLED'
      ? [ok('schedule', `the schedule ${s.name} is enabled: ${s.expression}`)]
      : [
          attention(
            'schedule',
            `the schedule ${s.name} is ${s.state}`,
            'the monitor does not run, so no change is noticed',
            `enable it: aws scheduler update-schedule (or deploy the stack again)`,
          ),
        ];
  });
  // Runs are due every period; two periods without one is more than a late or failed run.
  const periodMinutes =
    'value' in facts.schedule && facts.schedule.value ? periodOf(facts.schedule.value.expression) : undefined;
  const lastRun = whenRead(facts.lastRun, 'runs', 'the last run', (last) => {
    if (last === null) {
      return [
        attention(
          'runs',
          'the monitor has not completed a run yet',
          `its first scheduled run comes within ${periodMinutes === undefined ? 'one period' : plural(Math.round(periodMinutes / 60) || 1, 'hour')} of the deploy`,
          "wait for it, or run it now: aws lambda invoke --function-name <FunctionName output> --payload '{}' --cli-binary-format raw-in-base64-out out.json",
        ),
      ];
    }
    const ageMs = now.getTime() - Date.parse(last);
    if (periodMinutes === undefined) {
      // Without the schedule's period, an old run cannot be told from a recent one.
      return [
        unchecked(
          'runs',
          `whether the last completed run, at ${last}, is recent`,
          'the schedule’s period is unknown',
        ),
      ];
    }
    if (ageMs > 2 * periodMinutes * 60_000) {
      return [
        attention(
          'runs',
          `the last completed run was at ${last}, ${plural(Math.floor(ageMs / HOUR_MS), 'hour')} ago`,
          `runs are due every ${plural(periodMinutes, 'minute')}: the latest ones failed or did not start`,
          "read the function's logs, and the alarms below",
        ),
      ];
    }
    return [ok('runs', `the last completed run was at ${last}`)];
  });
  return [...schedule, ...lastRun];
}

function periodOf(expression: string): number | undefined {
  try {
    return parseSchedule(expression).periodMinutes;
  } catch {
    return undefined;
  }
}

function failureFindings(facts: DeploymentFacts): Finding[] {
  const queues = facts.deadLetterQueues.flatMap((queue) =>
    whenRead(queue.depth, 'dead letters', `the dead-letter queue ${queue.name}`, (depth) =>
      depth > 0
        ? [
            attention(
              'dead letters',
              `${plural(depth, 'message')} wait in the dead-letter queue ${queue.name}`,
              'each is a run or a delivery that failed every attempt',
              `read them (aws sqs receive-message --queue-url …${queue.name}), fix the cause, then delete them`,
            ),
          ]
        : [ok('dead letters', `the dead-letter queue ${queue.name} is empty`)],
    ),
  );
  const alarms = whenRead(facts.alarms, 'alarms', 'the alarms', (found) => {
    const firing = found.filter((a) => a.state === 'ALARM');
    return firing.length === 0
      ? [ok('alarms', `${plural(found.length, 'alarm')}, none in ALARM`)]
      : firing.map((a) =>
          attention(
            'alarms',
            `the alarm ${a.name} is in ALARM`,
            a.reason || 'its threshold was crossed',
            'see the alarm’s description for what it watches',
          ),
        );
  });
  return [...queues, ...alarms];
}

function accountFindings(facts: DeploymentFacts): Finding[] {
  return whenRead(facts.usageAccess, 'accounts', 'which accounts the monitor can enter', (report) => {
    if (report.usageAccounts === 'own') return [];
    if ('listError' in report) {
      return [
        attention(
          'accounts',
          'the monitor cannot list the accounts of usageAccounts',
          report.listError,
          'run the monitor in the management account or a delegated administrator account, with usageAccounts=organization',
        ),
      ];
    }
    const failed = report.accounts.filter((a) => a.error !== undefined);
    return failed.length === 0
      ? [ok('accounts', `the monitor can enter all ${plural(report.accounts.length, 'account')} it reads`)]
      : failed.map((a) =>
          attention(
            'accounts',
            `the monitor cannot enter account ${a.accountId}${a.accountName ? ` (${a.accountName})` : ''}`,
            `${a.error}: its usage stays unknown on every run`,
            'deploy the reader role there: the StackSet (usageOrganizationalUnits), or cdk deploy BedrockLifecycleUsageReader -c monitorAccount=… with that account’s credentials',
          ),
        );
  });
}

function stackSetFindings(facts: DeploymentFacts): Finding[] {
  const set = facts.stackSet;
  if (!set) return [];
  const access = whenRead(set.trustedAccess, 'stack set', 'trusted access for StackSets', (status) =>
    status === 'ENABLED'
      ? [ok('stack set', 'trusted access between StackSets and Organizations is enabled')]
      : [
          attention(
            'stack set',
            `trusted access between StackSets and Organizations is ${status}`,
            'the StackSet cannot put the reader role into member accounts',
            'from the management account: aws cloudformation activate-organizations-access',
          ),
        ],
  );
  const instances = whenRead(
    set.instances,
    'stack set',
    `the instances of the StackSet ${set.name}`,
    (found) => {
      const bad = found.filter((i) => i.status !== 'CURRENT');
      return bad.length === 0
        ? [ok('stack set', `the StackSet ${set.name}: ${plural(found.length, 'instance')}, all CURRENT`)]
        : bad.map((i) =>
            attention(
              'stack set',
              `the StackSet instance in account ${i.account} (${i.region}) is ${i.status}`,
              i.reason ?? 'the reader role may be missing there',
              'see aws cloudformation list-stack-instances, fix the cause, and update the StackSet',
            ),
          );
    },
  );
  const delegated =
    set.delegatedAdministrator === undefined
      ? []
      : whenRead(
          set.delegatedAdministrator,
          'stack set',
          'the delegated administrator registration',
          (registered) =>
            registered
              ? [ok('stack set', 'this account is a registered delegated administrator for StackSets')]
              : [
                  attention(
                    'stack set',
                    'this account is not a registered delegated administrator for StackSets',
                    'a StackSet with usageStackSetCallAs=DELEGATED_ADMIN is refused from it',
                    `from the management account: aws organizations register-delegated-administrator --service-principal ${STACK_SETS_PRINCIPAL} --account-id <this account>`,
                  ),
                ],
        );
  return [...access, ...delegated, ...instances];
}

function chatFindings(facts: DeploymentFacts): Finding[] {
  return facts.chat.flatMap((config) =>
    whenRead(config.exists, 'chat', `the Chatbot configuration ${config.configurationName}`, (exists) =>
      exists
        ? [ok('chat', `${config.kind} channel ${config.channelId}: configured (${config.configurationName})`)]
        : [
            attention(
              'chat',
              `${config.kind} channel ${config.channelId} has no Chatbot configuration (${config.configurationName} is gone)`,
              'the channel receives no alerts',
              'redeploy the stack; if it fails, authorise the workspace again in the Chatbot console',
            ),
          ],
    ),
  );
}

/** Every finding of a deployment, in the order a reader fixes them. */
export function findingsOf(facts: DeploymentFacts, now: Date): Finding[] {
  const stack =
    /(_COMPLETE)$/.test(facts.stackStatus) && !/ROLLBACK/.test(facts.stackStatus)
      ? [ok('stack', `the stack ${facts.stackName} is ${facts.stackStatus}`)]
      : [
          attention(
            'stack',
            `the stack ${facts.stackName} is ${facts.stackStatus}`,
            'its last deploy did not complete',
            'read the stack events (aws cloudformation describe-stack-events) and deploy again',
          ),
        ];
  return [
    ...stack,
    ...subscriptionFindings(facts),
    ...chatFindings(facts),
    ...runFindings(facts, now),
    ...failureFindings(facts),
    ...accountFindings(facts),
    ...stackSetFindings(facts),
  ];
}
