// The artifacts users get, built once per test process the way a release builds them: `npm run package` (the
// production bundles in dist/ and dist-pkg/aks-model-deploy.vsix) and `npm pack` (the npm tarball with the
// aks-model-deploy bin). The artifacts tier tests these files, never the sources.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from './codeServer';

export interface Artifacts {
  /** dist-pkg/aks-model-deploy.vsix */
  readonly vsix: string;
  /** The `npm pack` tarball, in a temporary folder. */
  readonly tarball: string;
  /** The files `npm pack` put in the tarball, relative to the package root. */
  readonly tarballFiles: string[];
}

let built: Artifacts | undefined;

export function packagedArtifacts(): Artifacts {
  if (built) return built;
  run('npm', ['run', 'package']);
  const vsix = path.join(repoRoot, 'dist-pkg/aks-model-deploy.vsix');
  if (!fs.existsSync(vsix)) throw new Error(`npm run package did not write ${vsix}`);
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'aks-npm-pack-'));
  const [pack] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', out])) as { filename: string; files: { path: string }[] }[];
  built = { vsix, tarball: path.join(out, pack.filename), tarballFiles: pack.files.map((f) => f.path).sort() };
  return built;
}

/** Runs a build command in the repository; throws with its output when it fails. */
export function run(cmd: string, args: string[], cwd = repoRoot): string {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', timeout: 300_000, env: { ...process.env, npm_config_loglevel: 'error', npm_config_fund: 'false', npm_config_audit: 'false', npm_config_update_notifier: 'false' } });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status ?? r.signal}:\n${(r.stdout + r.stderr).slice(-4000)}`);
  return r.stdout;
}
