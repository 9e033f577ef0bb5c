// The cluster subcommands, successors of `az ml model deploy` and `az ml service ...`: deploy, keys, token, delete,
// status and logs, on the same engines as the extension. Errors are one line and a non-zero exit code.
import path from 'node:path';
import type { KubeConfig } from '@kubernetes/client-node';
import { parseGatewayRef } from '../core/endpointModel';
import { DEFAULT_AUTH_PROXY_IMAGE, EXPOSURE_KINDS, type Exposure, type ExposureKind } from '../core/manifests';
import type { DeploymentPlan } from '../core/plan';
import { DEFAULT_API_CALL_MS, withApiDeadline } from '../kube/apiDeadline';
import { explainApiError } from '../kube/deploy/errors';
import { loadKubeconfig } from '../kube/kubeconfig';
import { deleteService, deployService, getToken, readKeys, regenerateKey, type DeployProgress } from '../kube/deploy';
import { deployEndpointVersion } from '../kube/endpoint';
import { formatLogEvent } from '../kube/logs/format';
import { getServiceLogs, streamServiceLogs } from '../kube/logs/streamLogs';
import { formatLogLine } from '../kube/logs/logLine';
import { formatStatusHuman, formatStatusJson } from '../kube/status/format';
import { watchServiceStatus } from '../kube/status/watchStatus';
import { readServiceExposure } from '../kube/services/exposureState';
import { deployTag, imageRefFor, repositoryFor } from '../core/imageRef';
import { imageContent } from '../local/imageContent';
import { localSpecForFolder } from '../local/modelFolderSpec';
import { publishImage } from '../local/publishImage';
import { localStorageDir } from '../local/storage';
import { describeEndpoint, ENDPOINT_USAGE, EndpointUsageError, runEndpointCommand } from './endpointCommands';
import { readServiceAccess } from '../kube/call/readAccess';
import { CALL_USAGE, callCommand, CallUsageError, uriCommand } from './callCommands';
import type { CliIo } from './cliIo';
import { defaultStorageRoot } from './serve';

export const CLUSTER_USAGE = `       aks-model-deploy deploy <model folder> --registry R [--repository NAME] | --image IMAGE
                               [--context C] [--namespace N] [--dry-run] [--no-wait] [--timeout S] [--auth-proxy-image IMAGE]
         --registry R   build the folder's image with Docker (as serve --mode docker does) and push it to R
                        (e.g. myacr.azurecr.io, 127.0.0.1:5000), tagged with its content hash; skipped when R has it.
                        Uses your docker login (ACR: az acr login --name X). --storage-dir DIR: build folder root.
         --image IMAGE  deploy an image the cluster can already pull (no build)
         --exposure cluster|load-balancer|gateway  how callers reach it (default cluster: port-forward only);
                        gateway needs --gateway NAMESPACE/NAME (an HTTPRoute on /api/v1/service/<name>)
       aks-model-deploy keys <service> [--regen primary|secondary]
       aks-model-deploy token <service>
       aks-model-deploy delete <service>
       aks-model-deploy status <service> [--watch]
       aks-model-deploy logs <service> [--follow] [--tail N]
${CALL_USAGE}${ENDPOINT_USAGE}  Cluster commands take --context C, --namespace N (default: the context's, else "default"), --format text|json,
  --request-timeout S (the longest one Kubernetes API call may take, default ${DEFAULT_API_CALL_MS / 1000}).
`;

class UsageError extends Error {}

interface Flags {
  positional: string[];
  values: Map<string, string>;
  switches: Set<string>;
}

const VALUE_FLAGS = new Set(['--context', '--namespace', '--format', '--image', '--registry', '--repository', '--storage-dir', '--regen', '--tail', '--timeout', '--auth-proxy-image', '--gateway', '--data', '--version', '--request-timeout', '--exposure']);
/** Flags of `endpoint` (some repeatable): passed through to endpointCommands.ts as they are. */
const ENDPOINT_FLAGS = new Set(['--set-traffic', '--make-default', '--control', '--treatment', '--promote', '--delete-version', '--new-default']);

/** The flags each cluster command takes besides --context, --namespace and --format; anything else is refused
 * (a silently ignored `logs --folow` looked like a finished command). */
