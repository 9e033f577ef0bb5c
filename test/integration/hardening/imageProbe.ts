// Hardening suite helpers: a small model project on disk, built into an image by the real engine, and ways to look
// inside the result (files at their container paths, raw bytes of every layer, the history).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LocalServiceSpec } from '../../../src/local/localServiceSpec';
import { cacheRoot } from '../local/sampleModel';

export const hardeningStorage = (name: string): string => path.join(cacheRoot, 'hardening', name);

/** A folder with score.py, model/model.txt and the given extra files (relative path -> content). */
export function writeProject(files: Record<string, string>, folderName = 'proj'): string {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'aks-hardening-')), folderName);
  const all: Record<string, string> = { 'score.py': 'def init():\n    pass\n\ndef run(data):\n    return data\n', 'model/model.txt': 'weights\n', ...files };
  for (const [rel, content] of Object.entries(all)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), content);
  }
  return dir;
}

export function projectSpec(dir: string, baseImage: string, over: Partial<LocalServiceSpec> = {}): LocalServiceSpec {
  return {
    name: 'hardening', sourceDirectory: dir, entryScript: 'score.py', baseImage,
    modelDirs: [{ name: 'hardening', version: '1', path: path.join(dir, 'model') }],
    pipPackages: [], environmentVariables: {}, scoringTimeoutMs: 60_000, workerCount: 1, ...over,
  };
}

export function dockerSync(host: string, args: string[], env: NodeJS.ProcessEnv = {}): { code: number | null; out: string; bytes: Buffer } {
  const r = spawnSync('docker', args, { env: { ...process.env, ...env, DOCKER_HOST: host }, maxBuffer: 4 << 30 });
  return { code: r.status, out: `${r.stdout.toString('utf8')}${r.stderr.toString('utf8')}`, bytes: r.stdout };
}

/** Every regular file under `dir` in the image (a container made from it, no entrypoint of ours runs). */
export function filesInImage(host: string, tag: string, dir: string): string[] {
  const r = dockerSync(host, ['run', '--rm', '--network', 'none', '--entrypoint', 'find', tag, dir, '-type', 'f']);
  if (r.code !== 0) throw new Error(`find in ${tag} failed: ${r.out}`);
  return r.out.split('\n').filter(Boolean).sort();
}

/** `docker save` of the image: its config (history included) and every layer, uncompressed, as one buffer. */
export function savedImage(host: string, tag: string): Buffer {
  const r = dockerSync(host, ['save', tag]);
  if (r.code !== 0) throw new Error(`docker save ${tag} failed: ${r.out.slice(0, 500)}`);
  return r.bytes;
}
