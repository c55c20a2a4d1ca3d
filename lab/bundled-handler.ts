import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

import type { BedrockLifecycleMonitorProps } from '../lib/bedrock-lifecycle-monitor';
import { synthMonitor } from './synth';

const run = promisify(execFile);

/** Synthesises the app and returns the bundled handler of one of its functions, as uploaded to Lambda. */
function bundleOf(idPrefix: string, props: BedrockLifecycleMonitorProps): string {
  const { app, template, outdir } = synthMonitor(props, { name: 'Faults' });
  app.synth();
  const resources = template.toJSON().Resources as Record<
    string,
    { Type: string; Properties: { Code?: { S3Key?: string } } }
  >;
  const [, fn] =
    Object.entries(resources).find(
      ([id, r]) => r.Type === 'AWS::Lambda::Function' && id.startsWith(idPrefix),
    ) ?? [];
  // The code's S3 key is the asset hash, which names the bundle's folder in the cloud assembly.
  const hash = fn?.Properties.Code?.S3Key?.replace(/\.zip$/, '');
  if (!hash) throw new Error(`No bundled ${idPrefix} function in the synthesized app`);
  return `${outdir}/asset.${hash}/index.mjs`;
}

/** The bundled monitor handler, as uploaded to Lambda. */
export const monitorBundle = (): string => bundleOf('MonitorFunction', { regions: ['us-east-1'] });

/** The bundled Slack webhook forwarder, as uploaded to Lambda. */
export const forwarderBundle = (): string =>
  bundleOf('MonitorSlackWebhookForwarderFunction', {
    regions: ['us-east-1'],
    slackWebhookSecretName: 'lab/slack-webhook',
  });

/**
 * Runs in the handler's process. Its peak RSS is read from /proc (VmHWM, the high-water mark of
 * this process's own memory) where there is one: getrusage's maxRSS survives fork and exec on
 * Linux, so it would report the parent's size whenever the parent is the larger.
 */
const RUNNER = `
import { readFileSync } from 'node:fs';
const [bundle, event, requestId] = process.argv.slice(1);
const peakRssBytes = () => {
  try {
    const kb = /^VmHWM:\\s+(\\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    if (kb !== undefined) return Number(kb) * 1024;
  } catch {}
  return process.resourceUsage().maxRSS * 1024;
};
// Tests only: what the Slack forwarder posts to hooks.slack.com goes to a local webhook instead.
// The bundle itself has no such setting: this runner swaps the fetch it will call.
const slackTo = process.env.LAB_SLACK_HOOKS_TO;
if (slackTo) {
  const real = globalThis.fetch;
  globalThis.fetch = (input, init) => {
    const url = new URL(String(input));
    return real(url.origin === 'https://hooks.slack.com' ? slackTo + url.pathname : input, init);
  };
}
const started = performance.now();
const { handler } = await import(bundle);
const initMs = performance.now() - started;
const cpu = process.cpuUsage();
const invoked = performance.now();
try {
  const result = await handler(JSON.parse(event), { awsRequestId: requestId });
  process.stderr.write('\\nRESULT ' + JSON.stringify(result) + '\\n');
} catch (error) {
  process.stderr.write('\\nFAILED ' + JSON.stringify({ name: error.name, message: error.message }) + '\\n');
  process.exitCode = 1;
} finally {
  const used = process.cpuUsage(cpu);
  process.stderr.write('\\nSTATS ' + JSON.stringify({
    initMs,
    durationMs: performance.now() - invoked,
    cpuMs: (used.user + used.system) / 1000,
    maxRssBytes: peakRssBytes(),
  }) + '\\n');
}`;

/** What one invocation cost: module init, then the handler call alone (wall and CPU time). */
export interface HandlerStats {
  readonly initMs: number;
  readonly durationMs: number;
  readonly cpuMs: number;
  /** The process's peak resident set, init included. */
  readonly maxRssBytes: number;
}

export interface HandlerRun {
  readonly ok: boolean;
  readonly result?: Record<string, unknown>;
  readonly error?: { name: string; message: string };
  /** The function's structured log lines and embedded-metric lines, from stdout and stderr. */
  readonly logs: Record<string, unknown>[];
  readonly stats: HandlerStats;
}

/** Runs the bundled handler in a fresh Node process, as Lambda would, with the given environment. */
export async function runBundledHandler(
  bundlePath: string,
  env: Record<string, string>,
  event: unknown,
  requestId = `local-${Date.now()}`,
): Promise<HandlerRun> {
  const child = await run(
    process.execPath,
    [
      '--enable-source-maps',
      '--input-type=module',
      '-e',
      RUNNER,
      bundlePath,
      JSON.stringify(event),
      requestId,
    ],
    { env: { PATH: process.env.PATH ?? '', ...env }, maxBuffer: 64 << 20 },
  ).catch((error: { stdout: string; stderr: string }) => error);
  const marker = /^(RESULT|FAILED) (.*)$/m.exec(child.stderr);
  const statsLine = /^STATS (.*)$/m.exec(child.stderr);
  // Powertools writes INFO lines (and metrics) to stdout, WARN and ERROR lines to stderr.
  const logs = `${child.stdout}\n${child.stderr}`
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  if (!marker || !statsLine) throw new Error(`The handler process ended without a result:\n${child.stderr}`);
  const stats = JSON.parse(statsLine[1] ?? '{}') as HandlerStats;
  const payload = JSON.parse(marker[2] ?? '{}');
  return marker[1] === 'RESULT'
    ? { ok: true, result: payload, logs, stats }
    : { ok: false, error: payload, logs, stats };
}
