// Small process helpers for the set-up scripts (builtins only: they run before `npm install`).
import { spawnSync } from 'node:child_process';

/** Runs a command, streaming its output; throws with the command line when it fails. */
export function run(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, { stdio: options.quiet ? 'pipe' : 'inherit', encoding: 'utf8', ...options });
  if (r.error) throw new Error(`${cmd} ${args.join(' ')}: ${r.error.message}`);
  if (r.status !== 0) {
    const tail = options.quiet ? `\n${String(r.stderr ?? '').split('\n').slice(-20).join('\n')}` : '';
    throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status}${tail}`);
  }
  return r.stdout ?? '';
}

export function hasCommand(name) {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

export function isRoot() {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}
