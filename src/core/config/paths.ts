// Path joining without node:path, so validation also runs in a webview. Accepts / and \ separators.

export function isAbsolutePath(p: string): boolean {
  return p.startsWith('/') || p.startsWith('\\') || /^[A-Za-z]:[\\/]/.test(p);
}

/** The folder part of a file path ("" when there is none). */
export function dirName(p: string): string {
  const cut = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
  if (cut < 0) return '';
  return cut === 0 ? p[0] : p.slice(0, cut);
}

/** Joins `rel` onto `base` (unless absolute) and folds "." and ".." segments; keeps the base's separator. */
export function joinPath(base: string, rel: string): string {
  if (isAbsolutePath(rel) || base === '') return normalize(rel);
  const sep = base.includes('\\') && !base.includes('/') ? '\\' : '/';
  return normalize(`${base.replace(/[\\/]+$/, '')}${sep}${rel}`);
}

function normalize(p: string): string {
  const sep = p.includes('\\') && !p.includes('/') ? '\\' : '/';
  const abs = isAbsolutePath(p);
  const out: string[] = [];
  for (const part of p.split(/[\\/]+/)) {
    if (part === '.' || part === '') continue;
    if (part === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else if (!(part === '..' && abs)) out.push(part);
  }
  const body = out.join(sep);
  if (/^[A-Za-z]:$/.test(out[0] ?? '')) return out.length === 1 ? `${out[0]}${sep}` : body;
  return abs ? `${sep}${body}` : body || '.';
}
