/**
 * `npm start`: the whole monitor, locally, with no AWS account.
 *
 * Starts moto (emulated AWS) and the Bedrock stand-in, deploys the real CDK app into moto with
 * `cdk deploy`, then runs the deployed, bundled handler over a short simulated timeline of real
 * Bedrock models and their real lifecycle dates. Prints each alert as it would be emailed, then
 * runs the bedrock-lifecycle CLI against the deployment: history, status, a CI check, a timeline,
 * and a scan of a small service's code.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { putBedrockMetrics } from '../lab/bedrock-metrics';
import { startBedrockStandIn } from '../lab/bedrock-stand-in';
import { runBundledHandler } from '../lab/bundled-handler';
import { runCli } from '../lab/cli';
import { EventRuleQueue } from '../lab/event-rule-queue';
import { CATALOG } from '../lab/fixtures/catalog';
import { SAMPLE_SERVICE, SAMPLE_SERVICE_CATALOG, SCAN_NOW, writeFiles } from '../lab/fixtures/sample-service';
import { deployToMoto, motoEnv } from '../lab/local-deploy';
import { startMoto } from '../lab/moto';
import { AlertQueue } from '../lab/moto-resources';
import { StandInTenant } from '../lab/stand-in-tenant';
import { DAY_MS } from '../lambda/domain/model';
import { recordedEmails } from './recorded-emails';

const SONNET_37 = 'anthropic.claude-3-7-sonnet-20250219-v1:0';
const REGIONS = 'us-east-1,us-west-2';

/** Real schedules (AWS "Model lifecycle" docs); each step is one scheduled run. */
const TIMELINE: [string, string][] = [
  ['2025-10-01T00:00:00Z', 'First run: the baseline summary confirms monitoring started.'],
  ['2025-10-28T12:00:00Z', 'Claude 3.7 Sonnet becomes Legacy; Claude Haiku 4.5 has launched.'],
  ['2025-11-01T00:00:00Z', 'Claude 3.7 Sonnet’s extended access is under 90 days away.'],
  ['2025-11-01T06:00:00Z', 'Nothing changed: no message, one write.'],
  [
    '2026-01-27T08:00:00Z',
    'Extended access (higher price) starts for Claude 3.7 Sonnet; more models are Legacy.',
  ],
  ['2026-04-21T08:00:00Z', 'One week before Claude 3.7 Sonnet’s end of life.'],
  ['2026-04-28T08:00:00Z', 'Claude 3.7 Sonnet reaches end of life and leaves the catalog.'],
];

const CALLS_PER_DAY = 880;

/** CloudWatch's count of the application's calls, for each of the 14 days before each run. */
async function callSonnetDaily(motoUrl: string, runs: readonly string[]): Promise<void> {
  const days = [
    ...new Set(
      runs.flatMap((run) => Array.from({ length: 14 }, (_, i) => Date.parse(run) - (i + 1) * DAY_MS)),
    ),
  ];
  await putBedrockMetrics(
    motoUrl,
    'us-east-1',
    days.map((at) => ({ modelId: `us.${SONNET_37}`, calls: CALLS_PER_DAY, at })),
  );
}

const rule = (title: string) => console.log(`\n${'━'.repeat(100)}\n${title}\n${'━'.repeat(100)}`);
const step = (text: string) => console.log(`\n▶ ${text}`);

