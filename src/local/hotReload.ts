// Watches the source directory and calls back once per burst of saves. fs.watch (recursive on Linux since Node 20)
// is enough here: we only need "something under this folder changed", not a portable event model.
import { watch } from 'node:fs';
import path from 'node:path';

const IGNORED = /(^|\/)(__pycache__|\.git|\.venv|node_modules|\.ipynb_checkpoints)(\/|$)|\.py[co]$|~$|\.sw.$/;

export interface SourceWatcher {
  close(): void;
}

export function watchSource(
  dir: string,
  onChange: (changed: string[]) => void,
  opts: { debounceMs?: number; ignore?: readonly string[] } = {},
): SourceWatcher {
  const ignoredRoots = (opts.ignore ?? []).map((p) => path.relative(dir, p)).filter((p) => p && !p.startsWith('..'));
  let pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  const watcher = watch(dir, { recursive: true }, (_event, file) => {
    if (!file) return;
    const rel = file.toString();
    if (IGNORED.test(rel) || ignoredRoots.some((r) => rel === r || rel.startsWith(`${r}/`))) return;
    pending.add(rel);
    clearTimeout(timer);
    // Editors write a file in several steps (truncate, write, rename); one restart per burst.
    timer = setTimeout(() => {
      const changed = [...pending];
      pending = new Set();
      onChange(changed);
    }, opts.debounceMs ?? 100);
  });
  return {
    close() {
      clearTimeout(timer);
      watcher.close();
    },
  };
}
