import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CATALOG } from '../../lab/fixtures/catalog';
import { writeFiles } from '../../lab/fixtures/sample-service';
import { STAND_IN_ACCOUNT } from '../../lab/stand-in-profiles';
import { StandInTenant } from '../../lab/stand-in-tenant';

const BIN = join(__dirname, '..', '..', 'bin', 'bedrock-lifecycle.cjs');
/** A week before Claude 3.7 Sonnet's end of life. */
const NOW = '2026-04-21T08:00:00Z';
const SONNET_37 = 'anthropic.claude-3-7-sonnet-20250219-v1:0';
/** A Legacy model whose name tries to recolour a terminal and ring its bell. */
const HOSTILE = {
  modelArn: 'arn:aws:bedrock:us-east-1::foundation-model/evil.model-v1:0',
  modelId: 'evil.model-v1:0',
  modelName: '\u001b[31mEvil\u0007 model',
  providerName: 'Evil',
  inputModalities: ['TEXT'],
  outputModalities: ['TEXT'],
  modelLifecycle: {
    status: 'LEGACY',
    startOfLifeTime: '2024-01-01T00:00:00Z',
    legacyTime: '2026-01-01T00:00:00Z',
    endOfLifeTime: '2026-05-01T00:00:00Z',
  },
};

/** The text and structured content of a tool result. */
interface ToolResult {
  readonly isError?: boolean;
  readonly content: { type: string; text: string }[];
  readonly structuredContent?: Record<string, unknown>;
}

