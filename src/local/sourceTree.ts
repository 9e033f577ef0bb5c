// Walks a source directory the way a build context should see it: the folder's ignore rules and the deny list
// (contextRules), no model folders (models get their own layer). The same walk copies the context and hashes it,
// so a file that stays out of the image never triggers a rebuild either.
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readdir, readFile, readlink, realpath, stat, symlink } from 'node:fs/promises';
import path from 'node:path';
import { loadContextRules, type ContextRules } from './contextRules';

export interface TreeOptions {
  /** Absolute paths left out (models inside the source folder). */
  readonly exclude?: readonly string[];
  /** Rules to apply; default: the root's own (`.amlignore`, else `.gitignore`, plus the deny list). */
  readonly rules?: ContextRules;
  /** Told each entry the deny list kept out (relative path), so the user learns why a file is missing. */
  readonly onDenied?: (rel: string) => void;
}

interface Entry {
  readonly full: string;
  readonly rel: string;
  readonly dir: boolean;
  /** A relative link that stays inside the tree: copied as the same relative link, never as a host path. */
  readonly link?: string;
}

/**
 * Symbolic links: one that is relative and stays inside the tree is kept as that link; any other (absolute, or
 * leading out of the tree, e.g. a `model/` linked to a data disk) is followed, so the image gets the content and no
 * host path. A link loop or a dangling link is skipped.
 */
async function walk(root: string, opts: TreeOptions, visit: (e: Entry) => Promise<void>): Promise<void> {
  const rules = opts.rules ?? loadContextRules(root);
  const realRoot = await realpath(root);
  const go = async (dir: string, seen: ReadonlySet<string>) => {
    const entries = await readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const full = path.join(dir, e.name);
      if (opts.exclude?.includes(full)) continue;
      const rel = path.relative(root, full).split(path.sep).join('/');
      let isDir = e.isDirectory();
      let link: string | undefined;
      if (e.isSymbolicLink()) {
        const target = await readlink(full);
        const resolved = await realpath(full).catch(() => undefined);
        if (!resolved) continue;
        const inside = !path.isAbsolute(target) && !path.relative(root, path.resolve(dir, target)).startsWith('..');
        isDir = (await stat(full)).isDirectory();
        if (inside) link = target;
        else if (isDir && (seen.has(resolved) || resolved === realRoot)) continue;
      } else if (!isDir && !e.isFile()) continue;
      if (rules.excludes(rel, isDir)) {
        if (rules.denied(rel, isDir)) opts.onDenied?.(rel);
        continue;
      }
      await visit({ full, rel, dir: isDir && !link, link });
      if (isDir && !link) await go(full, new Set([...seen, await realpath(full)]));
    }
  };
  await go(root, new Set([realRoot]));
}

export async function listFiles(root: string, opts: TreeOptions = {}): Promise<string[]> {
  const out: string[] = [];
  await walk(root, opts, async (e) => { if (!e.dir && !e.link) out.push(e.full); });
  return out.sort();
}

/** Content hash of the source files; models are hashed by path, size and mtime (they can be gigabytes). */
export async function treeHash(root: string, exclude: readonly string[], models: readonly string[]): Promise<string> {
  const h = createHash('sha256');
  const rules = loadContextRules(root);
  await walk(root, { exclude, rules }, async (e) => {
    if (e.link !== undefined) h.update(`${e.rel}\0->${e.link}\0`);
    else if (!e.dir) h.update(`${e.rel}\0`).update(await readFile(e.full)).update('\0');
  });
  for (const m of models) {
    const files = (await stat(m)).isDirectory() ? await listFiles(m) : [m];
    for (const f of files) {
      const s = await stat(f);
      h.update(`${f}\0${s.size}\0${s.mtimeMs}\0`);
    }
  }
  return h.digest('hex');
}

export async function copyTree(from: string, to: string, opts: TreeOptions = {}): Promise<void> {
  await mkdir(to, { recursive: true });
  await walk(from, opts, async (e) => {
    const dest = path.join(to, e.rel);
    if (e.link !== undefined) await symlink(e.link, dest);
    else if (e.dir) await mkdir(dest, { recursive: true });
    else await copyFile(e.full, dest);
  });
}
