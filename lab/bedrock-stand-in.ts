import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ApplicationProfile, type Geography, profilesIn } from './stand-in-profiles';

/**
 * A small Amazon Bedrock control-plane stand-in (moto has no ListFoundationModels). It speaks the
 * real REST-JSON wire format: `GET /foundation-models`, `GET /foundation-models/{id}`,
 * `GET /inference-profiles` (paginated, filtered by type) and
 * `GET /list-foundation-model-agreement-offers/{id}`, RFC 3339 time strings, unset fields left
 * out, errors as an HTTP status plus `x-amzn-ErrorType`.
 *
 * Tenants keep parallel tests apart: the access key id in the SigV4 credential scope selects the
 * tenant (or, for a key moto's STS issued, the tenant of the account moto says it belongs to), and
 * the scope's region selects the region's catalog. Each tenant has a catalog schedule
 * served at a settable time, optional verbatim records, faults and latency, and a request log.
 * Control endpoints live under `/__standin/`.
 */

/** A model with its lifecycle schedule; what is listed follows from the tenant's time. */
export interface ScheduledModel {
  readonly modelId: string;
  readonly modelName: string;
  readonly providerName: string;
  readonly regions: readonly string[];
  readonly startOfLifeTime?: string;
  readonly legacyTime?: string;
  readonly publicExtendedAccessTime?: string;
  readonly endOfLifeTime?: string;
  /** From when the Legacy/extended-access/EOL dates are published. @default legacyTime */
  readonly datesVisibleFrom?: string;
  /** After end of life the model vanishes, or lingers as LEGACY. @default 'vanish' */
  readonly afterEndOfLife?: 'vanish' | 'linger';
  /** Listed instead of the status the schedule implies, e.g. one Bedrock does not document. */
  readonly status?: string;
  /** The end of life is left out of the listing; only GetFoundationModel gives it. */
  readonly endOfLifeInDetailsOnly?: boolean;
  readonly inputModalities?: readonly string[];
  readonly outputModalities?: readonly string[];
  readonly inferenceTypesSupported?: readonly string[];
  /** Geographies of the system-defined inference profiles that route to it ("us" → us.<id>). */
  readonly profiles?: readonly Geography[];
}

/** Fails the next `times` matching Bedrock calls (all regions when region is unset). */
export interface Fault {
  readonly region?: string;
  /** Only calls to this path or below it, e.g. "/inference-profiles". @default every path */
  readonly path?: string;
  readonly status: number;
  readonly errorType: string;
  readonly message?: string;
  /** How many calls fail; -1 for every call. */
  readonly times: number;
}

export interface TenantConfig {
  /** The simulated "now" at which the schedule is evaluated. */
  readonly time: string;
  readonly models: readonly ScheduledModel[];
  /** Records served verbatim after the scheduled ones, per region: odd data for robustness tests. */
  readonly extra?: Readonly<Record<string, readonly unknown[]>>;
  readonly faults?: readonly Fault[];
  /** Application inference profiles the account created. */
  readonly applicationProfiles?: readonly ApplicationProfile[];
  /**
   * The `offers` ListFoundationModelAgreementOffers answers, verbatim, per model id; a model not
   * here has no agreement ("Agreement not supported for this model", as for Amazon's models).
   */
  readonly offers?: Readonly<Record<string, readonly unknown[]>>;
  /** Every Bedrock response leaves this long after its request arrived (at the earliest). */
  readonly delayMs?: number;
  /**
   * The tenant is this account as seen through moto's STS: it also answers requests signed with
   * any temporary credentials moto issued for the account (AssumeRole into it), as AWS would.
   */
  readonly account?: { readonly id: string; readonly stsUrl: string };
}

export interface LoggedRequest {
  readonly method: string;
  readonly path: string;
  readonly region: string;
  readonly service: string;
}

interface Tenant {
  config: TenantConfig;
  faults: Fault[];
  requests: LoggedRequest[];
}