describe('bedrock-lifecycle mcp, driven over stdio by the MCP SDK’s client', () => {
  let tenant: StandInTenant;
  let repo: string;
  let client: Client;
  const env = () => ({
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '/tmp',
    AWS_REGION: 'us-east-1',
    AWS_EC2_METADATA_DISABLED: 'true',
    ...tenant.env(),
  });
  const call = async (name: string, args: Record<string, unknown>) =>
    (await client.callTool({ name, arguments: args })) as ToolResult;

  beforeAll(async () => {
    tenant = new StandInTenant(inject('standInUrl'), 'MCP');
    await tenant.set({
      time: NOW,
      models: CATALOG,
      extra: { 'us-east-1': [HOSTILE] },
      applicationProfiles: [
        {
          id: 'x9cf1ccd1fph',
          name: 'team-chat',
          region: 'us-east-1',
          targets: [{ region: 'us-east-1', modelId: SONNET_37 }],
        },
      ],
    });
    repo = writeFiles({
      'src/app.ts': `const MODEL = 'us.${SONNET_37}';\n`,
      'README.md': 'Uses Claude 3.5 Haiku: anthropic.claude-3-5-haiku-20241022-v1:0\n',
    });
    client = new Client({ name: 'test-assistant', version: '1.0.0' });
    await client.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: [BIN, 'mcp', '--now', NOW],
        env: env(),
        cwd: repo,
        stderr: 'ignore',
      }),
    );
  }, 60_000);

  afterAll(async () => {
    await client?.close();
  });

  it('lists its three tools, each with a JSON input schema', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(['model_lifecycle', 'retiring_models', 'scan_code']);
    for (const tool of tools) expect(tool.inputSchema.type).toBe('object');
    expect(tools.find((t) => t.name === 'model_lifecycle')?.inputSchema.required).toEqual(['modelId']);
  });

  it('model_lifecycle resolves a profile id to its model and gives its phase, dates, next deadline and replacements per region', async () => {
    const answer = await call('model_lifecycle', {
      modelId: `us.${SONNET_37}`,
      regions: ['us-east-1', 'us-west-2'],
    });
    expect(answer.isError).toBeFalsy();
    expect(answer.structuredContent).toMatchObject({
      modelId: SONNET_37,
      regions: [
        {
          region: 'us-east-1',
          listed: true,
          phase: 'EXTENDED_ACCESS',
          endOfLifeTime: '2026-04-28T08:00:00.000Z',
          nextDeadline: { deadline: 'END_OF_LIFE', days: 7 },
          replacements: expect.arrayContaining(['anthropic.claude-sonnet-4-5-20250929-v1:0']),
        },
        { region: 'us-west-2', listed: true, phase: 'EXTENDED_ACCESS' },
      ],
    });
    expect(answer.content[0]?.text).toContain(
      'us-east-1: Public extended access (Legacy 2025-10-28, extended access 2026-01-27, end of life 2026-04-28); next: end of life in 7 days',
    );
  });

  it('model_lifecycle looks an application inference profile up, as the model it routes to', async () => {
    const arn = `arn:aws:bedrock:us-east-1:${STAND_IN_ACCOUNT}:application-inference-profile/x9cf1ccd1fph`;
    const answer = await call('model_lifecycle', { modelId: arn, regions: ['us-east-1'] });
    expect(answer.structuredContent).toMatchObject({ reference: arn, modelId: SONNET_37 });
    const unknown = await call('model_lifecycle', { modelId: arn.replace('x9cf1ccd1fph', 'nosuchprofile') });
    expect(unknown.isError).toBe(true);
    expect(unknown.content[0]?.text).toMatch(/us-east-1 lists no application inference profile/);
  });

  it('retiring_models lists the models with a deadline within the days asked, most urgent first, names escaped', async () => {
    const answer = await call('retiring_models', { within: 30 });
    const models = (answer.structuredContent?.models ?? []) as { modelId: string }[];
    const ids = models.map((m) => m.modelId);
    // End of life in 7 days, end of life in 10, extended access in 28.
    expect(ids.slice(0, 3)).toEqual([SONNET_37, 'evil.model-v1:0', 'cohere.command-r-plus-v1:0']);
    expect(ids).not.toContain('anthropic.claude-3-5-haiku-20241022-v1:0');
    const text = answer.content[0]?.text ?? '';
    expect(text).toContain('evil.model-v1:0 (');
    // No control character but the line breaks.
    expect([...text].filter((c) => c !== '\n' && (c.codePointAt(0) ?? 0) < 0x20)).toEqual([]);
  });

  it('scan_code reports the model references under a folder of the working directory', async () => {
    const answer = await call('scan_code', { path: 'src' });
    expect(answer.isError).toBeFalsy();
    const findings = answer.structuredContent?.findings as { path: string; modelId: string; class: string }[];
    expect(findings.map((f) => [f.path, f.modelId])).toEqual([['src/app.ts', SONNET_37]]);
    expect(answer.content[0]?.text).toContain('src/app.ts:1');
  });

  it.each([
    ['scan_code', { path: '..' }, /is outside the working directory/],
    ['scan_code', { path: '/etc' }, /is outside the working directory/],
    ['scan_code', { path: 'nowhere' }, /nowhere: no such file or directory/],
    ['model_lifecycle', { modelId: SONNET_37, regions: ['moon-1'] }, /^Invalid regions \["moon-1"\]/],
    ['model_lifecycle', { modelId: 5 }, /modelId/],
    ['retiring_models', { within: -1 }, /within/],
    ['no_such_tool', {}, /no_such_tool not found/],
  ])('answers %s %j with a tool error, and goes on serving', async (name, args, message) => {
    const answer = await call(name, args);
    expect(answer.isError).toBe(true);
    expect(answer.content[0]?.text).toMatch(message);
    expect((await client.listTools()).tools).toHaveLength(3);
  });

  it('answers a region Bedrock refuses with a tool error naming it', async () => {
    await tenant.update({
      faults: [{ region: 'eu-west-1', status: 403, errorType: 'AccessDeniedException', times: -1 }],
    });
    try {
      const answer = await call('retiring_models', { regions: ['eu-west-1'] });
      expect(answer.isError).toBe(true);
      expect(answer.content[0]?.text).toMatch(/AccessDenied/);
    } finally {
      await tenant.update({ faults: [] });
    }
  });

  it('survives a line that is not JSON-RPC, and answers the next request', async () => {
    const child = spawn(process.execPath, [BIN, 'mcp'], { cwd: repo, env: env() });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    const initialize = {
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
    };
    child.stdin.write('this is not json\n{"jsonrpc": "2.0", "id": \n');
    child.stdin.write(`${JSON.stringify(initialize)}\n`);
    await new Promise<void>((resolve) => {
      const wait = () => (stdout.includes('"id":1') ? resolve() : setTimeout(wait, 20));
      wait();
    });
    child.stdin.end();
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(JSON.parse(stdout.split('\n').find((line) => line.includes('"id":1')) ?? '{}')).toMatchObject({
      id: 1,
      result: { serverInfo: { name: 'bedrock-lifecycle' } },
    });
    expect(code).toBe(0);
  });
});