async function main(): Promise<void> {
  Object.assign(process.env, { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' });
  step('Starting moto (emulated AWS) and the Bedrock stand-in');
  const recording = join(mkdtempSync(join(tmpdir(), 'demo-')), 'moto-requests.jsonl');
  const [moto, standIn] = await Promise.all([startMoto({ recordTo: recording }), startBedrockStandIn()]);
  try {
    const tenant = new StandInTenant(standIn.url, 'DEMO');
    await tenant.set({ time: TIMELINE[0]?.[0] ?? '', models: CATALOG });

    step(`cdk bootstrap && cdk deploy -c regions=${REGIONS} -c alertEmails=ops@example.com  (into moto)`);
    const stack = await deployToMoto(moto.url, 'BedrockLifecycleMonitor', {
      regions: REGIONS,
      alertEmails: 'ops@example.com',
    });
    console.log(`  table ${stack.outputs.TableName}\n  topic ${stack.outputs.TopicArn}`);
    const machine = await AlertQueue.subscribe(moto.url, stack.outputs.TopicArn);
    // What automation sees: a rule on the account's default event bus, with an SQS target.
    const eventRule = await EventRuleQueue.create(moto.url, {
      source: ['bedrock-lifecycle-monitor'],
      'detail-type': ['Bedrock Model Lifecycle Change'],
    });
    let emailed = 0;

    step(
      `The application calls Claude 3.7 Sonnet through its US inference profile: ${CALLS_PER_DAY} calls a day from us-east-1 (CloudWatch AWS/Bedrock Invocations)`,
    );
    await callSonnetDaily(
      moto.url,
      TIMELINE.map(([time]) => time),
    );

    for (const [time, what] of TIMELINE) {
      rule(`Scheduled run at ${time}: ${what}`);
      await tenant.at(time);
      const monitor = stack.functions.FunctionName;
      if (!monitor) throw new Error('The stack has no monitor function');
      const run = await runBundledHandler(
        monitor.bundlePath,
        { ...monitor.env, ...motoEnv(moto.url), ...tenant.env() },
        { time },
        `demo-${time}`,
      );
      if (!run.ok) throw new Error(`The run failed: ${run.error?.name}: ${run.error?.message}`);
      const result = run.result as { outcome: string; events: number; delivered: string[] };
      const received = await machine.drain();
      const ruled = await eventRule.drain();
      // PutEvents calls have ledger ids of their own (docs/history.md).
      const putCalls = result.delivered.filter((id) => id.endsWith('#@events')).length;
      console.log(
        `  outcome ${result.outcome}, ${result.events} event(s), ${result.delivered.length - putCalls} message(s) published, ` +
          `${received.length} received by an SQS subscriber; ${putCalls} PutEvents call(s), ` +
          `${ruled.length} event(s) received by an event rule's SQS target`,
      );
      const emails = recordedEmails(recording, stack.outputs.TopicArn).slice(emailed);
      emailed += emails.length;
      for (const email of emails) {
        console.log(`\n  ✉  Subject: ${email.subject}\n`);
        console.log(email.body.replace(/^/gm, '     '));
      }
    }

    const cliEnv = { ...motoEnv(moto.url), ...tenant.env() };
    const last = TIMELINE.at(-1)?.[0] ?? '';
    const timelinePage = join(dirname(recording), 'timeline.html');
    const commands: [string, string[]][] = [
      [
        'What happened to Claude 3.7 Sonnet in us-east-1, from the deployed table',
        ['history', '--model', SONNET_37, '--region', 'us-east-1'],
      ],
      ['Every change in April 2026', ['history', '--since', '2026-04-01', '--until', '2026-04-30']],
      [
        'Live status of the retiring models, from Bedrock',
        ['status', '--regions', REGIONS, '--within', '365'],
      ],
      [
        'A CI gate for an application that calls Claude 3.7 Sonnet and Claude Sonnet 4',
        [
          'check',
          '--models',
          `${SONNET_37},us.anthropic.claude-sonnet-4-20250514-v1:0`,
          '--regions',
          REGIONS,
        ],
      ],
      [
        'A Gantt chart of the lifecycles the monitor stored',
        ['timeline', '--from', 'table', '--regions', REGIONS, '--out', timelinePage],
      ],
    ];
    for (const [what, args] of commands) {
      rule(`${what}\n$ npx bedrock-lifecycle ${args.join(' ')}`);
      const run = await runCli([...args, '--now', last], cliEnv);
      console.log(`${run.stdout}${run.stderr}`.trimEnd().replace(/^/gm, '  '));
      console.log(`  (exit code ${run.status})`);
    }
    // The models a small service names in its code, checked live: its own tenant serves the
    // catalog of the example in docs/scan.md, a week before Claude 3.7 Sonnet's end of life.
    const scanTenant = new StandInTenant(standIn.url, 'DEMOSCAN');
    await scanTenant.set({ time: SCAN_NOW, models: SAMPLE_SERVICE_CATALOG });
    const scanArgs = ['scan', '--regions', 'us-east-1,eu-west-1', '--fail-on', 'eol'];
    rule(
      `The Bedrock models a small service's code names (TypeScript, Python, Java, Go, Terraform, …)\n$ npx bedrock-lifecycle ${scanArgs.join(' ')}`,
    );
    const scan = await runCli([...scanArgs, '--now', SCAN_NOW], scanTenant.env(), writeFiles(SAMPLE_SERVICE));
    console.log(`${scan.stdout}${scan.stderr}`.trimEnd().replace(/^/gm, '  '));
    console.log(
      `  (exit code ${scan.status}: the gate failed; --format sarif writes the same for code scanning)`,
    );
    console.log('\nDone. Everything ran against local emulators; nothing was sent to AWS.');
  } finally {
    await Promise.all([moto.stop(), standIn.close()]);
  }
}

main().catch((error: unknown) => {
  console.error(`\nThe demo failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