const COMMAND_FLAGS: Readonly<Record<string, readonly string[]>> = {
  deploy: ['--image', '--registry', '--repository', '--storage-dir', '--timeout', '--auth-proxy-image', '--gateway', '--exposure', '--dry-run', '--no-wait'],
  uri: ['--version'],
  call: ['--data', '--version'],
  keys: ['--regen'],
  token: [],
  delete: [],
  status: ['--watch'],
  logs: ['--follow', '--tail'],
};
const COMMON_FLAGS = ['--context', '--namespace', '--format', '--request-timeout'];

function parseFlags(args: string[], command?: string): Flags {
  const flags: Flags = { positional: [], values: new Map(), switches: new Set() };
  const allowed = command && COMMAND_FLAGS[command] ? [...COMMON_FLAGS, ...COMMAND_FLAGS[command]] : undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const eq = a.indexOf('=');
    const name = eq > 0 ? a.slice(0, eq) : a;
    if (allowed && a.startsWith('-') && a !== '-' && !allowed.includes(name)) throw new UsageError(unknownFlag(command as string, name, allowed));
    if (VALUE_FLAGS.has(name)) flags.values.set(name, eq > 0 ? a.slice(eq + 1) : (args[++i] ?? ''));
    else if (a.startsWith('--')) flags.switches.add(a);
    else flags.positional.push(a);
  }
  return flags;
}

function unknownFlag(command: string, name: string, allowed: readonly string[]): string {
  const near = allowed.find((f) => editDistance(f, name) <= 2) ?? allowed.find((f) => name.length > 3 && (name.startsWith(f) || f.startsWith(name)));
  return `unknown option ${name}${near ? ` (did you mean ${near}?)` : ''}; ${command} takes ${allowed.join(', ')}`;
}

function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length];
}


/** Every API call of the command: bounded by --request-timeout (and by a deploy's --timeout), cancelled by Ctrl-C. */
let callDeadline: { callMs: number; signal?: AbortSignal } = { callMs: DEFAULT_API_CALL_MS };

function kubeFor(flags: Flags): { kc: KubeConfig; namespace: string } {
  const loaded = loadKubeconfig();
  for (const p of loaded.problems) throw new UsageError(`cannot read kubeconfig ${p.file}: ${p.message}`);
  const kc = loaded.kubeConfig;
  const context = flags.values.get('--context');
  if (context) {
    if (!kc.getContextObject(context)) throw new UsageError(`no context "${context}" in the kubeconfig (${loaded.contexts.map((c) => c.name).join(', ') || 'it has none'})`);
    kc.setCurrentContext(context);
  }
  if (!kc.getCurrentContext()) throw new UsageError('the kubeconfig has no current context: pass --context');
  withApiDeadline(kc, { ...callDeadline, cancelledMessage: () => 'cancelled (Ctrl-C); nothing more was sent to the cluster' });
  const namespace = flags.values.get('--namespace') || kc.getContextObject(kc.getCurrentContext())?.namespace || 'default';
  return { kc, namespace };
}

function oneService(flags: Flags, command: string): string {
  if (flags.positional.length !== 1) throw new UsageError(`${command} takes one service name`);
  return flags.positional[0];
}

