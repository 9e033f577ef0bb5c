// Sizes that decide how fast the extension installs and loads: the .vsix and the activation bundle.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..');
const r = spawnSync('npm', ['run', '--silent', 'package'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
if (r.status !== 0) throw new Error('npm run package failed');
const kb = (file: string) => (fs.statSync(path.join(root, file)).size / 1024).toFixed(1);
console.log(`vsix size: ${kb('dist-pkg/aks-model-deploy.vsix')} KB (target ≤ 2048 KB)`);
console.log(`dist/extension.js (minified, loaded at activation): ${kb('dist/extension.js')} KB (target ≤ 150 KB)`);
// Leave a development build behind, as the tests expect.
spawnSync(process.execPath, ['esbuild.mjs'], { cwd: root, stdio: 'inherit' });
