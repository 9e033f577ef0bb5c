// `aks-model-deploy endpoint <endpoint> [changes]`: show an endpoint's versions and shares, and change them with
// the engine the extension uses (each change validated by core/traffic.ts and gated on readiness). Changes run in
// the order given; the output is the endpoint after the last one.
import type { KubeConfig } from '@kubernetes/client-node';
import { endpointVersionDescription, formatGatewayRef, type EndpointModel } from '../core/endpointModel';
import { deleteVersion, makeDefault, markControl, markTreatment, promote, readEndpoint, setTraffic } from '../kube/endpoint';
import type { CliIo } from './cliIo';

export const ENDPOINT_USAGE = `       aks-model-deploy endpoint <endpoint> [--set-traffic VERSION=N ...] [--make-default V] [--control V] [--treatment V]
                                 [--promote V] [--delete-version V [--new-default V]]
       aks-model-deploy deploy <model folder> ... --gateway NAMESPACE/NAME   (computeType AKSENDPOINT: a version of an endpoint)
`;

type Step = { flag: string; value: string };
const STEP_FLAGS = new Set(['--set-traffic', '--make-default', '--control', '--treatment', '--promote', '--delete-version']);

export class EndpointUsageError extends Error {}

export function describeEndpoint(m: EndpointModel): string {
  const head = `endpoint ${m.endpoint} in namespace ${m.namespace}${m.gateway ? ` on gateway ${formatGatewayRef(m.gateway)}` : ''}${m.routed ? '' : ' (no route)'}`;
  const rows = [...m.versions.map((v) => v.name), ...m.unrouted.map((u) => u.name)].map((v) => `  ${v} · ${endpointVersionDescription(m, v)}`);
  return [head, ...rows, ...m.problems.map((p) => `  ! ${p}`)].join('\n');
}

export async function runEndpointCommand(
  args: string[],
  kube: { kc: KubeConfig; namespace: string },
  io: CliIo,
  json: boolean,
): Promise<number> {
  const positional: string[] = [];
  const steps: Step[] = [];
  let newDefault: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const eq = a.indexOf('=');
    const name = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
    const value = () => (a.startsWith('--') && eq > 0 ? a.slice(eq + 1) : (args[++i] ?? ''));
    if (STEP_FLAGS.has(name)) steps.push({ flag: name, value: value() });
    else if (name === '--new-default') newDefault = value();
    else if (a.startsWith('--')) throw new EndpointUsageError(`unknown option ${a}`);
    else positional.push(a);
  }
  if (positional.length !== 1) throw new EndpointUsageError('endpoint takes one endpoint name');
  const ref = { namespace: kube.namespace, endpoint: positional[0] };
  const traffic: Record<string, number | undefined> = {};
  for (const s of steps.filter((x) => x.flag === '--set-traffic')) {
    const m = /^([^=]+)=(\d+(?:\.\d+)?|none)$/.exec(s.value);
    if (!m) throw new EndpointUsageError(`--set-traffic takes VERSION=PERCENT (0–100, or "none"), not "${s.value}"`);
    traffic[m[1]] = m[2] === 'none' ? undefined : Number(m[2]);
  }
  let model: EndpointModel | undefined;
  // All --set-traffic together are one change (so 60/40 can become 40/60 without passing through 100 %).
  if (Object.keys(traffic).length > 0) model = await setTraffic(kube.kc, ref, traffic);
  for (const s of steps.filter((x) => x.flag !== '--set-traffic')) {
    if (!s.value) throw new EndpointUsageError(`${s.flag} takes a version name`);
    if (s.flag === '--make-default') model = await makeDefault(kube.kc, ref, s.value);
    else if (s.flag === '--control') model = await markControl(kube.kc, ref, s.value);
    else if (s.flag === '--treatment') model = await markTreatment(kube.kc, ref, s.value);
    else if (s.flag === '--promote') model = await promote(kube.kc, ref, s.value);
    else if (s.flag === '--delete-version') model = (await deleteVersion(kube.kc, ref, s.value, { newDefault })).model;
  }
  model ??= await readEndpoint(kube.kc, ref.namespace, ref.endpoint);
  io.stdout.write(json ? `${JSON.stringify(model)}\n` : `${describeEndpoint(model)}\n`);
  return 0;
}
