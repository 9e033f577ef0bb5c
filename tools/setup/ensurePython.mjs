// Python for the local-debug tests (builtins only): an interpreter that can make venvs with pip. The tests build
// their own venv (azureml-inference-server-http, debugpy, scikit-learn from PyPI) under ~/.cache/aks-model-deploy.
//   node tools/setup/ensurePython.mjs   -> prints {"python": "...", "version": "3.x"}; installs python3-venv via apt if needed
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { isRoot, run } from './exec.mjs';

const probe = (python) => spawnSync(python, ['-c', 'import sys, venv, ensurepip; print("%d.%d" % sys.version_info[:2])'], { encoding: 'utf8' });

export function ensurePython(python = process.env.AKS_PYTHON ?? 'python3') {
  let r = probe(python);
  if (r.status !== 0) {
    const line = 'apt-get install -y --no-install-recommends python3 python3-venv python3-pip';
    if (!isRoot()) throw new Error(`${python} cannot create virtual environments. Run as root: apt-get update && ${line}`);
    run('apt-get', ['update', '-qq'], { stdio: ['ignore', 'ignore', 'inherit'] });
    run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'python3', 'python3-venv', 'python3-pip'],
      { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    r = probe(python);
    if (r.status !== 0) throw new Error(`${python} still cannot create virtual environments:\n${r.stderr}`);
  }
  return { python, version: r.stdout.trim() };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(JSON.stringify(ensurePython()));
