// Where the public API specifications live. They are not committed into this project: the workplace copy is
// ../shared/specs; elsewhere `node tools/specs/fetchSpecs.mjs` downloads them into a cache at pinned commits.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const repoRoot = path.resolve(__dirname, '../..');

export function specsDir(): string {
  const candidates = [
    process.env.AKS_MODEL_SPECS_DIR,
    path.resolve(repoRoot, '../shared/specs'),
    path.join(os.homedir(), '.cache/aks-model-deploy/specs'),
  ].filter((p): p is string => !!p);
  for (const dir of candidates) {
    if (fs.existsSync(path.join(dir, 'azure')) && fs.existsSync(path.join(dir, 'k8s'))) return dir;
  }
  throw new Error(
    `API specs not found (looked in ${candidates.join(', ')}). Set AKS_MODEL_SPECS_DIR to a copy, ` +
      'or run `node tools/specs/fetchSpecs.mjs` to download them at the pinned commits.',
  );
}

export function specFile(relative: string): string {
  const file = path.join(specsDir(), relative);
  if (!fs.existsSync(file)) throw new Error(`API spec file missing: ${file}. Run \`node tools/specs/fetchSpecs.mjs\`.`);
  return file;
}