const SCOPE = /Credential=([^/,\s]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request/;

/** RFC 3339 without milliseconds, as Bedrock sends it. */
export const rfc3339 = (iso: string): string => new Date(iso).toISOString().replace(/\.\d{3}Z$/, 'Z');

const passed = (iso: string | undefined, now: number): boolean => iso !== undefined && now >= Date.parse(iso);

/** The summary Bedrock would list for a model at `now`, or undefined when it is not listed. */
export function summaryAt(
  model: ScheduledModel,
  region: string,
  nowIso: string,
  /** The record GetFoundationModel gives, rather than the listing's. */
  details = false,
): Record<string, unknown> | undefined {
  const now = Date.parse(nowIso);
  if (!model.regions.includes(region)) return undefined;
  if (model.startOfLifeTime !== undefined && !passed(model.startOfLifeTime, now)) return undefined;
  if (passed(model.endOfLifeTime, now) && (model.afterEndOfLife ?? 'vanish') === 'vanish') return undefined;
  const published = passed(model.datesVisibleFrom ?? model.legacyTime, now);
  const lifecycle: Record<string, string> = {
    status:
      model.status ??
      (passed(model.legacyTime, now) || passed(model.endOfLifeTime, now) ? 'LEGACY' : 'ACTIVE'),
  };
  if (model.startOfLifeTime) lifecycle.startOfLifeTime = rfc3339(model.startOfLifeTime);
  if (published) {
    if (model.endOfLifeTime && (details || !model.endOfLifeInDetailsOnly)) {
      lifecycle.endOfLifeTime = rfc3339(model.endOfLifeTime);
    }
    if (model.legacyTime) lifecycle.legacyTime = rfc3339(model.legacyTime);
    if (model.publicExtendedAccessTime) {
      lifecycle.publicExtendedAccessTime = rfc3339(model.publicExtendedAccessTime);
    }
  }
  return {
    modelArn: `arn:aws:bedrock:${region}::foundation-model/${model.modelId}`,
    modelId: model.modelId,
    modelName: model.modelName,
    providerName: model.providerName,
    inputModalities: model.inputModalities ?? ['TEXT'],
    outputModalities: model.outputModalities ?? ['TEXT'],
    responseStreamingSupported: true,
    customizationsSupported: [],
    inferenceTypesSupported: model.inferenceTypesSupported ?? ['ON_DEMAND'],
    modelLifecycle: lifecycle,
  };
}

/** A page of ListInferenceProfiles: filtered by `type`, `maxResults` at a time, `nextToken` an offset. */
function inferenceProfiles(tenant: Tenant, region: string, query: URLSearchParams) {
  const type = query.get('type');
  const all = profilesIn(
    region,
    tenant.config.models,
    tenant.config.applicationProfiles ?? [],
    (model, r) => summaryAt(model, r, tenant.config.time) !== undefined,
  ).filter((profile) => type === null || profile.type === type);
  const from = Number(query.get('nextToken') ?? 0);
  const size = Number(query.get('maxResults') ?? 1000);
  const page = all.slice(from, from + size);
  return from + size < all.length
    ? { inferenceProfileSummaries: page, nextToken: String(from + size) }
    : { inferenceProfileSummaries: page };
}

function listing(tenant: Tenant, region: string, query: URLSearchParams): unknown[] {
  const scheduled = tenant.config.models.flatMap((m) => summaryAt(m, region, tenant.config.time) ?? []);
  const all: unknown[] = [...scheduled, ...(tenant.config.extra?.[region] ?? [])];
  const filters: [string, (s: Record<string, unknown>, wanted: string) => boolean][] = [
    ['byProvider', (s, wanted) => String(s.providerName).toLowerCase() === wanted.toLowerCase()],
    ['byOutputModality', (s, wanted) => has(s.outputModalities, wanted)],
    ['byInferenceType', (s, wanted) => has(s.inferenceTypesSupported, wanted)],
    ['byCustomizationType', (s, wanted) => has(s.customizationsSupported, wanted)],
  ];
  return filters.reduce((kept, [name, matches]) => {
    const wanted = query.get(name);
    return wanted === null ? kept : kept.filter((s) => isRecord(s) && matches(s, wanted));
  }, all);
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;
const has = (value: unknown, wanted: string): boolean => Array.isArray(value) && value.includes(wanted);

/** Sends a JSON body already serialised, so the time to serialise it can count as latency. */
function sendJson(res: ServerResponse, status: number, json: string | undefined, errorType?: string): void {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-amzn-requestid': crypto.randomUUID(),
  };
  if (errorType) headers['x-amzn-ErrorType'] = errorType;
  res.writeHead(status, headers);
  res.end(json);
}

const send = (res: ServerResponse, status: number, body?: unknown, errorType?: string): void =>
  sendJson(res, status, body === undefined ? undefined : JSON.stringify(body), errorType);

const fail = (res: ServerResponse, status: number, errorType: string, message: string) =>
  send(res, status, { message }, errorType);

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text === '' ? undefined : JSON.parse(text);
}

