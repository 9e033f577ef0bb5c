// Docker mode: build the image (tag = content hash, so an unchanged project is not rebuilt), run it on
// 127.0.0.1:<port> with debugpy published too, stream its log, reload with the source mounted.
import { spawn } from 'node:child_process';
import { copyFile, mkdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../core/logger';
import { assertDockerReady, docker, dockerEnv, imageId, type DockerOptions } from './dockerCli';
import { CONTAINER_DEBUG_PORT, CONTAINER_PORT, LOCAL_LABEL, PIP_INDEX_ARGS, containerSourceDir, contextModelPath, failingBuildStep } from './dockerfile';
import { imageContent } from './imageContent';
import type { LocalRunOptions, LocalService } from './localService';
import { LocalServiceError } from './localServiceError';
import type { LocalServiceSpec } from './localServiceSpec';
import { startManagedService, type ServerInstance } from './managedService';
import { assertPortFree, freePort } from './network';
import { failingPipPackage } from './pythonErrors';
import { GUNICORN_HOOKS_FILE, gunicornHooksPy } from './serverHooks';
import type { LogTail } from './serviceEvents';
import { loadContextRules } from './contextRules';
import { copyTree } from './sourceTree';
import { explainMissingModel } from './trainingScript';

export interface DockerRunOptions extends LocalRunOptions {
  /** Per-project folder in the extension's storage (build context, the generated Dockerfile). */
  readonly storageDir: string;
  readonly dockerHost?: string;
  readonly logger: Logger;
  /** Rebuild every layer (`docker build --no-cache`), e.g. after a base image update. */
  readonly noCache?: boolean;
}

export interface LocalImage {
  readonly tag: string;
  /** The image's content hash (see imageContent): the deploy tag is made from it. */
  readonly contentHash: string;
  readonly imageId: string;
  /** False when the tag already existed: nothing was built. */
  readonly built: boolean;
  /** The generated Dockerfile, kept so the user can open it. */
  readonly dockerfilePath: string;
}

export { LOCAL_LABEL };

export async function buildLocalImage(spec: LocalServiceSpec, opts: DockerRunOptions): Promise<LocalImage> {
  const o: DockerOptions = { dockerHost: opts.dockerHost, logger: opts.logger, signal: opts.signal };
  await assertDockerReady(o);
  const { dockerfile, environmentDockerfile, environmentImage, contentHash, localTag: tag, modelsInSource: exclude } = await imageContent(spec);
  await mkdir(opts.storageDir, { recursive: true });
  const dockerfilePath = path.join(opts.storageDir, 'Dockerfile');
  await writeFile(dockerfilePath, dockerfile);
  const existing = opts.noCache ? undefined : await imageId(tag, o);
  if (existing) {
    opts.logger.info(`image ${tag} is up to date; not rebuilding`);
    return { tag, contentHash, imageId: existing, built: false, dockerfilePath };
  }
  await ensureEnvironmentImage(environmentImage, environmentDockerfile, opts, o);
  // A fresh context each build: src/, models/<name>/<version>/, the hooks file and the Dockerfile.
  const context = path.join(opts.storageDir, 'docker-context');
  await rm(context, { recursive: true, force: true });
  // The source folder's ignore file (.amlignore, else .gitignore) and the deny list decide what goes in. A model
  // folder follows its own ignore file, not the project's: a project .gitignore often lists model/ or *.pkl.
  const rules = loadContextRules(spec.sourceDirectory);
  const denied: string[] = [];
  const onDenied = (rel: string) => denied.push(rel);
  await copyTree(spec.sourceDirectory, path.join(context, 'src'), { exclude, rules, onDenied });
  for (const m of spec.modelDirs) {
    const dest = path.join(context, contextModelPath(m));
    if ((await stat(m.path)).isDirectory()) await copyTree(m.path, dest, { onDenied });
    else if (!loadContextRules(path.dirname(m.path)).denied(path.basename(m.path), false)) await copyFile(m.path, path.join(await mkdirp(dest), path.basename(m.path)));
    else onDenied(m.path);
  }
  if (denied.length) opts.logger.info(`left out of the image (secrets by name: env files, keys, VCS folders): ${[...new Set(denied)].join(', ')}`);
  await writeFile(path.join(context, GUNICORN_HOOKS_FILE), gunicornHooksPy);
  await writeFile(path.join(context, 'Dockerfile'), dockerfile);
  opts.logger.info(`docker build -t ${tag} ${context}`);
  const r = await docker(['build', ...(opts.noCache ? ['--no-cache'] : []), '-t', tag, context], o, (l) => opts.logger.info(l));
  if (r.code !== 0) throw buildFailure(r.out);
  const id = await imageId(tag, o);
  if (!id) throw new LocalServiceError('buildFailed', `docker build reported success but ${tag} is missing`);
  return { tag, contentHash, imageId: id, built: true, dockerfilePath };
}

/** Label on environment images: `docker images --filter label=aksmodel.io/environment` lists them. */
export const ENVIRONMENT_LABEL = 'aksmodel.io/environment';

/**
 * Builds the Python environment image unless it is there. It is a tagged image of its own, not an untagged build
 * stage: `docker image prune` (or `system prune`, `builder prune`) keeps it, so the next build does not reinstall.
 */
async function ensureEnvironmentImage(image: string, dockerfile: string, opts: DockerRunOptions, o: DockerOptions): Promise<void> {
  if (!opts.noCache && (await imageId(image, o))) {
    opts.logger.info(`environment image ${image} is there; not reinstalling the environment`);
    return;
  }
  // The environment needs no files: its context is its Dockerfile alone.
  const context = path.join(opts.storageDir, 'environment-context');
  await rm(context, { recursive: true, force: true });
  await mkdir(context, { recursive: true });
  await writeFile(path.join(context, 'Dockerfile'), dockerfile);
  await writeFile(path.join(opts.storageDir, 'environment.Dockerfile'), dockerfile);
  opts.logger.info(`docker build -t ${image} ${context} (the Python environment)`);
  // The pip index settings go in by name: docker reads their values from its own environment, never our argv.
  const buildArgs = PIP_INDEX_ARGS.filter((k) => process.env[k]).flatMap((k) => ['--build-arg', k]);
  const r = await docker(['build', ...(opts.noCache ? ['--no-cache'] : []), '--label', `${ENVIRONMENT_LABEL}=true`, ...buildArgs, '-t', image, context], o, (l) => opts.logger.info(l));
  if (r.code !== 0) throw buildFailure(r.out);
}

function buildFailure(out: string): LocalServiceError {
  const step = failingBuildStep(out);
  const pkg = failingPipPackage(out);
  return new LocalServiceError('buildFailed', `docker build failed${step ? ` at: ${step}` : ''}${pkg ? ` (pip could not install ${pkg})` : ''}`,
    { step, package: pkg, logTail: out.trim().split('\n').slice(-25) });
}

const mkdirp = async (dir: string): Promise<string> => { await mkdir(dir, { recursive: true }); return dir; };

function launchContainer(args: readonly string[], o: DockerOptions, log: LogTail): Promise<ServerInstance> {
  return (async () => {
    const r = await docker(['run', '-d', ...args], o);
    if (r.code !== 0) {
      const inUse = /port is already allocated|address already in use/i.test(r.out);
      throw new LocalServiceError(inUse ? 'portInUse' : 'exited', `docker run failed: ${r.out.trim()}`);
    }
    const id = r.out.trim().split('\n').at(-1) ?? '';
    const env = dockerEnv(o);
    // `docker logs -f` streams the server log; `docker wait` tells us when (and how) the container ended.
    const logs = spawn('docker', ['logs', '-f', id], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    logs.stdout.on('data', (d: Buffer) => log.write(d));
    logs.stderr.on('data', (d: Buffer) => log.write(d));
    const logsDone = new Promise<void>((res) => logs.once('close', () => res()));
    let exit: { code: number | null } | undefined;
    const waiter = spawn('docker', ['wait', id], { env, stdio: ['ignore', 'pipe', 'ignore'] });
    let waited = '';
    waiter.stdout.on('data', (d: Buffer) => (waited += d.toString()));
    waiter.once('close', () => {
      // Report the exit only once the log is complete, so an init() traceback is never cut off.
      void logsDone.then(() => { exit = { code: Number(waited.trim()) }; });
    });
    return {
      exited: () => exit,
      async reload() {
        // SIGHUP to the gunicorn master (PID 1): new workers import the mounted, saved code; the image is untouched.
        await docker(['kill', '--signal', 'HUP', id], o);
      },
      async stop() {
        await docker(['rm', '-f', id], o);
        logs.kill();
        waiter.kill();
      },
    };
  })();
}

export async function startDockerService(spec: LocalServiceSpec, opts: DockerRunOptions): Promise<LocalService> {
  const o: DockerOptions = { dockerHost: opts.dockerHost, logger: opts.logger, signal: opts.signal };
  const image = await buildLocalImage(spec, opts);
  const port = opts.port ?? (await freePort());
  await assertPortFree(port);
  const debugPort = opts.debug ? (opts.debugPort ?? (await freePort())) : undefined;
  if (debugPort !== undefined) await assertPortFree(debugPort);
  const src = containerSourceDir(spec);
  const args = [
    '--label', `${LOCAL_LABEL}=${spec.name}`, '-p', `127.0.0.1:${port}:${CONTAINER_PORT}`,
    ...(debugPort !== undefined
      ? ['-p', `127.0.0.1:${debugPort}:${CONTAINER_DEBUG_PORT}`, '-e', 'AKSMODEL_DEBUGPY_HOST=0.0.0.0', '-e', `AKSMODEL_DEBUGPY_PORT=${CONTAINER_DEBUG_PORT}`,
        // One worker while debugging (one debugpy port); a paused worker must not be killed for missing heartbeats.
        '-e', 'WORKER_COUNT=1', '-e', 'WORKER_TIMEOUT=86400']
      : []),
    // Hot reload serves the saved files from the mounted folder; the copy baked into the image stays as built.
    ...(opts.hotReload ? ['-v', `${spec.sourceDirectory}:${src}:ro`] : []),
    image.tag,
  ];
  return startManagedService({
    mode: 'docker',
    url: `http://127.0.0.1:${port}`,
    imageId: image.imageId,
    debug: debugPort !== undefined ? { host: '127.0.0.1', port: debugPort, localRoot: spec.sourceDirectory, remoteRoot: src } : undefined,
    sourceDirectory: spec.sourceDirectory,
    serverSourceDirectory: src,
    watchIgnore: spec.modelDirs.map((m) => m.path),
    launch: (log) => launchContainer(args, o, log),
  }, { logger: opts.logger, hotReload: opts.hotReload, healthTimeoutMs: opts.healthTimeoutMs, signal: opts.signal }).catch((e: unknown) => {
    throw explainMissingModel(e, spec);
  });
}
