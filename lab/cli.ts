import { spawn } from 'node:child_process';
import { join } from 'node:path';

const BIN = join(__dirname, '..', 'bin', 'bedrock-lifecycle.cjs');

export interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * The environment of a command run as on a machine of its own: only PATH from this one, a home of
 * its own, us-east-1, no instance metadata, and the given variables (endpoints, credentials).
 */
export function isolatedEnv(home: string, env: Record<string, string>): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    HOME: home,
    AWS_REGION: 'us-east-1',
    AWS_EC2_METADATA_DISABLED: 'true',
    ...env,
  };
}

/** Runs a program to its end and collects what it printed. */
export function runProcess(
  command: string,
  args: readonly string[],
  options: { readonly env: Record<string, string>; readonly cwd?: string | undefined },
): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = spawn(command, args, options);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** Runs `bedrock-lifecycle` as a user would, in its own process, with the given environment. */
export function runCli(args: readonly string[], env: Record<string, string>, cwd?: string): Promise<CliRun> {
  return runProcess(process.execPath, [BIN, ...args], {
    cwd,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      AWS_EC2_METADATA_DISABLED: 'true',
      ...env,
    },
  });
}