/**
 * The account moto's STS says an access key acts as (GetCallerIdentity); null when it cannot say,
 * e.g. once a test's own moto has stopped. moto does not check signatures: the key id is enough.
 */
async function callerAccount(stsUrl: string, accessKeyId: string): Promise<string | null> {
  const res = await fetch(stsUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `AWS4-HMAC-SHA256 Credential=${accessKeyId}/20260101/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=0`,
    },
    body: 'Action=GetCallerIdentity&Version=2011-06-15',
  }).catch(() => null);
  if (!res?.ok) return null;
  return /<Account>(\d{12})<\/Account>/.exec(await res.text())?.[1] ?? null;
}

export interface RunningStandIn {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

export function startBedrockStandIn(port = 0, host = '127.0.0.1'): Promise<RunningStandIn> {
  const tenants = new Map<string, Tenant>();

  /** Keys moto issued, by the tenant of the account they act as (null: no tenant has it). */
  const issued = new Map<string, Tenant | null>();

  /** The tenant of the account whose temporary credentials `accessKeyId` belongs to, as moto's STS says. */
  async function tenantOfAccount(accessKeyId: string): Promise<Tenant | undefined> {
    if (!issued.has(accessKeyId)) {
      const members = [...tenants.values()].filter((t) => t.config.account);
      let found: Tenant | null = null;
      for (const stsUrl of new Set(members.map((t) => t.config.account?.stsUrl))) {
        const account = stsUrl ? await callerAccount(stsUrl, accessKeyId) : null;
        found =
          members.find((t) => t.config.account?.stsUrl === stsUrl && t.config.account?.id === account) ??
          found;
      }
      if (found) issued.set(accessKeyId, found);
      else return undefined;
    }
    return issued.get(accessKeyId) ?? undefined;
  }

  async function control(req: IncomingMessage, res: ServerResponse, parts: string[]): Promise<void> {
    const [, , id, sub] = parts;
    if (!id) return fail(res, 404, 'NotFound', 'no tenant in path');
    const tenant = tenants.get(id);
    if (req.method === 'PUT' && sub === undefined) {
      const config = (await readBody(req)) as TenantConfig;
      tenants.set(id, { config, faults: [...(config.faults ?? [])], requests: tenant?.requests ?? [] });
      return send(res, 204);
    }
    if (!tenant) return fail(res, 404, 'NotFound', `no tenant ${id}`);
    if (req.method === 'PATCH' && sub === undefined) {
      const patch = (await readBody(req)) as Partial<TenantConfig>;
      tenant.config = { ...tenant.config, ...patch };
      if (patch.faults) tenant.faults = [...patch.faults];
      return send(res, 204);
    }
    if (req.method === 'GET' && sub === 'requests') return send(res, 200, tenant.requests);
    if (req.method === 'DELETE' && sub === 'requests') {
      tenant.requests = [];
      return send(res, 204);
    }
    return fail(res, 404, 'NotFound', `no control route ${req.method} ${req.url}`);
  }

  async function bedrock(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const scope = SCOPE.exec(req.headers.authorization ?? '');
    if (!scope) return fail(res, 403, 'MissingAuthenticationTokenException', 'Missing Authentication Token');
    const [, accessKeyId = '', , region = '', service = ''] = scope;
    if (service !== 'bedrock') {
      return fail(
        res,
        403,
        'InvalidSignatureException',
        `Credential should be scoped to correct service: 'bedrock'.`,
      );
    }
    const tenant = tenants.get(accessKeyId) ?? (await tenantOfAccount(accessKeyId));
    if (!tenant) {
      return fail(
        res,
        403,
        'UnrecognizedClientException',
        'The security token included in the request is invalid.',
      );
    }
    tenant.requests.push({ method: req.method ?? '', path: url.pathname, region, service });
    const arrived = Date.now();
    const [status, body, errorType] = answer(tenant, req.method ?? '', url, region);
    const json = JSON.stringify(body);
    // The answer leaves delayMs after the request arrived, however long it took to prepare: a
    // service with that response time, whatever the stand-in's own speed.
    const wait = (tenant.config.delayMs ?? 0) - (Date.now() - arrived);
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    sendJson(res, status, json, errorType);
  }

  function answer(tenant: Tenant, method: string, url: URL, region: string): [number, unknown, string?] {
    const error = (status: number, errorType: string, message: string): [number, unknown, string] => [
      status,
      { message },
      errorType,
    ];
    const fault = tenant.faults.find(
      (f) =>
        f.times !== 0 &&
        (f.region === undefined || f.region === region) &&
        (f.path === undefined || url.pathname === f.path || url.pathname.startsWith(`${f.path}/`)),
    );
    if (fault) {
      if (fault.times > 0) tenant.faults[tenant.faults.indexOf(fault)] = { ...fault, times: fault.times - 1 };
      return error(fault.status, fault.errorType, fault.message ?? fault.errorType);
    }
    if (method !== 'GET') return error(405, 'ValidationException', 'Only GET is served');
    if (url.pathname === '/foundation-models') {
      return [200, { modelSummaries: listing(tenant, region, url.searchParams) }];
    }
    if (url.pathname === '/inference-profiles')
      return [200, inferenceProfiles(tenant, region, url.searchParams)];
    const offered = /^\/list-foundation-model-agreement-offers\/([^/]+)$/.exec(url.pathname);
    if (offered?.[1]) {
      const id = decodeURIComponent(offered[1]);
      const offers = tenant.config.offers?.[id];
      return offers
        ? [200, { modelId: id, offers }]
        : error(400, 'ValidationException', 'Agreement not supported for this model');
    }
    const one = /^\/foundation-models\/([^/]+)$/.exec(url.pathname);
    if (one?.[1]) {
      const id = decodeURIComponent(one[1]);
      const scheduled = tenant.config.models.find((m) => m.modelId === id);
      const details = scheduled
        ? summaryAt(scheduled, region, tenant.config.time, true)
        : listing(tenant, region, new URLSearchParams()).find((s) => isRecord(s) && s.modelId === id);
      return details
        ? [200, { modelDetails: details }]
        : error(404, 'ResourceNotFoundException', `The model ${id} was not found`);
    }
    return error(404, 'UnknownOperationException', `No operation at ${url.pathname}`);
  }

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const parts = url.pathname.split('/').filter(Boolean);
    const handle = parts[0] === '__standin' ? control(req, res, parts) : bedrock(req, res, url);
    handle.catch((error: unknown) => fail(res, 500, 'InternalServerException', String(error)));
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const actual = (server.address() as AddressInfo).port;
      resolve({
        url: `http://localhost:${actual}`,
        port: actual,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}
