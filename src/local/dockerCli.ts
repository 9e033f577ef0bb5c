// The Docker side goes through the `docker` CLI, not a client library: the CLI is what users already have, it
// honours their DOCKER_HOST / contexts / credential helpers and builds with whatever builder they set up (BuildKit or
// legacy), and it adds nothing to the extension bundle. dockerode would need its own build-context tar and does
// not do BuildKit sessions.
import { spawn } from 'node:child_process';
import type { Logger } from '../core/logger';
import { LocalServiceError } from './localServiceError';

export interface DockerOptions {
  /** DOCKER_HOST for this engine (tests use a private one); the user's default when omitted. */
  readonly dockerHost?: string;
  readonly logger: Logger;
  readonly signal?: AbortSignal;
}

export interface DockerResult {
  readonly code: number | null;
  readonly out: string;
}

export const dockerEnv = (o: DockerOptions): NodeJS.ProcessEnv => (o.dockerHost ? { ...process.env, DOCKER_HOST: o.dockerHost } : process.env);

export function docker(args: readonly string[], o: DockerOptions, onLine?: (line: string) => void): Promise<DockerResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('docker', args, { env: dockerEnv(o), stdio: ['ignore', 'pipe', 'pipe'], signal: o.signal });
    let out = '';
    // Whole lines only: a chunk can end mid-line. stdout and stderr are kept apart so their lines do not mix.
    const lines = () => {
      let pending = '';
      return {
        data: (d: Buffer) => {
          const text = d.toString();
          out += text;
          if (!onLine) return;
          const parts = (pending + text).split('\n');
          pending = parts.pop() ?? '';
          for (const l of parts) if (l.trim()) onLine(l);
        },
        end: () => { if (onLine && pending.trim()) onLine(pending); pending = ''; },
      };
    };
    const stdout = lines();
    const stderr = lines();
    child.stdout.on('data', stdout.data);
    child.stderr.on('data', stderr.data);
    child.once('error', (e: NodeJS.ErrnoException) =>
      reject(e.code === 'ENOENT'
        ? new LocalServiceError('dockerMissing', 'Docker was not found: install Docker (Docker Desktop, or on Debian/Ubuntu: apt-get install docker.io) and make sure `docker version` works.')
        : e));
    child.once('close', (code) => {
      stdout.end();
      stderr.end();
      resolve({ code, out });
    });
  });
}

/** Fails with a readable `dockerMissing` when the CLI or the engine is not there. */
export async function assertDockerReady(o: DockerOptions): Promise<void> {
  const r = await docker(['version', '--format', '{{.Server.Version}}'], o);
  if (r.code !== 0) {
    throw new LocalServiceError('dockerMissing', `The Docker engine is not reachable${o.dockerHost ? ` at ${o.dockerHost}` : ''}: start Docker (Docker Desktop, or \`sudo systemctl start docker\`).\n${r.out.trim()}`);
  }
}

/** The image id when the tag exists, else undefined. */
export async function imageId(tag: string, o: DockerOptions): Promise<string | undefined> {
  const r = await docker(['image', 'inspect', '--format', '{{.Id}}', tag], o);
  return r.code === 0 ? r.out.trim() : undefined;
}
