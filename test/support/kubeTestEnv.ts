// Starts tools/kube-testenv (embedded etcd + the real kube-apiserver on 127.0.0.1) for integration tests.
// The binary is built on first use by tools/kube-testenv/ensureBuilt.mjs and cached in ~/.cache; a start
// after that takes a few seconds. The process is always stopped: by stop(), on process exit and on Ctrl-C,
// and (since its stdin is a pipe from us) by itself when this process dies without running any handler.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { isAlive } from './processAlive';

const repoRoot = path.resolve(__dirname, '../..');
const ensureBuiltScript = path.join(repoRoot, 'tools/kube-testenv/ensureBuilt.mjs');
const tailBytes = 16_000;

export interface KubeTestEnv {
  kubeConfig: KubeConfig;
  kubeconfigPath: string;
  server: string;
  /** The real node, with `node: true`. */
  node?: RealNode;
  /** metrics-server behind the aggregation layer, with `metricsServer: true`. */
  metricsServer?: MetricsServerInfo;
  stop(): Promise<void>;
}

/** What kube-testenv --node reports about its node (containerd + runc + CNI bridge + the real kubelet). */
export interface RealNode {
  name: string;
  podSubnet: string;
  containerdSocket: string;
  /** containerd's and the kubelet's output: worth reading when a pod does not start. */
  logFile: string;
  registryHostsDir: string;
  /** The node's InternalIP: its pod bridge's gateway address, a local address pods can reach. */
  ip: string;
  /** Lets containerd pull from a plain-HTTP registry at `host:port` (e.g. startLocalRegistry's address). */
  trustPlainHttpRegistry(address: string): void;
}

/** What kube-testenv --metrics-server reports. */
export interface MetricsServerInfo {
  /** metrics-server's output: worth reading when the HPA sees no metric. */
  logFile: string;
  /** Its scrape interval, e.g. "15s". */
  resolution: string;
}

export interface KubeTestEnvOptions {
  /** How long to wait for /readyz once the binary is built (default 120 s; 300 s with metricsServer). */
  readyTimeoutMs?: number;
  /** Forward the server's log to our stderr as it comes (default: only its tail, in errors). */
  verbose?: boolean;
  /**
   * Also run kube-controller-manager (deployment, replicaset, HPA, garbage-collector and service-account
   * controllers), kube-scheduler and kwok, which plays kubelet for any Node you create: Deployments then roll
   * out to Running pods. Off by default: a bare API server starts faster and is enough for most tests.
   */
  controlPlane?: boolean;
  /**
   * Also run one real node (implies controlPlane): containerd + runc + a CNI bridge + the real kubelet, Ready
   * before the start resolves. Pods really run; logs, port-forward and probes are real. Needs root, docker.io
   * and containernetworking-plugins (tools/setup/setup.mjs installs them).
   */
  node?: boolean;
  /**
   * Also run the real metrics-server (implies node): metrics.k8s.io serves the real node's CPU and memory, so
   * HPAs scale on real load. The start resolves once the node's metrics are served (one scrape, ~10 s more).
   */
  metricsServer?: boolean;
  /** Extra kube-controller-manager flags, e.g. `--controllers=endpointslice-controller` (appended to its list). */
  controllerManagerFlags?: readonly string[];
  /** Keep etcd's data (and the certificates) in this folder across starts; each start still makes a new
   * service-account signing key, so a restart on the same folder is a signing-key change with the objects kept. */
  dataDir?: string;
}

const tail = (s: string) => s.slice(-tailBytes).trim();

/** Builds the binary if this machine has none for the current sources; resolves to its path. */
export function ensureKubeTestEnvBuilt(): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [ensureBuiltScript], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      // Progress of a first build is worth seeing live: it can take many minutes.
      process.stderr.write(d);
      err = (err + d.toString()).slice(-tailBytes);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const bin = out.trim().split('\n').pop() ?? '';
      if (code === 0 && bin) resolve(bin);
      else reject(new Error(`building kube-testenv failed (node ${ensureBuiltScript}, exit ${code}):\n${tail(err)}`));
    });
  });
}


/**
 * Removes temp dirs (~120 MB each, mostly etcd's preallocated WAL) left by runs that were killed outright,
 * e.g. SIGKILL to the whole process group. Only dirs named kube-testenv-<pid>-* whose pid is gone.
 */
