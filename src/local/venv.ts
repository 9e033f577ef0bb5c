// Process mode's Python environment: one venv per project under the extension's storage, rebuilt only when its
// inputs (interpreter version + pip packages + server packages) change.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../core/logger';
import { LocalServiceError } from './localServiceError';
import { SERVER_PACKAGES, venvInputsHash } from './localServiceSpec';
import { failingPipPackage } from './pythonErrors';
import { GUNICORN_HOOKS_FILE, gunicornHooksPy } from './serverHooks';

export interface VenvRequest {
  /** Per-project folder in the extension's storage; the venv lives in `<dir>/venv`. */
  readonly storageDir: string;
  /** Interpreter that creates the venv (setting `aksModel.python.path`). */
  readonly python?: string;
  readonly pipPackages: readonly string[];
  readonly pythonVersion?: string;
}

export interface Venv {
  readonly dir: string;
  readonly python: string;
  readonly bin: (name: string) => string;
  readonly hooksFile: string;
  readonly reused: boolean;
  readonly hash: string;
}

const MARKER = '.aksmodel-venv.json';

interface Run { code: number | null; out: string }

function run(cmd: string, args: readonly string[], logger: Logger, signal?: AbortSignal): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], signal });
    let out = '';
    const onData = (d: Buffer) => {
      out += d.toString();
      for (const l of d.toString().split('\n')) if (l.trim()) logger.debug(l);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, out }));
  });
}

async function interpreterVersion(python: string, logger: Logger, signal?: AbortSignal): Promise<string> {
  try {
    const r = await run(python, ['-c', 'import sys, venv; print("%d.%d" % sys.version_info[:2])'], logger, signal);
    if (r.code === 0) return r.out.trim();
    throw new LocalServiceError('pythonMissing', `${python} cannot create virtual environments (the venv module is missing): install python3-venv (Debian/Ubuntu: apt-get install python3-venv).\n${r.out.trim()}`);
  } catch (e) {
    if (e instanceof LocalServiceError) throw e;
    throw new LocalServiceError('pythonMissing', `Python was not found ("${python}"): install Python 3 (Debian/Ubuntu: apt-get install python3 python3-venv; Windows/macOS: python.org) or set aksModel.python.path.`);
  }
}

export async function ensureVenv(req: VenvRequest, logger: Logger, signal?: AbortSignal): Promise<Venv> {
  const python = req.python ?? 'python3';
  const version = await interpreterVersion(python, logger, signal);
  if (req.pythonVersion && !`${version}.`.startsWith(`${req.pythonVersion.split('.').slice(0, 2).join('.')}.`)) {
    logger.warn(`the conda file asks for python ${req.pythonVersion}; the local venv uses ${version} from ${python}`);
  }
  const hash = venvInputsHash(version, req.pipPackages);
  const dir = path.join(req.storageDir, 'venv');
  const bin = (name: string) => path.join(dir, 'bin', name);
  const hooksFile = path.join(dir, GUNICORN_HOOKS_FILE);
  const marker = path.join(dir, MARKER);
  const previous = existsSync(marker) ? (JSON.parse(await readFile(marker, 'utf8')) as { hash?: string }).hash : undefined;
  if (previous === hash && existsSync(bin('azmlinfsrv'))) {
    logger.info(`reusing venv ${dir}`);
    await writeFile(hooksFile, gunicornHooksPy);
    return { dir, python: bin('python'), bin, hooksFile, reused: true, hash };
  }
  logger.info(previous ? `venv inputs changed; rebuilding ${dir}` : `creating venv ${dir}`);
  await rm(dir, { recursive: true, force: true });
  await mkdir(req.storageDir, { recursive: true });
  const made = await run(python, ['-m', 'venv', dir], logger, signal);
  if (made.code !== 0) throw new LocalServiceError('pythonMissing', `"${python} -m venv" failed: install python3-venv.\n${made.out.trim()}`);
  const packages = [...new Set([...req.pipPackages, ...SERVER_PACKAGES])];
  logger.info(`pip install ${packages.join(' ')}`);
  const pip = await run(bin('python'), ['-m', 'pip', 'install', '--disable-pip-version-check', '--no-input', ...packages], logger, signal);
  if (pip.code !== 0) {
    const pkg = failingPipPackage(pip.out);
    // Leave no half-built venv behind that a later run could mistake for a good one.
    await rm(dir, { recursive: true, force: true });
    throw new LocalServiceError('pipFailed', `pip could not install ${pkg ?? 'the packages'}${pkg ? '' : ` (${packages.join(', ')})`}`,
      { package: pkg, logTail: pip.out.trim().split('\n').slice(-20) });
  }
  await writeFile(hooksFile, gunicornHooksPy);
  await writeFile(marker, JSON.stringify({ hash, python: version, packages }, null, 2));
  return { dir, python: bin('python'), bin, hooksFile, reused: false, hash };
}
