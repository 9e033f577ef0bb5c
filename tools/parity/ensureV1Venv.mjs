// Azure ML v1 itself (azureml-core from PyPI, pinned) in a venv of its own, for the config parity test
// (test/integration/config/v1Parity.test.ts): the oracle (v1Oracle.py) runs v1's own validation on our corpus.
//   node tools/parity/ensureV1Venv.mjs   -> prints {"python": ".../bin/python", "dir": "..."}
// Cached under ~/.cache/aks-model-deploy, keyed by the pinned versions; a half-built venv is rebuilt.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensurePython } from '../setup/ensurePython.mjs';
import { run } from '../setup/exec.mjs';

/** The v1 packages the oracle runs. PyYAML is what v1's CLI loader (yaml.safe_load) used. */
export const V1_PINS = ['azureml-core==1.61.0.post4', 'PyYAML==6.0.2'];

export function v1VenvDir() {
  const key = V1_PINS.map((p) => p.replace('==', '-').toLowerCase()).join('_');
  return path.join(os.homedir(), '.cache/aks-model-deploy', `v1-oracle-${key}`);
}

export function ensureV1Venv() {
  const dir = v1VenvDir();
  const python = path.join(dir, 'bin', 'python');
  const marker = path.join(dir, '.complete');
  if (fs.existsSync(marker)) return { python, dir };
  fs.rmSync(dir, { recursive: true, force: true });
  const base = ensurePython().python;
  // No --system-site-packages: the oracle must see exactly the pinned packages.
  run(base, ['-m', 'venv', dir], { quiet: true });
  run(python, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', ...V1_PINS], { quiet: true });
  const check = spawnSync(python, ['-c', 'import azureml.core, yaml'], { encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`the v1 venv at ${dir} cannot import azureml.core:\n${check.stderr}`);
  fs.writeFileSync(marker, `${V1_PINS.join('\n')}\n`);
  return { python, dir };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(JSON.stringify(ensureV1Venv()));