export function sweepStaleKubeTestEnvDirs(tmp = os.tmpdir()): string[] {
  const removed: string[] = [];
  for (const name of fs.readdirSync(tmp)) {
    const m = /^kube-testenv-(\d+)-\d+$/.exec(name);
    if (!m || isAlive(Number(m[1]))) continue;
    fs.rmSync(path.join(tmp, name), { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}

export async function startKubeTestEnv(options: KubeTestEnvOptions = {}): Promise<KubeTestEnv> {
  const bin = await ensureKubeTestEnvBuilt();
  sweepStaleKubeTestEnvDirs();
  // metrics-server adds its first scrape to a node's start: a loaded machine needs the longer ceiling.
  const readyTimeoutMs = options.readyTimeoutMs ?? (options.metricsServer ? 300_000 : 120_000);
  const args = ['--exit-on-stdin-close', `--ready-timeout=${Math.ceil(readyTimeoutMs / 1000)}s`];
  if (options.controlPlane) args.push('--control-plane');
  if (options.node) args.push('--node');
  if (options.metricsServer) args.push('--metrics-server');
  for (const f of options.controllerManagerFlags ?? []) args.push(`--controller-manager-flag=${f}`);
  if (options.dataDir) args.push(`--data-dir=${options.dataDir}`);
  const child = spawn(bin, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => {
    if (options.verbose) process.stderr.write(d);
    stderr = (stderr + d.toString()).slice(-tailBytes);
  });
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  // A real node stops its pods, containerd and metrics-server before the API server: slower on a loaded machine.
  const stopProcess = stopper(child, exited, options.node || options.metricsServer ? 90_000 : 30_000);
  try {
    const ready = await readyLine(child, exited, readyTimeoutMs, () => stderr);
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromFile(ready.kubeconfig);
    const stop = async () => {
      await stopProcess();
      // It removes its own temp dir; if it crashed on the way out, say so and clean up after it.
      const dir = path.dirname(ready.kubeconfig);
      if (path.basename(dir).startsWith('kube-testenv-') && fs.existsSync(dir)) {
        process.stderr.write(
          `kube-testenv left ${dir} behind (exit ${child.exitCode ?? child.signalCode}); removing it. ` +
            `Its stderr ends with:\n${tail(stderr).slice(-2000)}\n`,
        );
        fs.rmSync(dir, { recursive: true, force: true });
      }
    };
    const node = ready.node && realNode(ready.node);
    return { kubeConfig, kubeconfigPath: ready.kubeconfig, server: ready.server, node, metricsServer: ready.metricsServer, stop };
  } catch (e) {
    await stopProcess();
    throw e;
  }
}

interface ReadyLine {
  kubeconfig: string;
  server: string;
  node?: Omit<RealNode, 'trustPlainHttpRegistry'>;
  metricsServer?: MetricsServerInfo;
}

function realNode(info: Omit<RealNode, 'trustPlainHttpRegistry'>): RealNode {
  return {
    ...info,
    trustPlainHttpRegistry(address: string) {
      // containerd reads <hosts dir>/<host:port>/hosts.toml at every pull, so this works for a running node.
      const dir = path.join(info.registryHostsDir, address);
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(
        path.join(dir, 'hosts.toml'),
        `server = "http://${address}"\n\n[host."http://${address}"]\n  capabilities = ["pull", "resolve"]\n`,
      );
    },
  };
}

function readyLine(
  child: ChildProcessWithoutNullStreams,
  exited: Promise<number | null>,
  timeoutMs: number,
  stderr: () => string,
): Promise<ReadyLine> {
  return new Promise((resolve, reject) => {
    let out = '';
    // The process has the same deadline and then exits with the last /readyz answer, which says more;
    // this timer is the backstop for a process that hangs.
    const timer = setTimeout(
      () => reject(new Error(`kube-testenv not ready after ${timeoutMs} ms; its stderr ends with:\n${tail(stderr())}`)),
      timeoutMs + 15_000,
    );
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`kube-testenv exited (code ${code}) before it was ready; its stderr ends with:\n${tail(stderr())}`));
    });
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const nl = out.indexOf('\n');
      if (nl < 0) return;
      clearTimeout(timer);
      try {
        const line = JSON.parse(out.slice(0, nl)) as Partial<ReadyLine>;
        if (typeof line.kubeconfig !== 'string' || typeof line.server !== 'string') throw new Error('missing fields');
        resolve(line as ReadyLine);
      } catch (e) {
        reject(new Error(`kube-testenv printed an unexpected first line (${String(e)}): ${out.slice(0, nl)}`));
      }
    });
  });
}

function stopper(child: ChildProcessWithoutNullStreams, exited: Promise<number | null>, graceMs: number): () => Promise<void> {
  let stopping: Promise<void> | undefined;
  const onExit = () => {
    // Synchronous last chance: signal it; closing our end of its stdin makes it stop even if the signal is lost.
    if (child.exitCode === null) child.kill('SIGTERM');
  };
  const onSignal = (signal: NodeJS.Signals) => {
    onExit();
    unregister();
    // Our listener replaced Node's default action; restore it when nobody else handles the signal.
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  };
  const unregister = () => {
    process.off('exit', onExit);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
  process.on('exit', onExit);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return () => {
    stopping ??= (async () => {
      unregister();
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const killTimer = setTimeout(() => child.kill('SIGKILL'), graceMs);
        await exited;
        clearTimeout(killTimer);
      }
      child.stdin.destroy();
    })();
    return stopping;
  };
}

/**
 * Mocha hooks for a suite on the real API server: one server per suite, started before its own hooks run and
 * stopped after it. The first run on a machine builds kube-apiserver from source (many minutes); later starts
 * take seconds.
 */
export function useKubeTestEnv(options: KubeTestEnvOptions = {}): () => KubeTestEnv {
  let env: KubeTestEnv | undefined;
  before(async function () {
    this.timeout(1_800_000);
    env = await startKubeTestEnv(options);
  });
  after(async () => {
    await env?.stop();
  });
  return () => {
    if (!env) throw new Error('the kube test env did not start (see the before hook)');
    return env;
  };
}