export async function runClusterCommand(command: string, args: string[], io: CliIo, stop: AbortSignal): Promise<number> {
  let json = false;
  const out = (human: string, data: unknown) => io.stdout.write(json ? `${JSON.stringify(data)}\n` : `${human}\n`);
  try {
    const flags = parseFlags(args, command);
    json = flags.values.get('--format') === 'json';
    callDeadline = { callMs: parseSeconds(flags.values.get('--request-timeout'), DEFAULT_API_CALL_MS / 1000, '--request-timeout') * 1000, signal: stop };
    switch (command) {
      case 'deploy': return await deploy(flags, io, stop, out);
      case 'endpoint': {
        // Endpoint flags repeat (--set-traffic a=10 --set-traffic b=20), so that command parses its own.
        const common: string[] = [];
        const own: string[] = [];
        for (let i = 0; i < args.length; i++) {
          const name = args[i].split('=')[0];
          const target = ENDPOINT_FLAGS.has(name) ? own : VALUE_FLAGS.has(name) ? common : own;
          target.push(args[i]);
          if (!args[i].includes('=') && (ENDPOINT_FLAGS.has(name) || VALUE_FLAGS.has(name)) && i + 1 < args.length) target.push(args[++i]);
        }
        return await runEndpointCommand(own, kubeFor(parseFlags(common)), io, json);
      }
      case 'keys': {
        const { kc, namespace } = kubeFor(flags);
        const ref = { serviceName: oneService(flags, 'keys'), namespace };
        const regen = flags.values.get('--regen');
        if (regen !== undefined && regen !== 'primary' && regen !== 'secondary') throw new UsageError('--regen is "primary" or "secondary"');
        if (regen) await regenerateKey(kc, ref, regen);
        const keys = await readKeys(kc, ref);
        out(`primary   ${keys.primary}\nsecondary ${keys.secondary}`, keys);
        return 0;
      }
      case 'token': {
        const { kc, namespace } = kubeFor(flags);
        const t = await getToken(kc, { serviceName: oneService(flags, 'token'), namespace });
        out(`${t.token}\nrefresh_by ${t.refreshBy.toISOString()}`, { token: t.token, refreshBy: t.refreshBy.toISOString() });
        return 0;
      }
      case 'delete': {
        const { kc, namespace } = kubeFor(flags);
        const deleted = await deleteService(kc, { serviceName: oneService(flags, 'delete'), namespace }, { signal: stop });
        out(deleted.length ? deleted.map((d) => `deleted ${d.kind} ${d.name}`).join('\n') : 'nothing to delete', deleted);
        return 0;
      }
      case 'status': {
        const { kc, namespace } = kubeFor(flags);
        const service = oneService(flags, 'status');
        const watch = flags.switches.has('--watch');
        const local = new AbortController();
        stop.addEventListener('abort', () => local.abort(), { once: true });
        // How it is reached ("load balancer: waiting for an address" until the cloud assigns one; an endpoint has
        // none) and the scoring URI, which does not change while a status is watched: read once, after the first
        // snapshot, so a hung or refused API server fails the watch within its deadline first (issue 19).
        let extras: { exposure?: string; scoringUri?: string } | undefined;
        const readExtras = async () => ({
          exposure: json ? undefined : (await readServiceExposure(kc, namespace, service).catch(() => undefined))?.text,
          scoringUri: await readServiceAccess(kc, { namespace, service }).then((a) => a.scoringUri, () => undefined),
        });
        try {
          // One-shot: a refused or hung API server ends it with its error; --watch rides out restarts.
          for await (const s of watchServiceStatus(kc, { namespace, service, signal: local.signal, once: !watch })) {
            if (!extras) {
              extras = await readExtras();
              if (stop.aborted) break;
              if (extras.exposure) io.stdout.write(`exposure: ${extras.exposure}\n`);
            }
            const { scoringUri } = extras;
            io.stdout.write(json ? `${withScoringUri(formatStatusJson(s), scoringUri)}\n` : `${formatStatusHuman(s)}${scoringUri ? `\nscoring_uri ${scoringUri}` : ''}\n`);
            if (!watch) { local.abort(); break; }
          }
        } catch (e) {
          throw explainApiError(e, { verb: 'read', kind: 'service status', namespace });
        }
        return stop.aborted ? 130 : 0;
      }
      case 'uri':
      case 'call': {
        const { kc, namespace } = kubeFor(flags);
        const c = { kc, namespace, service: oneService(flags, command), version: flags.values.get('--version') || undefined, json, cwd: io.cwd, signal: stop };
        return command === 'uri' ? await uriCommand(c, io.stdout) : await callCommand(c, flags.values.get('--data'), io.stdout, io.stderr);
      }
      case 'logs': {
        const { kc, namespace } = kubeFor(flags);
        const service = oneService(flags, 'logs');
        const tail = Number(flags.values.get('--tail') ?? 100);
        if (!Number.isInteger(tail) || tail < 0) throw new UsageError('--tail is a whole number');
        if (!flags.switches.has('--follow')) {
          for (const line of await getServiceLogs(kc, { namespace, service, tailLines: tail, signal: stop })) io.stdout.write(`${formatLogLine(line)}\n`);
          return 0;
        }
        for await (const e of streamServiceLogs(kc, { namespace, service, tailLines: tail, signal: stop })) {
          const f = formatLogEvent(e);
          if (f) (f.stream === 'stderr' ? io.stderr : io.stdout).write(`${f.text}\n`);
        }
        return 0;
      }
    }
    throw new UsageError(`unknown command "${command}"`);
  } catch (e) {
    // One line: a multi-line message (a model folder's problems) keeps its lines, nothing else adds any.
    io.stderr.write(`aks-model-deploy ${command}: ${stop.aborted ? 'cancelled (Ctrl-C)' : e instanceof Error ? e.message : String(e)}\n`);
    // 130: the shell's code for a command ended by SIGINT.
    return stop.aborted ? 130 : e instanceof UsageError || e instanceof EndpointUsageError || e instanceof CallUsageError ? 2 : 1;
  }
}

