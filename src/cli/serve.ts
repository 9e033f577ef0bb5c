// `aks-model-deploy serve <model folder> [--mode process|docker] [--port N]`: the local engine, headless. Prints
// "listening on http://127.0.0.1:N" once / is healthy, streams the server log, stops cleanly on the signal.
import os from 'node:os';
import path from 'node:path';
import type { Logger } from '../core/logger';
import { localSpecForFolder } from '../local/modelFolderSpec';
import { startDockerService } from '../local/dockerRunner';
import { startProcessService } from '../local/processRunner';
import { localStorageDir } from '../local/storage';
import type { LocalMode } from '../local/localService';
import type { CliIo } from './cliIo';

export const SERVE_USAGE = `Usage: aks-model-deploy serve <model folder> [--mode process|docker] [--port N] [--storage-dir DIR]

Serves the folder's entry script with the Azure ML inference server (azmlinfsrv) on 127.0.0.1, as a Python
process (default) or in Docker, with hot reload on source changes. Ctrl-C stops it and everything it started.
`;

/** Where the CLI keeps local environments and build contexts (serve and deploy share a project's folder). */
export const defaultStorageRoot = (): string => path.join(os.homedir(), '.cache/aks-model-deploy/local');

export async function serve(args: string[], io: CliIo, stop: AbortSignal): Promise<number> {
  let mode: LocalMode = 'process';
  let port: number | undefined;
  let storageRoot = defaultStorageRoot();
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--mode') mode = args[++i] as LocalMode;
    else if (a === '--port') port = Number(args[++i]);
    else if (a === '--storage-dir') storageRoot = path.resolve(io.cwd, args[++i] ?? '');
    else if (a === '--help' || a === '-h') { io.stdout.write(SERVE_USAGE); return 0; }
    else if (a.startsWith('--')) { io.stderr.write(`aks-model-deploy serve: unknown option "${a}".\n${SERVE_USAGE}`); return 2; }
    else positional.push(a);
  }
  if (mode !== 'process' && mode !== 'docker') { io.stderr.write(`aks-model-deploy serve: --mode is "process" or "docker", not "${mode}".\n`); return 2; }
  if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) { io.stderr.write('aks-model-deploy serve: --port is a port number (1-65535).\n'); return 2; }
  if (positional.length !== 1) { io.stderr.write(`aks-model-deploy serve: name one model folder.\n${SERVE_USAGE}`); return 2; }
  const folder = path.resolve(io.cwd, positional[0]);
  const result = localSpecForFolder(folder);
  if (!result.ok) { io.stderr.write(`${result.problems.join('\n')}\n`); return 1; }
  const log = (prefix: string) => (m: string | Error) => io.stderr.write(`${prefix}${m instanceof Error ? m.message : m}\n`);
  const logger: Logger = { trace() {}, debug() {}, info: log(''), warn: log('warning: '), error: log('error: ') };
  for (const note of result.notes) logger.info(note);
  const opts = { storageDir: localStorageDir(storageRoot, folder, mode), logger, port, hotReload: true, signal: stop };
  const service = mode === 'process' ? await startProcessService(result.spec, opts) : await startDockerService(result.spec, opts);
  io.stdout.write(`listening on ${service.url}\n`);
  const follow = (async () => {
    for await (const e of service.events(stop)) {
      if (e.type === 'log') io.stdout.write(`${e.line}\n`);
      else if (e.type === 'reloaded') io.stderr.write(`reloaded in ${e.ms} ms\n`);
      else io.stderr.write(`state: ${e.state}${e.message ? `: ${e.message}` : ''}\n`);
    }
  })();
  await new Promise<void>((resolve) => (stop.aborted ? resolve() : stop.addEventListener('abort', () => resolve(), { once: true })));
  await service.stop();
  await follow;
  io.stderr.write('stopped\n');
  return 0;
}
