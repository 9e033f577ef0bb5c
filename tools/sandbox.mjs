// `npm run sandbox`: the embedded default. Trains the sample model project, packages the extension and installs it
// into code-server on 127.0.0.1 with the project open; no Azure and no cluster needed. Prints one URL; Ctrl-C stops
// it and removes its temporary folder.
import { spawn } from 'node:child_process';
import { ensurePython } from './setup/ensurePython.mjs';
import { repoRoot, setup } from './setup/setup.mjs';

setup();
ensurePython();
const child = spawn(process.execPath, ['--import=tsx', 'tools/sandbox.ts', ...process.argv.slice(2)], { cwd: repoRoot, stdio: 'inherit' });
// Ctrl-C reaches the child from the terminal; a SIGTERM sent to this process only is passed on. Either way, wait for
// the child to clean up before exiting.
process.on('SIGINT', () => {});
process.on('SIGTERM', () => child.kill('SIGTERM'));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