async function deploy(flags: Flags, io: CliIo, stop: AbortSignal, out: (human: string, data: unknown) => void): Promise<number> {
  if (flags.positional.length !== 1) throw new UsageError('deploy takes one model folder');
  const given = flags.values.get('--image');
  const registry = flags.values.get('--registry');
  if (given !== undefined && registry !== undefined) throw new UsageError('pass either --registry (build and push) or --image (deploy an existing image), not both');
  if (!given && !registry) throw new UsageError('name a registry to build and push the image to with --registry R (e.g. myacr.azurecr.io), or an image the cluster can already pull with --image IMAGE');
  // Every argument is checked before anything is built, pushed or applied.
  const timeout = parseTimeout(flags.values.get('--timeout'));
  // No single call may outlast the whole deploy's deadline.
  callDeadline = { ...callDeadline, callMs: Math.min(callDeadline.callMs, timeout * 1000) };
  const folder = path.resolve(io.cwd, flags.positional[0]);
  const planned = localSpecForFolder(folder);
  if (!planned.ok) throw new Error(`the model folder is not deployable:\n${planned.problems.join('\n')}`);
  const { kc, namespace } = kubeFor(flags);
  const asked = flags.values.get('--namespace');
  if (asked && planned.plan.namespace && asked !== planned.plan.namespace) {
    throw new UsageError(`the deployment config sets namespace "${planned.plan.namespace}" but --namespace is "${asked}"; drop one of them (nothing was applied)`);
  }
  const exposure = planned.plan.computeType === 'aksendpoint' ? undefined : exposureFlag(flags, planned.plan.namespace ?? namespace);
  const dryRun = flags.switches.has('--dry-run');
  let image = given ?? '';
  if (registry) {
    const repository = flags.values.get('--repository') || planned.plan.serviceName;
    if (dryRun) {
      // A dry run builds and pushes nothing; it names the image a real deploy would push.
      image = imageRefFor(registry, repositoryFor(repository), deployTag((await imageContent(planned.spec)).contentHash));
      io.stderr.write(`push: dry run: would build and push ${image} (if the registry does not have it)\n`);
    } else {
      const storageRoot = flags.values.has('--storage-dir') ? path.resolve(io.cwd, flags.values.get('--storage-dir') ?? '') : defaultStorageRoot();
      const warn = (m: string | Error) => io.stderr.write(`warning: ${m instanceof Error ? m.message : m}\n`);
      const published = await publishImage(planned.spec, {
        registry, repository, storageDir: localStorageDir(storageRoot, folder, 'docker'), signal: stop,
        logger: { trace() {}, debug() {}, info() {}, warn, error: warn },
        onProgress: (p) => io.stderr.write(`${p.step}: ${p.message}\n`),
      });
      image = published.imageRef;
    }
  }
  // A missing namespace is created, as Deploy to AKS… in the editor does.
  const base = { plan: planned.plan, serviceName: planned.plan.serviceName, namespace: planned.plan.namespace ?? namespace, image, authProxyImage: flags.values.get('--auth-proxy-image') || DEFAULT_AUTH_PROXY_IMAGE, createNamespace: true };
  if (planned.plan.computeType === 'aksendpoint') return deployVersion(flags, io, stop, out, { ...base, timeout });
  const target = { ...base, exposure };
  const noWait = flags.switches.has('--no-wait') || dryRun;
  const abort = new AbortController();
  stop.addEventListener('abort', () => abort.abort(), { once: true });
  const progress = deployService(kc, target, { dryRun, signal: abort.signal, timeoutMs: timeout * 1000 });
  for (;;) {
    const next = await progress.next();
    if (next.done) {
      const applied = next.value.applied;
      const scoringUri = dryRun ? undefined : await readServiceAccess(kc, { namespace: target.namespace, service: target.serviceName }).then((a) => a.scoringUri, () => undefined);
      out(`${dryRun ? 'dry run: ' : ''}${target.serviceName} ${noWait ? 'applied' : 'is ready'} in namespace ${target.namespace} (${applied.length} objects)${scoringUri ? `\nscoring_uri ${scoringUri}\ncall it: aks-model-deploy call ${target.serviceName} --namespace ${target.namespace} --data @sample-request.json` : ''}`, { service: target.serviceName, namespace: target.namespace, image, objects: applied, ...(scoringUri ? { scoringUri } : {}) });
      return 0;
    }
    io.stderr.write(`${next.value.step}: ${next.value.message}\n`);
    if (noWait && next.value.step === 'rollout') {
      abort.abort();
      out(`${target.serviceName} applied in namespace ${target.namespace}; not waiting for the rollout`, { service: target.serviceName, namespace: target.namespace, image, waited: false });
      return 0;
    }
  }
}

