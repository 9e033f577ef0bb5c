// `uri` and `call`: v1's `service.scoring_uri` and `az ml service run`. `call` goes through a port-forward to one ready
// pod and adds the key or token itself; it prints the answer's body on stdout, status and time on stderr.
import fs from 'node:fs';
import path from 'node:path';
import type { KubeConfig } from '@kubernetes/client-node';
import { callService } from '../kube/call/callService';
import { readServiceAccess, type ServiceAccess } from '../kube/call/readAccess';

export const CALL_USAGE = `       aks-model-deploy uri <service> [--version V]
       aks-model-deploy call <service> --data @request.json | --data '<json>' [--version V]
                               (an endpoint: a version by the route's weights, or --version V directly)
`;

export class CallUsageError extends Error {}

export interface CallContext {
  readonly kc: KubeConfig;
  readonly namespace: string;
  readonly service: string;
  readonly version?: string;
  readonly json: boolean;
  readonly cwd: string;
  readonly signal: AbortSignal;
}

type Out = { write(text: string): unknown };

export function describeAccess(a: ServiceAccess): string {
  const lines = [`scoring_uri ${a.scoringUri ?? '(none yet)'}`, `swagger_uri ${a.swaggerUri ?? '(none yet)'}`, `auth        ${a.authMode}`];
  for (const x of a.addresses) {
    const where = `${x.exposure}${x.version ? ` (version ${x.version})` : ''}`;
    lines.push(`  ${where.padEnd(26)} ${x.scoringUri ?? x.waiting ?? ''}`);
  }
  return lines.join('\n');
}

export async function uriCommand(c: CallContext, stdout: Out): Promise<number> {
  const a = await readServiceAccess(c.kc, { namespace: c.namespace, service: c.service, version: c.version });
  const data = { service: a.service, namespace: a.namespace, version: a.version, scoringUri: a.scoringUri, swaggerUri: a.swaggerUri, authMode: a.authMode, addresses: a.addresses };
  stdout.write(c.json ? `${JSON.stringify(data)}\n` : `${describeAccess(a)}\n`);
  return 0;
}

/** `--data @file` (relative to the working directory) or the JSON text itself; checked before anything is sent. */
export function readData(raw: string | undefined, cwd: string): string {
  if (raw === undefined || raw === '') throw new CallUsageError('pass the request body with --data @request.json or --data \'{"data": ...}\'');
  let text = raw;
  if (raw.startsWith('@')) {
    const file = path.resolve(cwd, raw.slice(1));
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      throw new CallUsageError(`cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
    }
  }
  try {
    JSON.parse(text);
  } catch (e) {
    throw new CallUsageError(`--data is not JSON${raw.startsWith('@') ? ` (${raw.slice(1)})` : ''}: ${e instanceof Error ? e.message : String(e)}`);
  }
  return text;
}

export async function callCommand(c: CallContext, dataFlag: string | undefined, stdout: Out, stderr: Out): Promise<number> {
  const body = readData(dataFlag, c.cwd);
  const r = await callService(c.kc, { namespace: c.namespace, service: c.service, version: c.version, body, signal: c.signal });
  if (c.json) {
    stdout.write(`${JSON.stringify({ status: r.status, latencyMs: r.latencyMs, ok: r.ok, version: r.version, pod: r.pod, via: r.via, scoringUri: r.scoringUri, headers: r.headers, body: r.json ?? r.body, ...(r.error ? { error: r.error } : {}) })}\n`);
  } else {
    stderr.write(`${r.status || 'no answer'} in ${r.latencyMs} ms${r.version ? ` from version ${r.version}` : ''} (${r.via})${r.error ? `: ${r.error}` : ''}\n`);
    if (r.body) stdout.write(r.body.endsWith('\n') ? r.body : `${r.body}\n`);
  }
  return r.ok ? 0 : 1;
}
