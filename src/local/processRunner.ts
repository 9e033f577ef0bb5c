// Process mode: the real azmlinfsrv from a project venv, on 127.0.0.1, with debugpy listening in its worker.
import { spawn } from 'node:child_process';
import { mkdir, rm, stat, symlink } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../core/logger';
import type { LocalRunOptions, LocalService } from './localService';
import type { LocalServiceSpec } from './localServiceSpec';
import { startManagedService, type ServerInstance } from './managedService';
import { assertPortFree, freePort } from './network';
import { azureMlEnv, hooksEnv } from './serverHooks';
import type { LogTail } from './serviceEvents';
import { explainMissingModel } from './trainingScript';
import { ensureVenv } from './venv';

export interface ProcessRunOptions extends LocalRunOptions {
  /** Per-project folder in the extension's storage (venv, model layout). */
  readonly storageDir: string;
  readonly python?: string;
  readonly logger: Logger;
}

/**
 * Lays models out as Azure ML mounts them (<root>/<name>/<version>), with symlinks, so score.py finds them at the
 * same relative place locally as in the cluster.
 */
export async function layOutModels(root: string, models: LocalServiceSpec['modelDirs']): Promise<void> {
  await rm(root, { recursive: true, force: true });
  for (const m of models) {
    const versionDir = path.join(root, m.name, m.version);
    if ((await stat(m.path)).isDirectory()) {
      await mkdir(path.dirname(versionDir), { recursive: true });
      await symlink(m.path, versionDir, 'dir');
    } else {
      await mkdir(versionDir, { recursive: true });
      await symlink(m.path, path.join(versionDir, path.basename(m.path)));
    }
  }
  await mkdir(root, { recursive: true });
}

function launchProcess(cmd: string, args: readonly string[], env: Record<string, string>, cwd: string, log: LogTail): ServerInstance {
  // detached: the server gets its own process group, so stop() also ends gunicorn's workers and debugpy's adapter.
  const child = spawn(cmd, args, { cwd, env: { ...process.env, ...env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let exit: { code: number | null } | undefined;
  const closed = new Promise<void>((resolve) => child.once('close', (code) => { exit = { code }; resolve(); }));
  child.once('error', (e) => { log.write(`failed to start ${cmd}: ${e.message}\n`); exit = { code: null }; });
  child.stdout.on('data', (d: Buffer) => log.write(d));
  child.stderr.on('data', (d: Buffer) => log.write(d));
  const signalGroup = (sig: NodeJS.Signals) => {
    try {
      if (child.pid) process.kill(-child.pid, sig);
    } catch {
      // already gone
    }
  };
  return {
    exited: () => exit,
    async reload() {
      // SIGHUP: gunicorn forks fresh workers from the warm master (they import the saved code and run init()),
      // then retires the old ones; the hooks keep the loopback bind across the reload.
      if (child.pid) process.kill(child.pid, 'SIGHUP');
    },
    async stop() {
      if (exit) return;
      signalGroup('SIGTERM');
      const killer = setTimeout(() => signalGroup('SIGKILL'), 3000);
      await closed;
      clearTimeout(killer);
      // Workers and the debugpy adapter may outlive the master by a moment; make sure the group is gone.
      signalGroup('SIGKILL');
    },
  };
}

export async function startProcessService(spec: LocalServiceSpec, opts: ProcessRunOptions): Promise<LocalService> {
  const port = opts.port ?? (await freePort());
  await assertPortFree(port);
  const debugPort = opts.debug ? (opts.debugPort ?? (await freePort())) : undefined;
  if (debugPort !== undefined) await assertPortFree(debugPort);
  const venv = await ensureVenv({ storageDir: opts.storageDir, python: opts.python, pipPackages: spec.pipPackages ?? [], pythonVersion: spec.pythonVersion }, opts.logger, opts.signal);
  const modelRoot = path.join(opts.storageDir, 'azureml-models');
  await layOutModels(modelRoot, spec.modelDirs);
  const entryScript = path.join(spec.sourceDirectory, spec.entryScript);
  // One worker while debugging: each worker would need its own debugpy port.
  const workerCount = debugPort !== undefined ? 1 : spec.workerCount;
  const env = {
    ...spec.environmentVariables,
    ...azureMlEnv({ modelRoot, models: spec.modelDirs, entryScript, appRoot: spec.sourceDirectory, scoringTimeoutMs: spec.scoringTimeoutMs, workerCount }),
    ...hooksEnv(venv.hooksFile, { bindHost: '127.0.0.1', debugHost: '127.0.0.1', debugPort, stateDir: opts.storageDir }),
  };
  const args = ['--entry_script', entryScript, '--model_dir', env.AZUREML_MODEL_DIR, '--port', String(port), '--worker_count', String(workerCount)];
  opts.logger.info(`azmlinfsrv ${args.join(' ')}`);
  return startManagedService({
    mode: 'process',
    url: `http://127.0.0.1:${port}`,
    debug: debugPort !== undefined ? { host: '127.0.0.1', port: debugPort, localRoot: spec.sourceDirectory, remoteRoot: spec.sourceDirectory } : undefined,
    sourceDirectory: spec.sourceDirectory,
    watchIgnore: spec.modelDirs.map((m) => m.path),
    launch: async (log) => launchProcess(venv.bin('azmlinfsrv'), args, env, spec.sourceDirectory, log),
  }, { logger: opts.logger, hotReload: opts.hotReload, healthTimeoutMs: opts.healthTimeoutMs, signal: opts.signal }).catch((e: unknown) => {
    throw explainMissingModel(e, spec);
  });
}
