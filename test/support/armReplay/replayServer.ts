// A local HTTPS ARM replay server. Every request is matched to an operation of the official swaggers and
// checked (see requestCheck.ts); a request the spec does not allow is recorded as a violation and answered 400.
// Allowed requests get the operation's official example response, optionally paged, transformed or faulted.
import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BlobStandIn, blobStandInPrefix } from './blobStandIn';
import { makeLocalhostCert, trustingAgent } from './cert';
import { exampleResponse } from './examples';
import { fakeKubeconfig, numberedItem, type ItemGenerator } from './generators';
import { RequestChecker } from './requestCheck';
import { SpecIndex, type SpecOperation } from './specIndex';

type Json = Record<string, unknown>;

export interface PagingPlan {
  total: number;
  pageSize: number;
  item?: ItemGenerator;
}

export interface Fault {
  status: 429 | 403 | 404 | 500 | 503;
  /** How many of the next matching requests fail. */
  times: number;
  retryAfterSeconds?: number;
  code?: string;
  message?: string;
}

export interface RecordedRequest {
  method: string;
  path: string;
  operationId?: string;
  status: number;
  authorization?: string;
}

let sharedIndex: { index: SpecIndex; checker: RequestChecker } | undefined;

export class ArmReplayServer {
  readonly violations: string[] = [];
  readonly requests: RecordedRequest[] = [];
  readonly blob = new BlobStandIn();
  private readonly paging = new Map<string, PagingPlan>();
  private readonly transforms = new Map<string, (body: Json, pathParams: Record<string, string>) => Json>();
  private readonly faults = new Map<string, Fault[]>();
  private readonly delays = new Map<string, number>();
  private readonly generated = new Map<string, unknown>();

  private constructor(
    private readonly server: https.Server,
    readonly url: string,
    readonly agent: https.Agent,
    private readonly index: SpecIndex,
    private readonly checker: RequestChecker,
  ) {}

  static async start(): Promise<ArmReplayServer> {
    // Reading and compiling the swaggers takes a few hundred ms: once per process.
    sharedIndex ??= (() => {
      const index = new SpecIndex();
      return { index, checker: new RequestChecker(index) };
    })();
    const cert = await makeLocalhostCert();
    const server = https.createServer({ cert: cert.cert, key: cert.key });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const self = new ArmReplayServer(server, `https://127.0.0.1:${port}`, trustingAgent(cert), sharedIndex.index, sharedIndex.checker);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      self.handle(req, res).catch((e: unknown) => {
        self.violations.push(`replay server error: ${(e as Error).message}`);
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
    });
    return self;
  }

  /** Serve `total` items built from the example's first item, `pageSize` a page, linked by `$skip` nextLinks. */
  paginate(operationId: string, plan: PagingPlan): void {
    const op = this.index.byId(operationId);
    if (!op.params.some((p) => p.in === 'query' && p.name === '$skip')) {
      throw new Error(`${operationId} declares no $skip parameter: the replay cannot page it without leaving the spec`);
    }
    this.paging.set(operationId, plan);
  }

  /** Rewrites the example body before it is sent (e.g. to give placeholder "string" values real content). */
  transform(operationId: string, fn: (body: Json, pathParams: Record<string, string>) => Json): void {
    this.index.byId(operationId);
    this.transforms.set(operationId, fn);
  }

  fault(operationId: string, fault: Fault): void {
    this.index.byId(operationId);
    this.faults.set(operationId, [...(this.faults.get(operationId) ?? []), { ...fault }]);
  }

  /**
   * GENERATED response for an operation whose official example is not in the specs folder (e.g. Tenants_List):
   * the body is the test's, shaped after the swagger's response schema. Requests are still spec-checked.
   */
  respondWith(operationId: string, body: unknown): void {
    this.index.byId(operationId);
    this.generated.set(operationId, body);
  }

  delay(operationId: string, ms: number): void {
    this.delays.set(operationId, ms);
  }

  count(operationId: string): number {
    return this.requests.filter((r) => r.operationId === operationId).length;
  }

