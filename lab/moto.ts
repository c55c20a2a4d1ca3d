import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** moto_server, with DynamoDB's real 100-item transaction limit (see the launcher). */
const LAUNCHER = join(__dirname, 'moto_server.py');

/** A port the OS says is free right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface RunningMoto {
  /** Uses the host name `localhost`: moto resolves CloudFormation template URLs only then. */
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

async function waitUntilUp(url: string, process: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (process.exitCode !== null) throw new Error(`moto_server exited with code ${process.exitCode}`);
    try {
      const res = await fetch(`${url}/moto-api/`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`moto_server did not answer at ${url} within ${timeoutMs} ms`);
}

export interface MotoOptions {
  /** Records every request moto receives to this file (moto's request recorder), JSON per line. */
  readonly recordTo?: string;
}

/**
 * Starts the preinstalled moto server (a real emulator of the AWS APIs) on a free port, through a
 * launcher that gives DynamoDB transactions their real limit.
 */
export async function startMoto(options: MotoOptions = {}): Promise<RunningMoto> {
  const port = await freePort();
  const recording = options.recordTo
    ? { MOTO_ENABLE_RECORDING: 'true', MOTO_RECORDER_FILEPATH: options.recordTo }
    : {};
  const child = spawn('python3', [LAUNCHER, '-H', '127.0.0.1', '-p', String(port)], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, ...recording },
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const url = `http://localhost:${port}`;
  try {
    await waitUntilUp(url, child, 30_000);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}\n${stderr}`);
  }
  return {
    url,
    port,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Client settings for moto: any credentials will do. */
export const motoClientConfig = (url: string, region = 'us-east-1') => ({
  endpoint: url,
  region,
  credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
});
