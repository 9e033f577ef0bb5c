// The baseline extension of the host benches (bench/fixtures/minimalTree): the least an extension can do to show a
// tree in its own container, packaged and installed as a user has it (the workbench payload takes one development
// path, ours).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from '../test/support/codeServer';

export const BASELINE_DIR = path.join(repoRoot, 'bench/fixtures/minimalTree');
export const BASELINE_ID = 'bench.minimal-tree';

/** Packages the baseline into `dir`; returns the .vsix for startCodeServer's `vsixFiles`. */
export function packageBaseline(dir: string): string {
  const vsix = path.join(dir, 'minimal-tree.vsix');
  const vsce = path.join(repoRoot, 'node_modules/@vscode/vsce/vsce');
  const r = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--out', vsix], { cwd: BASELINE_DIR, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`vsce could not package ${BASELINE_DIR}:\n${r.stdout}${r.stderr}`);
  return vsix;
}
