// Train Model: runs a model folder's train.py with the environment Run Locally builds for it (the process-mode venv,
// or the Docker-mode image with the folder mounted), so training needs nothing the user has to install by hand —
// never the system python3, which lacks the project's packages.
import { spawn } from 'node:child_process';
import type { Logger } from '../core/logger';
import { docker, type DockerOptions } from './dockerCli';
import { buildLocalImage, LOCAL_LABEL } from './dockerRunner';
import type { LocalMode } from './localService';
import { LocalServiceError } from './localServiceError';
import type { LocalServiceSpec } from './localServiceSpec';
import { scriptErrorFromLog } from './pythonErrors';
import { hasFiles, MODEL_SUBDIR, TRAIN_SCRIPT, trainingFor, type Training } from './trainingScript';
import { ensureVenv } from './venv';

/** Where the folder is mounted while training in a container. */
const CONTAINER_WORKDIR = '/var/aksmodel-train';

export interface TrainOptions {
  /** The same per-project storage folder Run Locally uses for this mode (venv, or build context). */
  readonly storageDir: string;
  readonly logger: Logger;
  readonly signal?: AbortSignal;
  /** Process mode: the interpreter that creates the venv (never runs the training itself). */
  readonly python?: string;
  /** Docker mode: DOCKER_HOST of the engine. */
  readonly dockerHost?: string;
}

export interface TrainResult {
  readonly modelDir: string;
  readonly mode: LocalMode;
  readonly ms: number;
  /** What train.py printed, last lines. */
  readonly outputTail: readonly string[];
}

/** Runs the folder's train.py with the project's own environment; fails with `trainFailed` and the script's line. */
export async function trainModel(spec: LocalServiceSpec, folder: string, mode: LocalMode, opts: TrainOptions): Promise<TrainResult> {
  const training = trainingFor(folder);
  if (!training) throw new LocalServiceError('trainFailed', `${folder} has no ${TRAIN_SCRIPT}: there is nothing to train the model with.`);
  const started = Date.now();
  const run = mode === 'process' ? await trainInVenv(spec, training, opts) : await trainInImage(spec, training, opts);
  const outputTail = run.out.trim().split('\n').slice(-20);
  if (run.code !== 0) {
    const scriptError = scriptErrorFromLog(run.out, folder, mode === 'docker' ? CONTAINER_WORKDIR : undefined);
    const where = scriptError?.frame ? ` at ${scriptError.frame.file}:${scriptError.frame.line}` : '';
    throw new LocalServiceError('trainFailed', `${TRAIN_SCRIPT} failed (exit ${run.code})${scriptError ? `: ${scriptError.exception}${where}` : ''}`, { scriptError, logTail: outputTail });
  }
  if (!hasFiles(training.modelDir)) {
    throw new LocalServiceError('trainFailed', `${TRAIN_SCRIPT} finished but wrote no model into ${MODEL_SUBDIR}/`, { logTail: outputTail });
  }
  opts.logger.info(`trained ${spec.name} in ${((Date.now() - started) / 1000).toFixed(1)} s: ${training.modelDir}`);
  return { modelDir: training.modelDir, mode, ms: Date.now() - started, outputTail };
}

interface Run { readonly code: number | null; readonly out: string }

async function trainInVenv(spec: LocalServiceSpec, t: Training, opts: TrainOptions): Promise<Run> {
  const venv = await ensureVenv({ storageDir: opts.storageDir, python: opts.python, pipPackages: spec.pipPackages ?? [], pythonVersion: spec.pythonVersion }, opts.logger, opts.signal);
  opts.logger.info(`${venv.python} ${TRAIN_SCRIPT}`);
  return new Promise((resolve, reject) => {
    const child = spawn(venv.python, [t.script], { cwd: t.folder, env: { ...process.env, PYTHONUNBUFFERED: '1' }, stdio: ['ignore', 'pipe', 'pipe'], signal: opts.signal });
    let out = '';
    const onData = (d: Buffer) => {
      out += d.toString();
      for (const l of d.toString().split('\n')) if (l.trim()) opts.logger.info(l);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, out }));
  });
}

async function trainInImage(spec: LocalServiceSpec, t: Training, opts: TrainOptions): Promise<Run> {
  const image = await buildLocalImage(spec, { storageDir: opts.storageDir, dockerHost: opts.dockerHost, logger: opts.logger, signal: opts.signal });
  const o: DockerOptions = { dockerHost: opts.dockerHost, logger: opts.logger, signal: opts.signal };
  // As the local user, so the model files written into the mounted folder belong to them, not to root.
  const user = typeof process.getuid === 'function' ? ['--user', `${process.getuid()}:${process.getgid?.() ?? 0}`] : [];
  const args = [
    'run', '--rm', '--label', `${LOCAL_LABEL}=${spec.name}`, ...user, '-e', 'HOME=/tmp', '-e', 'PYTHONUNBUFFERED=1', '-v', `${t.folder}:${CONTAINER_WORKDIR}`, '-w', CONTAINER_WORKDIR,
    '--entrypoint', 'python', image.tag, TRAIN_SCRIPT,
  ];
  opts.logger.info(`docker ${args.join(' ')}`);
  return docker(args, o, (l) => opts.logger.info(l));
}
