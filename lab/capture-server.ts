import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CapturedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

/**
 * A local HTTP endpoint that records what is posted to it and answers with a status the test sets:
 * stands in for a Slack incoming webhook, or receives SNS http deliveries.
 */
export async function startCaptureServer() {
  const requests: CapturedRequest[] = [];
  let status = 200;
  let answer = 'ok';
  let extraHeaders: Readonly<Record<string, string>> = {};
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      requests.push({
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      res.writeHead(status, { 'content-type': 'text/plain', ...extraHeaders });
      res.end(answer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${port}`,
    requests,
    /** Makes the endpoint answer every further request with this status, body and headers. */
    respondWith(code: number, body: string, headers: Readonly<Record<string, string>> = {}): void {
      status = code;
      answer = body;
      extraHeaders = headers;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
