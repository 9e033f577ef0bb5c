// `npm run sandbox`: the embedded default. Starts code-server on 127.0.0.1 with the extension loaded and a sample
// model project open; no Azure and no cluster needed. Prints the URL; Ctrl-C stops it.
import { spawnSync } from 'node:child_process';
import { repoRoot, setup } from './setup/setup.mjs';

setup();
const r = spawnSync(process.execPath, ['--import=tsx', 'tools/sandbox.ts', ...process.argv.slice(2)], { cwd: repoRoot, stdio: 'inherit' });
process.exit(r.status ?? 1);
