import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { runCli } from '../../lab/cli';
import {
  SAMPLE_SERVICE,
  SAMPLE_SERVICE_CATALOG,
  SCAN_NOW,
  writeFiles,
} from '../../lab/fixtures/sample-service';
import { StandInTenant } from '../../lab/stand-in-tenant';

const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const validSarif = ajv.compile(
  JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'sarif-2.1.0.json'), 'utf8')),
);

const SONNET = 'anthropic.claude-3-7-sonnet-20250219-v1:0';
const REGIONS = ['--regions', 'us-east-1,eu-west-1'];

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: object } }[];
  suppressions?: { kind: string; status: string; justification: string }[];
}

describe('bedrock-lifecycle scan, run as a user runs it', () => {
  let tenant: StandInTenant;
  let repo: string;
  const scan = (args: readonly string[], cwd = repo) =>
    runCli(['scan', ...args, '--now', SCAN_NOW], { ...tenant.env(), AWS_REGION: 'us-east-1' }, cwd);
  const sarifOf = (stdout: string) =>
    JSON.parse(stdout) as {
      runs: [
        {
          results: SarifResult[];
          tool: { driver: { rules: { id: string }[] } };
          invocations: { toolExecutionNotifications: { message: { text: string } }[] }[];
        },
      ];
    };

  beforeAll(async () => {
    tenant = new StandInTenant(inject('standInUrl'), 'SCAN');
    await tenant.set({ time: SCAN_NOW, models: SAMPLE_SERVICE_CATALOG });
  });
  beforeEach(() => {
    repo = writeFiles(SAMPLE_SERVICE);
  });

  it('prints each reference that needs attention with its location, phase, next deadline, days left and a replacement, after one ListFoundationModels per region', async () => {
    await tenant.clearRequests();
    const run = await scan(REGIONS);
    expect(run.status).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toMatch(/^LEVEL\s+LOCATION\s+MODEL\s+PHASE\s+NEXT DEADLINE\s+DAYS LEFT\s+REPLACEMENT$/);
    const row = (location: string) =>
      lines.find((l) => l.includes(` ${location} `))?.replace(/ {2,}/g, ' | ');
    expect(row('src/summarise.ts:4:19')).toBe(
      `error | src/summarise.ts:4:19 | ${SONNET} | Public extended access | end of life 2026-04-28 | 7 | anthropic.claude-sonnet-4-6`,
    );
    expect(row('infra/prod.tfvars:2:13')).toBe(
      `error | infra/prod.tfvars:2:13 | eu.${SONNET} | Public extended access | end of life 2026-04-28 | 7 | anthropic.claude-sonnet-4-6`,
    );
    expect(row('config/models.json:2:15')).toBe(
      'note | config/models.json:2:15 | amazon.nova-lite-v1:0 | Active | Legacy 2026-09-01 | 133 | -',
    );
    expect(row('config/models.json:3:16')).toBe(
      'warning | config/models.json:3:16 | anthropic.claude-v2:1 | Not listed | - | - | -',
    );
    expect(row('app/classify.py:6:10')).toMatch(
      /^warning \| app\/classify\.py:6:10 \| us\.anthropic\.claude-3-5-haiku-20241022-v1:0 \| Public extended access \| end of life 2026-06-19 \| 59 \| /,
    );
    // Active models with no date (Haiku 4.5, Sonnet 4.5, Llama 3.1 8B) need no attention.
    expect(run.stdout).not.toMatch(/template\.yaml|\.env\.example|README\.md/);
    expect(run.stdout).toContain(
      'config/models.json:3:16: anthropic.claude-v2:1 is not listed in us-east-1, eu-west-1: retired, misspelled, or not offered there.',
    );
    expect(run.stderr).toContain(
      'Scanned 11 files in us-east-1, eu-west-1: 12 model references; 2 errors, 6 warnings, 1 note, 0 waived; skipped 1 binary file',
    );
    const requests = await tenant.requests();
    const listings = requests.filter((r) => r.path === '/foundation-models');
    expect(listings.map((r) => r.region).sort()).toEqual(['eu-west-1', 'us-east-1']);
    // No application inference profile is named, so none is listed.
    expect(requests.filter((r) => r.path !== '/foundation-models')).toEqual([]);
  });

  it('writes SARIF 2.1.0 that the schema accepts: one rule per class, results at root-relative paths with line and column', async () => {
    const run = await scan([...REGIONS, '--format', 'sarif']);
    expect(run.status).toBe(0);
    const sarif = sarifOf(run.stdout);
    expect(validSarif(sarif), JSON.stringify(validSarif.errors?.slice(0, 3))).toBe(true);
    const [log] = sarif.runs;
    expect(log.tool.driver.rules.map((r) => r.id)).toEqual([
      'bedrock-model/end-of-life',
      'bedrock-model/extended-access',
      'bedrock-model/legacy',
      'bedrock-model/unknown',
      'bedrock-model/announced-deadline',
    ]);
    expect(log.results).toHaveLength(9);
    expect(log.results[0]).toEqual({
      ruleId: 'bedrock-model/extended-access',
      ruleIndex: 1,
      level: 'warning',
      message: {
        text: 'Claude 3.5 Haiku (anthropic.claude-3-5-haiku-20241022-v1:0) is in public extended access, at a higher price, in us-east-1; next: end of life 2026-06-19 (in 59 days). Test anthropic.claude-haiku-4-5-20251001-v1:0 instead.',
      },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'app/classify.py', uriBaseId: '%SRCROOT%' },
            region: { startLine: 6, startColumn: 10, endColumn: 53 },
          },
        },
      ],
      properties: expect.objectContaining({
        modelId: 'anthropic.claude-3-5-haiku-20241022-v1:0',
        phase: 'EXTENDED_ACCESS',
      }),
    });
    expect(
      Object.fromEntries(
        log.results.map((r) => [
          `${r.locations[0]?.physicalLocation.artifactLocation.uri}:${r.ruleId.split('/')[1]}`,
          r.level,
        ]),
      ),
    ).toEqual({
      'app/classify.py:extended-access': 'warning',
      'cmd/chat/main.go:legacy': 'warning',
      'config/models.json:announced-deadline': 'note',
      'config/models.json:unknown': 'warning',
      'infra/main.tf:legacy': 'warning',
      'infra/main.tf:extended-access': 'warning',
      'infra/prod.tfvars:end-of-life': 'error',
      'src/main/java/com/example/Images.java:legacy': 'warning',
      'src/summarise.ts:end-of-life': 'error',
    });
    // The schema rejects what the renderer must never write.
    const broken = structuredClone(sarif);
    (broken.runs[0].results[0] as { level: string }).level = 'fatal';
    expect(validSarif(broken)).toBe(false);
  });

  it('--format json lists every reference, Active ones without a class, with the regions each one reaches', async () => {
    const run = await scan([...REGIONS, '--json']);
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({
      root: repo,
      regions: ['us-east-1', 'eu-west-1'],
      evaluatedAt: '2026-04-21T08:00:00.000Z',
      withinDays: 30,
      files: 11,
      gate: { failOn: [], failed: false, failing: 0 },
    });
    expect(report.findings).toHaveLength(12);
    const haiku45 = report.findings.find((f: { path: string }) => f.path === 'template.yaml');
    expect(haiku45).toMatchObject({
      class: null,
      level: null,
      phase: 'ACTIVE',
      line: 7,
      column: 24,
      waiver: null,
    });
    const profile = report.findings.find((f: { path: string }) => f.path === '.env.example');
    expect(profile.regions.map((r: { region: string }) => r.region)).toEqual(['us-east-1', 'eu-west-1']);
    const arn = report.findings.find((f: { reference: string }) => f.reference.startsWith('arn:'));
    expect(arn.regions.map((r: { region: string }) => r.region)).toEqual(['us-east-1']);
  });

  it('exits 0 without --fail-on whatever it finds, and 1 with --fail-on when an unwaived finding is of that class', async () => {
    expect((await scan(REGIONS)).status).toBe(0);
    const eol = await scan([...REGIONS, '--fail-on', 'eol']);
    expect(eol.status).toBe(1);
    expect(eol.stderr).toContain('Gate failed: 2 findings are eol, within 30 days, and not waived');
    expect((await scan([...REGIONS, '--fail-on', 'eol', '--within', '6'])).status).toBe(0);
    expect((await scan(['--regions', 'us-east-1', '--fail-on', 'unknown'])).status).toBe(1);
    const passed = await scan([
      '--regions',
      'us-east-1',
      'template.yaml',
      'README.md',
      '--fail-on',
      'eol,extended-access,legacy,unknown',
    ]);
    expect(passed.status).toBe(0);
    expect(passed.stderr).toContain(
      'Gate passed: no unwaived finding is eol or extended-access or legacy or unknown within 30 days',
    );
  });

  it('a waiver at the scan root lets the gate pass up to and including its day, and shows as a SARIF suppression with its reason', async () => {
    writeFileSync(
      join(repo, '.bedrock-lifecycle.json'),
      JSON.stringify({
        waivers: [
          { model: 'anthropic.claude-3-7', until: '2026-04-21', reason: 'Moving to Sonnet 4.6 in PLAT-812' },
        ],
      }),
    );
    const gate = await scan([...REGIONS, '--fail-on', 'eol']);
    expect(gate.status).toBe(0);
    expect(gate.stdout).toMatch(/^waived\s+src\/summarise\.ts:4:19\s/m);
    expect(gate.stdout).toContain('Waived until 2026-04-21: Moving to Sonnet 4.6 in PLAT-812');
    expect(gate.stderr).toContain('2 waived');
    const sarif = await scan([...REGIONS, '--format', 'sarif', '--fail-on', 'eol']);
    expect(sarif.status).toBe(0);
    const results = sarifOf(sarif.stdout).runs[0].results;
    expect(validSarif(JSON.parse(sarif.stdout))).toBe(true);
    expect(
      results
        .filter((r) => r.suppressions)
        .map((r) => [r.locations[0]?.physicalLocation.artifactLocation.uri, r.suppressions]),
    ).toEqual([
      [
        'infra/prod.tfvars',
        [
          {
            kind: 'external',
            status: 'accepted',
            justification: 'Moving to Sonnet 4.6 in PLAT-812 (waived until 2026-04-21)',
          },
        ],
      ],
      [
        'src/summarise.ts',
        [
          {
            kind: 'external',
            status: 'accepted',
            justification: 'Moving to Sonnet 4.6 in PLAT-812 (waived until 2026-04-21)',
          },
        ],
      ],
    ]);
  });

  it('an expired waiver stops applying and is reported, in text and as a SARIF notification', async () => {
    const waivers = join(mkdtempSync(join(tmpdir(), 'waivers-')), 'waivers.json');
    writeFileSync(
      waivers,
      JSON.stringify({ waivers: [{ model: SONNET, until: '2026-04-20', reason: 'Q1 freeze' }] }),
    );
    const gate = await scan([...REGIONS, '--fail-on', 'eol', '--waivers', waivers]);
    expect(gate.status).toBe(1);
    expect(gate.stdout).toContain(
      `Expired waiver: ${SONNET} (until 2026-04-20, Q1 freeze) no longer applies; 2 findings count again.`,
    );
    // Reported even when nothing else is.
    const quiet = await scan(['--regions', 'us-east-1', 'template.yaml', '--waivers', waivers]);
    expect(quiet.stdout).toBe(
      `No Bedrock model reference needs attention.\nExpired waiver: ${SONNET} (until 2026-04-20, Q1 freeze) no longer applies; 0 findings count again.\n`,
    );
    const sarif = await scan([...REGIONS, '--format', 'sarif', '--waivers', waivers]);
    expect(
      sarifOf(sarif.stdout).runs[0].invocations[0]?.toolExecutionNotifications.map((n) => n.message.text),
    ).toEqual([
      `The waiver for ${SONNET} expired on 2026-04-20 (Q1 freeze); it covers nothing now, and 2 finding(s) count again.`,
    ]);
  });

  it('checks an application inference profile ARN as the model its profile calls, listing the profiles of its region once', async () => {
    const owner = new StandInTenant(inject('standInUrl'), 'SCANAPP');
    await owner.set({
      time: SCAN_NOW,
      models: SAMPLE_SERVICE_CATALOG,
      applicationProfiles: [
        {
          id: 'x9cf1ccd1fph',
          name: 'team-a-summaries',
          region: 'us-east-1',
          targets: ['us-east-1', 'us-west-2'].map((region) => ({ region, modelId: SONNET })),
        },
      ],
    });
    const arn = (id: string) => `arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/${id}`;
    const app = writeFiles({
      'src/a.ts': `export const A = '${arn('x9cf1ccd1fph')}';\n`,
      'src/b.ts': `export const B = '${arn('x9cf1ccd1fph')}';\nexport const C = '${arn('deleted00000')}';\n`,
    });
    const run = await runCli(
      ['scan', '--regions', 'us-east-1,us-west-2', '--json', '--fail-on', 'eol', '--now', SCAN_NOW],
      { ...owner.env(), AWS_REGION: 'us-east-1' },
      app,
    );
    expect(run.status).toBe(1);
    const [a, b, deleted] = JSON.parse(run.stdout).findings;
    for (const f of [a, b]) {
      expect(f).toMatchObject({ modelId: SONNET, profileId: 'x9cf1ccd1fph', class: 'eol', level: 'error' });
      expect(f.regions.map((r: { region: string }) => r.region)).toEqual(['us-east-1', 'us-west-2']);
    }
    expect(deleted).toMatchObject({
      modelId: null,
      class: 'unknown',
      message: `${arn('deleted00000')} cannot be checked: us-east-1 lists no application inference profile deleted00000 to these credentials: deleted, or another account's.`,
    });
    const profileCalls = (await owner.requests()).filter((r) => r.path === '/inference-profiles');
    // One call per profile type, in the profile's region only.
    expect(profileCalls.map((r) => r.region)).toEqual(['us-east-1', 'us-east-1']);
  });

  it('--exclude leaves out what its patterns match, from the scan root', async () => {
    const run = await scan([
      '--regions',
      'us-east-1',
      '--exclude',
      'infra/',
      '--exclude',
      '*.json',
      '--json',
    ]);
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.files).toBe(8);
    expect(report.findings.map((f: { path: string }) => f.path)).not.toContainEqual(
      expect.stringMatching(/^(infra\/|config\/)/),
    );
    expect(report.findings).toHaveLength(7);
  });

  it('--output writes the report in its format, in a directory it creates, and still prints the text report', async () => {
    const run = await scan([...REGIONS, '--format', 'sarif', '--output', 'reports/lifecycle.sarif']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^LEVEL\s+LOCATION/);
    expect(validSarif(JSON.parse(readFileSync(join(repo, 'reports', 'lifecycle.sarif'), 'utf8')))).toBe(true);
    // The report is not read back as code on the next scan.
    const again = await scan([...REGIONS, '--format', 'json', '--output', 'reports/lifecycle.json']);
    expect(JSON.parse(readFileSync(join(repo, 'reports', 'lifecycle.json'), 'utf8')).files).toBe(11);
    expect(again.status).toBe(0);
  });

  it('scans a directory named from outside it with paths relative to that directory', async () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'elsewhere-'));
    const run = await scan(['--regions', 'us-east-1', repo, '--json'], elsewhere);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ root: repo, files: 11 });
    const file = await scan(
      ['--regions', 'us-east-1', join(repo, 'infra', 'prod.tfvars'), '--json'],
      elsewhere,
    );
    expect(JSON.parse(file.stdout)).toMatchObject({
      root: join(repo, 'infra'),
      files: 1,
      findings: [{ path: 'prod.tfvars' }],
    });
    const two = await scan(['--regions', 'us-east-1', join(repo, 'src'), join(repo, 'app')], elsewhere);
    expect(two.status).toBe(2);
    expect(two.stderr).toContain(
      'paths outside the current directory: run the scan from a directory that holds them all',
    );
    // A file reached through two paths is read, and reported, once.
    const twice = JSON.parse((await scan(['--regions', 'us-east-1', '.', 'src', '--json'])).stdout);
    expect(twice).toMatchObject({ root: repo, files: 11 });
    expect(twice.findings).toHaveLength(12);
  });

  it('escapes file names and model data for the terminal, and percent-encodes them in SARIF', async () => {
    await tenant.update({
      extra: {
        'us-east-1': [
          {
            modelId: 'amazon.hostile-v1:0',
            modelArn: 'arn:aws:bedrock:us-east-1::foundation-model/amazon.hostile-v1:0',
            modelName: 'Evil\u001b]8;;https://attacker.example\u0007 name',
            providerName: 'Amazon',
            modelLifecycle: { status: 'LEGACY', legacyTime: '2026-01-01T08:00:00Z' },
          },
        ],
      },
    });
    try {
      // An escape sequence and a right-to-left override in a file name.
      const hostile = writeFiles({ 'src/\u001b[31mred\u202e.ts': "const m = 'amazon.hostile-v1:0';\n" });
      const text = await scan(['--regions', 'us-east-1'], hostile);
      expect(text.status).toBe(0);
      for (const raw of ['\u001b', '\u0007', '\u202e']) expect(text.stdout).not.toContain(raw);
      expect(text.stdout).toContain('src/\\u001b[31mred\\u202e.ts:1:12');
      const json = await scan(['--regions', 'us-east-1', '--json'], hostile);
      expect(json.stdout).not.toContain('\u202e');
      expect(JSON.parse(json.stdout).findings[0].path).toBe('src/\u001b[31mred\u202e.ts');
      // The listing makes the name one plain line before anything renders it.
      expect(text.stdout).toMatch(
        /: Evil +\]8;;https:\/\/attacker\.example +name \(amazon\.hostile-v1:0\) is Legacy/,
      );
      const sarif = await scan(['--regions', 'us-east-1', '--format', 'sarif'], hostile);
      expect(
        sarifOf(sarif.stdout).runs[0].results[0]?.locations[0]?.physicalLocation.artifactLocation.uri,
      ).toBe('src/%1B%5B31mred%E2%80%AE.ts');
    } finally {
      await tenant.update({ extra: {} });
    }
  });

  it('prints the example of docs/scan.md as the page shows it, with its exit code', async () => {
    const page = readFileSync(join(__dirname, '..', '..', 'docs', 'scan.md'), 'utf8');
    const block = /```text\n\$ npx bedrock-lifecycle (scan [^\n]+)\n([\s\S]*?)\n\$ echo \$\?\n(\d)\n```/.exec(
      page,
    );
    const [, command = '', shown = '', code = ''] = block ?? [];
    const run = await runCli(command.split(' '), { ...tenant.env(), AWS_REGION: 'us-east-1' }, repo);
    expect(run.status).toBe(Number(code));
    // The page leaves lines out (…); the ones it shows appear in this order, stdout then stderr.
    const printed = `${run.stdout}${run.stderr}`.split('\n');
    let at = 0;
    for (const line of shown.split('\n').filter((l) => l !== '…')) {
      const found = printed.indexOf(line, at);
      expect(found, line).toBeGreaterThanOrEqual(at);
      at = found + 1;
    }
    expect(at).toBeGreaterThan(10);
  });

  it.each([
    [['--format', 'xml'], '--format takes text, json, sarif, not "xml"'],
    [
      ['--fail-on', 'eol,deprecated'],
      '--fail-on takes eol, extended-access, legacy, unknown, not "deprecated"',
    ],
    [['--within', 'soon'], '--within takes a whole number of days, not "soon"'],
    [['no-such-dir'], 'no-such-dir: no such file or directory'],
    [['--waivers', 'missing.json'], '--waivers missing.json: no such file'],
  ])('rejects %j with exit 2 and one line, before calling AWS', async (args, message) => {
    await tenant.clearRequests();
    const run = await scan(args);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`bedrock-lifecycle scan: ${message} (see 'bedrock-lifecycle scan --help')\n`);
    expect(await tenant.requests()).toEqual([]);
  });

  it('rejects a malformed waiver file at the root with exit 2, naming the file and the problem, escaped for the terminal', async () => {
    const waivers = join(repo, '.bedrock-lifecycle.json');
    writeFileSync(waivers, JSON.stringify({ waivers: [{ model: SONNET, until: 'next week', reason: 'r' }] }));
    const run = await scan(REGIONS);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      `bedrock-lifecycle scan: .bedrock-lifecycle.json: waivers[0].until must be a date YYYY-MM-DD, not "next week" (see 'bedrock-lifecycle scan --help')\n`,
    );
    // A key is quoted as the file has it, control characters shown as escapes.
    writeFileSync(
      waivers,
      JSON.stringify({
        waivers: [{ model: SONNET, until: '2026-05-01', reason: 'r', '\u001b[2Jowner': 'x' }],
      }),
    );
    const hostile = await scan(REGIONS);
    expect(hostile.status).toBe(2);
    expect(hostile.stderr).not.toContain('\u001b');
    expect(hostile.stderr).toContain('waivers[0] has an unknown key "\\u001b[2Jowner"');
  });

  it('fails with exit 1 and no report when a region cannot be listed: an unlisted region is no evidence of retirement', async () => {
    const failing = new StandInTenant(inject('standInUrl'), 'SCANFAIL');
    await failing.set({
      time: SCAN_NOW,
      models: SAMPLE_SERVICE_CATALOG,
      faults: [
        {
          region: 'eu-west-1',
          status: 403,
          errorType: 'AccessDeniedException',
          message: 'not authorized',
          times: -1,
        },
      ],
    });
    const run = await runCli(
      ['scan', ...REGIONS, '--now', SCAN_NOW, '--fail-on', 'unknown'],
      { ...failing.env(), AWS_REGION: 'us-east-1' },
      repo,
    );
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('AccessDeniedException: not authorized');
  });
});