  async close(): Promise<void> {
    this.agent.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const body = await readBody(req);
    if (url.pathname.startsWith(blobStandInPrefix)) {
      this.blob.handle(req, res, url);
      this.requests.push({ method: req.method ?? '', path: url.pathname, status: res.statusCode });
      return;
    }
    const method = req.method ?? 'GET';
    const match = this.index.find(method, url.pathname);
    const record = (status: number, operationId?: string) =>
      this.requests.push({ method, path: url.pathname, operationId, status, authorization: req.headers.authorization });
    if (!match) {
      this.violations.push(`${method} ${url.pathname}: no operation in the swaggers has this method and path`);
      record(400);
      return sendJson(res, 400, armError('SpecViolation', `No operation for ${method} ${url.pathname}`));
    }
    const { op, pathParams } = match;
    const problems = this.checker.check(op, pathParams, url.searchParams, body);
    if (!req.headers.authorization?.startsWith('Bearer ')) problems.push(`${op.operationId}: no bearer token`);
    if (problems.length) {
      this.violations.push(...problems);
      record(400, op.operationId);
      return sendJson(res, 400, armError('SpecViolation', problems.join('; ')));
    }
    const delay = this.delays.get(op.operationId);
    if (delay) await new Promise((r) => setTimeout(r, delay));
    const fault = this.faults.get(op.operationId)?.find((f) => f.times > 0);
    if (fault) {
      fault.times--;
      record(fault.status, op.operationId);
      const headers: Record<string, string> = fault.retryAfterSeconds !== undefined ? { 'retry-after': String(fault.retryAfterSeconds) } : {};
      return sendJson(res, fault.status, armError(fault.code ?? defaultCode(fault.status), fault.message ?? `Replayed ${fault.status}`), headers);
    }
    const example = this.generated.has(op.operationId)
      ? { status: 200, body: structuredClone(this.generated.get(op.operationId)), source: 'generated' }
      : exampleResponse(op);
    let out = this.page(op, example.body as Json, url, pathParams);
    const transform = this.transforms.get(op.operationId) ?? defaultTransforms[op.operationId];
    if (transform) out = transform(out, pathParams);
    record(example.status, op.operationId);
    sendJson(res, example.status, out);
  }

  private page(op: SpecOperation, body: Json, url: URL, pathParams: Record<string, string>): Json {
    if (!op.nextLinkName || !body || !Array.isArray(body.value)) return body;
    const plan = this.paging.get(op.operationId);
    // Official examples carry placeholder nextLinks ("nextlink", other hosts): never replay those.
    if (!plan) return { ...body, [op.nextLinkName]: undefined };
    const template = (body.value[0] ?? {}) as Json;
    const skip = Number(url.searchParams.get('$skip') ?? 0);
    const make = plan.item ?? numberedItem;
    const count = Math.max(0, Math.min(plan.pageSize, plan.total - skip));
    const value = Array.from({ length: count }, (_, i) => make(template, skip + i, pathParams, url.pathname));
    let nextLink: string | undefined;
    if (skip + count < plan.total) {
      const next = new URL(url.pathname + url.search, this.url);
      next.searchParams.set('$skip', String(skip + count));
      nextLink = next.toString();
    }
    return { ...body, value, [op.nextLinkName]: nextLink };
  }
}

const defaultTransforms: Record<string, (body: Json, pathParams: Record<string, string>) => Json> = {
  // The stand-in example's value is the placeholder "credentialValue1"; serve a real (fake-secret) kubeconfig.
  ManagedClusters_ListClusterUserCredentials: (body, p) => ({
    kubeconfigs: ((body.kubeconfigs as Json[] | undefined) ?? []).map((k) => ({
      ...k,
      value: Buffer.from(fakeKubeconfig(p.resourceName ?? 'cluster', `https://${p.resourceName}-dns.hcp.eastus.azmk8s.io:443`)).toString('base64'),
    })),
  }),
};

function defaultCode(status: number): string {
  return { 403: 'AuthorizationFailed', 404: 'ResourceNotFound', 429: 'TooManyRequests', 500: 'InternalServerError', 503: 'ServiceUnavailable' }[status] ?? 'Error';
}

function armError(code: string, message: string): Json {
  return { error: { code, message } };
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'x-ms-request-id': `replay-${Date.now()}`, ...headers });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
