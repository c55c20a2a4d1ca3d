import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { toForwarderEnvironment } from '../../contract/environment';
import { forwarderBundle, monitorBundle, runBundledHandler } from '../../lab/bundled-handler';
import { startCaptureServer } from '../../lab/capture-server';
import { runCli } from '../../lab/cli';
import { writeFiles } from '../../lab/fixtures/sample-service';
import { motoEnv } from '../../lab/local-deploy';
import { type MonitorLab, monitorLab } from '../../lab/monitor-lab';
import { motoClientConfig } from '../../lab/moto';
import { uniqueName } from '../../lab/moto-resources';
import { publishesSeen } from '../../lab/published-message';
import {
  CONTROL,
  chatTextFields,
  HOSTILE_IDS as IDS,
  HOSTILE_MODELS as MODELS,
  marker,
  pastedArgs,
  T0,
  T1,
} from '../support/hostile-catalog';

/** The hostile catalog (test/support) through the bundled monitor and forwarder, the CLI and the timeline page. */
describe('a hostile catalog, through every output', () => {
  let lab: MonitorLab;
  let slack: Awaited<ReturnType<typeof startCaptureServer>>;
  /** Each published message's bodies, one per protocol. */
  const bodies: Record<string, string>[] = [];

  beforeAll(async () => {
    slack = await startCaptureServer();
    lab = await monitorLab(monitorBundle(), {
      motoUrl: inject('motoUrl'),
      standInUrl: inject('standInUrl'),
      regions: ['us-east-1'],
      time: T0,
      models: MODELS,
    });
    for (const time of [T0, T1]) {
      const run = await lab.invoke(time);
      expect(run.ok, JSON.stringify(run.error)).toBe(true);
    }
    for (const publish of publishesSeen(lab.proxy.requests()))
      bodies.push(JSON.parse(publish.Message ?? '{}'));
  }, 120_000);
  afterAll(async () => {
    await lab?.close();
    await slack?.close();
  });

  it('tracks and alerts every model, whatever its id holds', () => {
    const events = lab.delivered();
    expect([...new Set(events.map((e) => e.modelId))].sort()).toEqual([...IDS].sort());
    expect(events.every((e) => e.kind === 'MODEL_LEGACY')).toBe(true);
    // The contract carries the id exactly as Bedrock gave it, and the name on one line.
    expect(
      events.every((e) => !e.modelName.includes('\n') && e.modelName.startsWith('Evil 2. [CRITICAL]')),
    ).toBe(true);
  });

  it('emails text in which no name forges a line or carries a control character', () => {
    const emails = bodies.map((b) => b.email ?? '');
    expect(emails).toHaveLength(2);
    for (const email of emails) {
      expect(email).not.toMatch(CONTROL);
      expect(email.split('\n').filter((line) => line.startsWith('2. [CRITICAL] forged'))).toEqual([]);
    }
    expect(emails.join('\n')).toContain('vendor.line\\u000abreak\\u001b[2J-v1:0');
    // The successor is named as the replacement to test, its id escaped too.
    expect(emails.join('\n')).toContain('Test replacement vendor.next\\u000agen\\u001b[2J-v2:0');
  });

  it('emails commands that stay data when pasted into bash', () => {
    for (const email of bodies.map((b) => b.email ?? '')) {
      const args = pastedArgs(email);
      expect(args.slice(0, 2)).toEqual(['dynamodb', 'query']);
      // Only the plain id may be named; the others leave the command to the time query.
      const values = args[args.indexOf('--expression-attribute-values') + 1] ?? '';
      expect([
        JSON.stringify({ ':pk': { S: 'MODEL#vendor.plain-model-v1:0' } }),
        expect.stringContaining('"EVENTS"'),
      ]).toContainEqual(values);
    }
    expect(existsSync(marker)).toBe(false);
  });

  it('sends Chatbot a notification in which no field mentions, links, formats or controls', () => {
    const fields = bodies.flatMap((b) => chatTextFields(JSON.parse(b.https ?? '{}')));
    expect(fields.join(' ')).toContain('Evil');
    for (const field of fields) {
      expect(field).not.toMatch(/<!|<https?:|@here|@channel|\*bold\*|\]\(|<script/);
      expect(field).not.toMatch(CONTROL);
    }
  });

  it('posts Block Kit through the bundled forwarder with verbatim, escaped markdown', async () => {
    const secretName = uniqueName('hostile/slack-webhook');
    await new SecretsManagerClient(motoClientConfig(inject('motoUrl'))).send(
      new CreateSecretCommand({
        Name: secretName,
        SecretString: 'https://hooks.slack.com/services/T/B/hostile',
      }),
    );
    const forwarded = await runBundledHandler(
      forwarderBundle(),
      {
        ...motoEnv(inject('motoUrl')),
        ...toForwarderEnvironment(secretName),
        POWERTOOLS_SERVICE_NAME: 'bedrock-lifecycle-monitor',
        LAB_SLACK_HOOKS_TO: slack.url,
      },
      { Records: bodies.map((b) => ({ Sns: { Message: b.lambda ?? '' } })) },
    );
    expect(forwarded.result, JSON.stringify(forwarded.error)).toEqual({ posted: bodies.length });
    const posts = slack.requests.map((r) => JSON.parse(r.body));
    expect(posts).toHaveLength(bodies.length);
    for (const post of posts) {
      const texts: { type: string; text: string; verbatim?: boolean }[] = post.blocks.flatMap(
        (b: { text?: unknown; elements?: unknown[] }) => [b.text, ...(b.elements ?? [])].filter(Boolean),
      );
      const markdown = texts.filter((t) => t.type === 'mrkdwn');
      expect(markdown.filter((t) => t.verbatim !== true)).toEqual([]);
      // Slack parses mentions and links in markdown and in the fallback text, not in plain_text.
      for (const text of [post.text, ...markdown.map((t) => t.text)]) {
        expect(text).not.toMatch(/<!|<https?:|@here|@channel|\]\(|<script/);
      }
      for (const text of [post.text, ...texts.map((t) => t.text)]) expect(text).not.toMatch(CONTROL);
    }
  });

  describe('the CLI', () => {
    const env = () => ({
      ...lab.tenant.env(),
      AWS_ENDPOINT_URL: inject('motoUrl'),
      AWS_ENDPOINT_URL_BEDROCK: inject('standInUrl'),
      AWS_REGION: 'us-east-1',
    });

    const commands: [string, (table: string) => string[]][] = [
      ['history', (table) => ['history', '--table', table]],
      ['history --json', (table) => ['history', '--json', '--table', table]],
      ['snapshot', (table) => ['snapshot', '--region', 'us-east-1', '--at', T1, '--table', table]],
      ['status (live)', () => ['status', '--regions', 'us-east-1']],
      ['status --json (live)', () => ['status', '--json', '--regions', 'us-east-1']],
    ];

    it.each(commands)('writes no control character or escape sequence from data: %s', async (_name, argv) => {
      const run = await runCli([...argv(lab.tableName), '--now', T1], env());
      expect(run.status, run.stderr).toBe(0);
      expect(run.stdout).toContain('Evil');
      expect(run.stdout).not.toMatch(CONTROL);
      expect(run.stderr).not.toMatch(CONTROL);
    });

    it.each(['text', 'json', 'sarif'])(
      'scan --format %s writes no control character or escape sequence from data',
      async (format) => {
        const repo = writeFiles({ 'app.py': 'MODEL = "vendor.plain-model-v1:0"\n' });
        const run = await runCli(
          ['scan', '--regions', 'us-east-1', '--format', format, '--now', T1],
          env(),
          repo,
        );
        expect(run.status, run.stderr).toBe(0);
        // Legacy, with the hostile successor as its replacement.
        expect(run.stdout).toContain('Evil');
        expect(run.stdout).toContain('vendor.next');
        expect(run.stdout).not.toMatch(CONTROL);
        expect(run.stderr).not.toMatch(CONTROL);
      },
    );

    it('writes a timeline page whose tooltips are one line and whose names stay text', async () => {
      const out = join(mkdtempSync(join(tmpdir(), 'hostile-timeline-')), 'timeline.html');
      const run = await runCli(
        ['timeline', '--from', 'table', '--table', lab.tableName, '--out', out, '--all'],
        env(),
      );
      expect(run.status, run.stderr).toBe(0);
      const html = readFileSync(out, 'utf8');
      expect(html).toContain('Evil 2. [CRITICAL] forged line');
      expect(html).not.toContain('<script>alert(1)</script>');
      for (const [, title] of html.matchAll(/<title>([^<]*)<\/title>/g)) expect(title).not.toMatch(/[\n\r]/);
    });
  });
});
