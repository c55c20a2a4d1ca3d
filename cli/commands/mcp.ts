import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { parseOptions } from '../args';
import { lifecycleServer } from '../mcp/server';
import type { Io } from '../output';
import type { Command } from './command';

const HELP = `Usage: bedrock-lifecycle mcp

Serves the lifecycle to a coding assistant over the Model Context Protocol (stdio), so that an
assistant about to write a model id into code can ask first. The assistant starts it; add it to
the assistant's MCP configuration, e.g. with the npm package through npx:

  {"mcpServers": {"bedrock-lifecycle": {
     "command": "npx",
     "args": ["-y", "--package", "bedrock-lifecycle-monitor", "bedrock-lifecycle", "mcp"],
     "env": {"AWS_PROFILE": "dev", "AWS_REGION": "us-east-1"}}}}

or "command": "node" with the path of a checkout's dist/bedrock-lifecycle.cjs, which needs nothing
installed.

Tools (read-only; AWS credentials, region and endpoints as for every command):
  model_lifecycle   {modelId, regions?}: the phase per region, every date, the next deadline and
                    the replacements; a profile id or ARN counts as its model
  retiring_models   {within?, regions?}: models with a deadline within that many days (default 90)
  scan_code         {path, regions?, within?}: the scan findings for a file or folder under the
                    working directory (nothing outside it is read)

Errors (a region that cannot be listed, a bad argument) come back as tool errors; the server keeps
serving. It writes only the protocol to stdout, progress to stderr, and stops when stdin closes.

Options:
  --json               (ignored: the protocol is JSON)`;

export const mcp: Command = {
  name: 'mcp',
  summary: 'Serve the lifecycle to coding assistants (Model Context Protocol over stdio)',
  help: HELP,
  async run(argv: readonly string[], io: Io): Promise<number> {
    const options = parseOptions(argv, {});
    // A fixed --now for reproducible answers; otherwise the clock at each call, as the server lives on.
    const server = lifecycleServer({
      now: () => (options.now === undefined ? new Date() : io.now),
      cwd: process.cwd(),
      err: io.err,
    });
    const transport = new StdioServerTransport();
    const closed = new Promise<void>((resolve) => {
      transport.onclose = resolve;
      process.stdin.once('end', resolve);
    });
    await server.connect(transport);
    await closed;
    await server.close();
    return 0;
  },
};
