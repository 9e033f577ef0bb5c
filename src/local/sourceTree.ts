// Walks a source directory the way a build context should see it: no caches, no VCS folders, no model folders
// (models get their own layer). Used both to copy the context and to hash it.
import { createHash } from 'node:crypto';
import { cp, readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';

const SKIP_NAMES = new Set(['__pycache__', '.git', '.venv', 'venv', 'node_modules', '.ipynb_checkpoints', '.mypy_cache', '.pytest_cache']);

export async function listFiles(root: string, exclude: readonly string[] = []): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string) => {
    for (const e of await readdir(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (SKIP_NAMES.has(e.name) || e.name.endsWith('.pyc') || exclude.includes(full)) continue;
      if (e.isDirectory()) await walk(full);
      else if (e.isFile()) out.push(full);
    }
  };
  await walk(root);
  return out.sort();
}

/** Content hash of the source files; models are hashed by path, size and mtime (they can be gigabytes). */
export async function treeHash(root: string, exclude: readonly string[], models: readonly string[]): Promise<string> {
  const h = createHash('sha256');
  for (const f of await listFiles(root, exclude)) h.update(`${path.relative(root, f)}\0`).update(await readFile(f)).update('\0');
  for (const m of models) {
    const files = (await stat(m)).isDirectory() ? await listFiles(m) : [m];
    for (const f of files) {
      const s = await stat(f);
      h.update(`${f}\0${s.size}\0${s.mtimeMs}\0`);
    }
  }
  return h.digest('hex');
}

export async function copyTree(from: string, to: string, exclude: readonly string[] = []): Promise<void> {
  await cp(from, to, {
    recursive: true,
    filter: (src) => !SKIP_NAMES.has(path.basename(src)) && !src.endsWith('.pyc') && !exclude.includes(src),
  });
}
