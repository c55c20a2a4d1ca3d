import { createServer, type IncomingHttpHeaders, request, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** An AWS API request as the proxy sees it: the operation is read from the wire, as AWS routes it. */
export interface SeenRequest {
  /** e.g. "DynamoDB.TransactWriteItems", "SNS.Publish", "BEDROCK.GET /foundation-models". */
  readonly operation: string;
  readonly body: string;
  /** The access key id the request is signed with (whose credentials made it); absent when unsigned. */
  readonly accessKeyId?: string;
  /** When the request arrived and when its answer was complete (epoch ms). */
  readonly arrivedAt: number;
  answeredAt?: number;
  /** The response's status and body, once it has been sent. */
  status?: number;
  response?: string;
}

export interface Fault {
  /** The operation to fail, e.g. "SNS.Publish". */
  readonly operation: string;
  /** Only requests whose body contains this, e.g. an account id. @default every request */
  readonly when?: string;
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** How many matching requests fail; -1 for all. */
  times: number;
}

/**
 * JSON-protocol services name the operation in X-Amz-Target, query-protocol ones in Action=, and
 * REST ones (Bedrock) in the method and path.
 */
function operationOf(method: string, path: string, headers: IncomingHttpHeaders, body: string): string {
  const target = headers['x-amz-target'];
  if (typeof target === 'string') {
    const [service = '', action = ''] = target.split('.');
    return `${service.replace(/_\d+$/, '').replace(/^AmazonSQS$/, 'SQS')}.${action}`;
  }
  const scope =
    /Credential=[^/]+\/\d{8}\/[^/]+\/([^/]+)\//.exec(String(headers.authorization ?? ''))?.[1] ?? 'unknown';
  const action = new URLSearchParams(body).get('Action') ?? `${method} ${path.split('?')[0]}`;
  return `${scope.toUpperCase()}.${action}`;
}

/** The errors AWS returns, in each protocol's own format, for faults the tests inject. */
export const AWS_ERRORS = {
  dynamoDbInternal: (): Omit<Fault, 'times'> => ({
    operation: 'DynamoDB.TransactWriteItems',
    status: 500,
    headers: { 'content-type': 'application/x-amz-json-1.0' },
    body: JSON.stringify({
      __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError',
      message: 'Internal server error',
    }),
  }),
  dynamoDbConditionFailed: (): Omit<Fault, 'times'> => ({
    operation: 'DynamoDB.TransactWriteItems',
    status: 400,
    headers: { 'content-type': 'application/x-amz-json-1.0' },
    body: JSON.stringify({
      __type: 'com.amazonaws.dynamodb.v20120810#TransactionCanceledException',
      message:
        'Transaction cancelled, please refer cancellation reasons for specific reasons [ConditionalCheckFailed]',
      CancellationReasons: [{ Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' }],
    }),
  }),
  snsInternal: (): Omit<Fault, 'times'> => snsError(500, 'Receiver', 'InternalError', 'Internal error'),
  cloudWatchInternal: (): Omit<Fault, 'times'> =>
    cloudWatchError(500, 'InternalServiceFault', 'Internal error'),
  cloudWatchAccessDenied: (): Omit<Fault, 'times'> =>
    cloudWatchError(400, 'AccessDenied', 'User is not authorized to perform: cloudwatch:GetMetricData'),
  /** AssumeRole refused for one account's role, as when its trust policy does not name the caller. */
  stsAccessDenied: (accountId: string, roleName = 'BedrockLifecycleUsageReader'): Omit<Fault, 'times'> => ({
    ...queryError(
      'STS.AssumeRole',
      'https://sts.amazonaws.com/doc/2011-06-15/',
      403,
      'Sender',
      'AccessDenied',
      `User is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${accountId}:role/${roleName}`,
    ),
    when: encodeURIComponent(`:iam::${accountId}:role/`),
  }),
  /** ListAccounts refused, as from an account that is neither the management nor a delegated administrator. */
  organizationsAccessDenied: (): Omit<Fault, 'times'> => ({
    operation: 'AWSOrganizationsV20161128.ListAccounts',
    status: 400,
    headers: { 'content-type': 'application/x-amz-json-1.1' },
    body: JSON.stringify({
      __type: 'AccessDeniedException',
      Message: 'You don’t have permissions to access this resource.',
    }),
  }),
  snsKmsAccessDenied: (): Omit<Fault, 'times'> =>
    snsError(
      400,
      'Sender',
      'KMSAccessDenied',
      'User is not authorized to perform kms:GenerateDataKey on the topic key (Service: AWSKMS; Status Code: 400)',
    ),
};

/** CloudWatch's JSON protocol names its operations after its service's old internal name. */
export const GET_METRIC_DATA = 'GraniteServiceVersion20100801.GetMetricData';

function cloudWatchError(status: number, type: string, message: string): Omit<Fault, 'times'> {
  return {
    operation: GET_METRIC_DATA,
    status,
    headers: { 'content-type': 'application/x-amz-json-1.0' },
    body: JSON.stringify({ __type: `com.amazonaws.cloudwatch#${type}`, message }),
  };
}

/** An error of a query-protocol service (SNS, STS), in its XML with its namespace. */
function queryError(
  operation: string,
  namespace: string,
  status: number,
  type: string,
  code: string,
  message: string,
): Omit<Fault, 'times'> {
  return {
    operation,
    status,
    headers: { 'content-type': 'text/xml' },
    body: `<ErrorResponse xmlns="${namespace}"><Error><Type>${type}</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>fault-proxy</RequestId></ErrorResponse>`,
  };
}

const snsError = (status: number, type: string, code: string, message: string): Omit<Fault, 'times'> =>
  queryError('SNS.Publish', 'http://sns.amazonaws.com/doc/2010-03-31/', status, type, code, message);

/** An answer the proxy gives itself, for an operation the emulator lacks (or runs differently). */
export interface Answer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** Requests answered by the test instead of the target, e.g. Lambda Invoke, which moto cannot run. */
interface Interception {
  readonly operation: RegExp;
  respond(request: { readonly body: string; readonly path: string }): Promise<Answer>;
}

interface Hold {
  readonly timeoutMs: number;
  /** Sends the held request on. */
  waiting?: () => Promise<void>;
  timer?: NodeJS.Timeout;
}

/** Sends a request to the target and pipes the answer back; resolves once it has been answered. */
function forwardTo(
  target: URL,
  method: string,
  path: string,
  headers: IncomingHttpHeaders,
  body: Buffer,
  res: ServerResponse,
  record: SeenRequest,
  transform?: (body: string) => string,
): Promise<void> {
  return new Promise((resolve) => {
    const forward = request(
      { host: target.hostname, port: target.port, method, path, headers: { ...headers, host: target.host } },
      (upstream) => {
        const response: Buffer[] = [];
        upstream.on('data', (chunk: Buffer) => response.push(chunk));
        upstream.on('end', () => {
          record.answeredAt = Date.now();
          record.status = upstream.statusCode ?? 502;
          record.response = Buffer.concat(response).toString('utf8');
          if (transform) {
            // The whole answer, rewritten, with its new length.
            const body = Buffer.from(transform(record.response));
            res.writeHead(record.status, { ...upstream.headers, 'content-length': String(body.length) });
            res.end(body);
          }
        });
        res.on('finish', resolve);
        if (!transform) {
          res.writeHead(upstream.statusCode ?? 502, upstream.headers);
          upstream.pipe(res);
        }
      },
    );
    forward.on('error', (error) => {
      res.writeHead(502);
      res.end(String(error));
      resolve();
    });
    forward.end(body);
  });
}

/**
 * A small HTTP proxy in front of moto (or the Bedrock stand-in) that fails chosen AWS operations
 * with AWS's own error responses, and records every request that passes through it.
 */
export async function startFaultProxy(targetUrl: string) {
  const target = new URL(targetUrl);
  const faults: Fault[] = [];
  const interceptions: Interception[] = [];
  const rewrites = new Map<string, (body: string) => string>();
  const seen: SeenRequest[] = [];
  const holds = new Map<string, Hold>();
  /** Every answer leaves at least this long after its request arrived: a service's latency. */
  let latencyMs = 0;
  const releaseHeld = (operation: string) => {
    const held = holds.get(operation);
    holds.delete(operation);
    if (held?.timer) clearTimeout(held.timer);
    void held?.waiting?.();
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const operation = operationOf(req.method ?? '', req.url ?? '', req.headers, body.toString('utf8'));
      const text = body.toString('utf8');
      const accessKeyId = /Credential=([^/,\s]+)\//.exec(String(req.headers.authorization ?? ''))?.[1];
      const arrived = Date.now();
      const record: SeenRequest = {
        operation,
        body: text,
        arrivedAt: arrived,
        ...(accessKeyId ? { accessKeyId } : {}),
      };
      seen.push(record);
      const fault = faults.find(
        (f) => f.operation === operation && f.times !== 0 && (f.when === undefined || text.includes(f.when)),
      );
      if (fault) {
        if (fault.times > 0) fault.times--;
        res.writeHead(fault.status, { ...fault.headers, 'x-amzn-requestid': 'fault-proxy' });
        res.end(fault.body);
        return;
      }
      const interception = interceptions.find((i) => i.operation.test(operation));
      if (interception) {
        void interception.respond({ body: text, path: req.url ?? '/' }).then((answer) => {
          record.status = answer.status;
          record.response = answer.body;
          res.writeHead(answer.status, { ...answer.headers, 'x-amzn-requestid': 'fault-proxy' });
          res.end(answer.body);
        });
        return;
      }
      const pass = async () => {
        const wait = latencyMs - (Date.now() - arrived);
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        const rewrite = rewrites.get(operation);
        await forwardTo(target, req.method ?? 'GET', req.url ?? '/', req.headers, body, res, record, rewrite);
      };
      const held = holds.get(operation);
      if (held && !held.waiting) {
        // The first request of a held operation waits for the next one to be answered.
        held.waiting = pass;
        held.timer = setTimeout(() => releaseHeld(operation), held.timeoutMs);
        return;
      }
      void pass().then(() => {
        if (held?.waiting) releaseHeld(operation);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${port}`,
    /** Fails the next `times` requests of the fault's operation (-1: all of them). */
    inject(fault: Omit<Fault, 'times'>, times: number): void {
      faults.push({ ...fault, times });
    },
    clear(): void {
      faults.length = 0;
      rewrites.clear();
    },
    /** Answers every request whose operation matches with `respond`, instead of the target. */
    intercept(operation: RegExp, respond: Interception['respond']): void {
      interceptions.push({ operation, respond });
    },
    /** Passes the target's answers to `operation` through `transform` until `clear`. */
    rewrite(operation: string, transform: (body: string) => string): void {
      rewrites.set(operation, transform);
    },
    /** Makes every request passed on take at least `ms`, as a distant service would. */
    setLatency(ms: number): void {
      latencyMs = ms;
    },
    /**
     * Holds the next request of `operation` until another request of that operation has been
     * answered, so two racing requests reach the target in a known order, one after the other
     * (moto does not apply concurrent conditional transactions atomically; DynamoDB does). A held
     * request goes on after `timeoutMs` if no other request comes.
     */
    holdFirst(operation: string, timeoutMs = 10_000): void {
      holds.set(operation, { timeoutMs });
    },
    /** How many requests of an operation passed through (failed ones included). */
    count(operation: string): number {
      return seen.filter((r) => r.operation === operation).length;
    },
    /** Every request that passed through since the last reset, with its response. */
    requests(): readonly SeenRequest[] {
      return [...seen];
    },
    resetCounts(): void {
      seen.length = 0;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type FaultProxy = Awaited<ReturnType<typeof startFaultProxy>>;