function parseSeconds(raw: string | undefined, fallback: number, flag: string): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n) || n <= 0 || n > 86_400) throw new UsageError(`${flag} is a number of seconds above 0 and at most 86400, not "${raw}"`);
  return n;
}

/** --exposure (and --gateway for the gateway exposure), checked before anything is built or applied. */
function exposureFlag(flags: Flags, namespace: string): Exposure {
  const kind = flags.values.get('--exposure') ?? 'cluster';
  if (!(EXPOSURE_KINDS as readonly string[]).includes(kind)) throw new UsageError(`--exposure is one of ${EXPOSURE_KINDS.join(', ')}, not "${kind}" (nothing was applied)`);
  const g = flags.values.get('--gateway');
  if (kind !== 'gateway') {
    if (g) throw new UsageError('--gateway goes with --exposure gateway (nothing was applied)');
    return { kind: kind as ExposureKind };
  }
  const gateway = g ? parseGatewayRef(g, namespace) : undefined;
  if (!gateway) throw new UsageError(g ? `--gateway is NAMESPACE/NAME, not "${g}"` : '--exposure gateway needs --gateway NAMESPACE/NAME (the Gateway the route attaches to; nothing was applied)');
  return { kind: 'gateway', gateway };
}

/** --timeout in seconds: a number above 0 and at most a day (0, -1 or "abc" used to fail after the apply, or hang). */
function parseTimeout(raw: string | undefined): number {
  if (raw === undefined) return 600;
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n) || n <= 0 || n > 86_400) throw new UsageError(`--timeout is a number of seconds above 0 and at most 86400, not "${raw}" (nothing was applied)`);
  return n;
}

/** computeType AKSENDPOINT: one version of an endpoint; the route changes only after its rollout (no --no-wait). */
async function deployVersion(
  flags: Flags,
  io: CliIo,
  stop: AbortSignal,
  out: (human: string, data: unknown) => void,
  t: { plan: DeploymentPlan; serviceName: string; namespace: string; image: string; authProxyImage: string; timeout: number },
): Promise<number> {
  if (flags.switches.has('--no-wait') || flags.switches.has('--dry-run')) {
    throw new UsageError('an endpoint version is routed only once it is ready, so --no-wait and --dry-run do not apply to computeType AKSENDPOINT');
  }
  const g = flags.values.get('--gateway');
  const gateway = g ? parseGatewayRef(g, t.namespace) : undefined;
  if (g && !gateway) throw new UsageError(`--gateway is NAMESPACE/NAME, not "${g}"`);
  const { kc } = kubeFor(flags);
  const progress = deployEndpointVersion(kc, { plan: t.plan, endpoint: t.serviceName, namespace: t.namespace, image: t.image, authProxyImage: t.authProxyImage, gateway, createNamespace: true }, { signal: stop, timeoutMs: t.timeout * 1000 });
  for (;;) {
    const next = await progress.next();
    if (next.done) {
      out(`version ${next.value.version} of ${t.serviceName} is ready and routed\n${describeEndpoint(next.value.model)}`, next.value.model);
      return 0;
    }
    const p: DeployProgress | { step: string; message: string } = next.value;
    io.stderr.write(`${p.step}: ${p.message}\n`);
  }
}

/** The status JSON with the scoring URI added (formatStatusJson stays the status engine's own format). */
function withScoringUri(statusJson: string, scoringUri: string | undefined): string {
  if (!scoringUri) return statusJson;
  try {
    return JSON.stringify({ ...(JSON.parse(statusJson) as object), scoringUri });
  } catch {
    return statusJson;
  }
}
