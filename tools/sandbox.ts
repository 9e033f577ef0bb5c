// The sandbox itself (see sandbox.mjs). Options: --port N (default 8080, or PORT), --folder DIR, --user-data-dir DIR
// (code-server's profile; default ~/.cache/aks-model-deploy/sandbox-user-data).
// The extension is installed from the packaged .vsix (what users install), so the bare URL loads it; the sample's
// model is trained first, with the venv Run Locally then reuses, so the first Run Locally serves at once.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SAMPLE_PROJECT_NAME, sampleProjectFiles } from '../src/core/sampleProject';
import { localSpecForFolder } from '../src/local/modelFolderSpec';
import { localStorageDir } from '../src/local/storage';
import { trainModel } from '../src/local/training';
import { modelMissing } from '../src/local/trainingScript';
import { repoRoot, startCodeServer } from '../test/support/codeServer';
import { SANDBOX_LOCAL_STORAGE } from './sandboxStorage';

const cache = path.join(os.homedir(), '.cache/aks-model-deploy');
const VSIX = path.join(repoRoot, 'dist-pkg/aks-model-deploy.vsix');

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const say = (m: string) => console.log(`[sandbox] ${m}`);

function writeSample(project: string): void {
  if (fs.existsSync(project)) return say(`using the existing project in ${project}`);
  for (const f of sampleProjectFiles()) {
    fs.mkdirSync(path.dirname(path.join(project, f.path)), { recursive: true });
    fs.writeFileSync(path.join(project, f.path), f.content);
  }
  say(`sample model project written to ${project}`);
}

/** Trains the sample as Train Model does in process mode: the project's venv, never the system python3. */
async function trainSample(project: string, python: string, signal: AbortSignal): Promise<void> {
  if (!modelMissing(project)) return say(`${SAMPLE_PROJECT_NAME} is trained (model/ exists)`);
  const spec = localSpecForFolder(project);
  if (!spec.ok) throw new Error(`the sample project is not valid:\n${spec.problems.join('\n')}`);
  say(`training ${SAMPLE_PROJECT_NAME} with its own venv (the first time this builds the venv: about a minute)`);
  const info = (m: string) => console.log(`  train | ${m}`);
  const logger = { trace: () => {}, debug: () => {}, info, warn: info, error: (m: string | Error) => info(String(m)) };
  const trained = await trainModel(spec.spec, project, 'process', { storageDir: localStorageDir(SANDBOX_LOCAL_STORAGE, project, 'process'), python, logger, signal });
  say(`trained in ${(trained.ms / 1000).toFixed(1)} s: ${trained.modelDir}`);
}

function packageVsix(): void {
  say('packaging the extension (npm run package)');
  const r = spawnSync('npm', ['run', '--silent', 'package'], { cwd: repoRoot, encoding: 'utf8' });
  if (r.status !== 0 || !fs.existsSync(VSIX)) throw new Error(`npm run package failed (exit ${r.status}):\n${r.stdout}${r.stderr}`);
}

async function main() {
  const port = Number(option('port', process.env.PORT ?? '8080'));
  const folder = path.resolve(option('folder', path.join(os.homedir(), 'aks-model-sandbox')));
  const python = process.env.AKS_PYTHON ?? 'python3';
  const project = path.join(folder, SAMPLE_PROJECT_NAME);
  writeSample(project);
  // Ctrl-C while training stops pip or train.py too; once code-server runs, its own handler cleans up.
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.once('SIGINT', onSignal).once('SIGTERM', onSignal);
  try {
    await trainSample(project, python, stop.signal);
  } finally {
    process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
  }
  packageVsix();
  const server = await startCodeServer({
    port, folder, vsixFiles: [VSIX], userDataDir: path.resolve(option('user-data-dir', path.join(cache, 'sandbox-user-data'))),
    settings: { 'aksModel.local.storageDir': SANDBOX_LOCAL_STORAGE, ...(process.env.AKS_PYTHON ? { 'aksModel.python.path': python } : {}) },
  });
  const shown = folder.startsWith(`${os.homedir()}/`) ? `~${folder.slice(os.homedir().length)}` : folder;
  console.log(`\nAKS Model Deploy sandbox: code-server with the extension installed, ${shown} open, ${SAMPLE_PROJECT_NAME} trained.`);
  console.log(`Open ${server.origin}/`);
  console.log('(in a browser on this machine, or forward the port). Ctrl-C stops it.');
  await new Promise(() => {});
}

main().catch((err) => {
  if (err instanceof Error && err.name === 'AbortError') process.exit(130);
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
