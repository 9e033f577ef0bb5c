// What of a folder may go into an image (or an upload): Azure ML v1's rule — the root's `.amlignore`, else its
// `.gitignore`, with gitignore syntax — plus a built-in deny list that no ignore file can re-include: environment
// files, VCS folders and private keys must never reach a pushed image, whatever the user's ignore file says.
import fs from 'node:fs';
import path from 'node:path';

/** Caches and tool folders: never useful in an image (not secret; skipped for size and rebuild noise). */
const SKIP_NAMES = new Set(['__pycache__', '.venv', 'venv', 'node_modules', '.ipynb_checkpoints', '.mypy_cache', '.pytest_cache']);

/** Secrets by name: credentials files, key material, VCS history (which keeps every secret ever committed). */
const DENY_PATTERNS = [
  '.env', '.env.*', '*.env', '.git', '.hg', '.svn', '.ssh', '.aws', '.azure', '.kube', '.docker', '.gnupg',
  '.netrc', '_netrc', '.npmrc', '.pypirc', '.git-credentials', 'credentials.json',
  '*.pem', '*.key', '*.p12', '*.pfx', '*.jks', '*.keystore', '*.asc', '*.gpg',
  'id_rsa', 'id_dsa', 'id_ecdsa', 'id_ed25519', 'id_rsa_*', 'id_ecdsa_*', 'id_ed25519_*',
];

interface Rule {
  readonly re: RegExp;
  readonly negate: boolean;
  readonly dirOnly: boolean;
}

export interface ContextRules {
  /** The ignore file in force (`.amlignore` or `.gitignore`), when there is one. */
  readonly ignoreFile?: string;
  /** True when the entry at `rel` (relative to the root, either separator) stays out. */
  excludes(rel: string, isDir: boolean): boolean;
  /** True when the deny list (not the user's file) is what keeps `rel` out: worth telling the user. */
  denied(rel: string, isDir: boolean): boolean;
}

function globToRegex(glob: string): string {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '\\' && i + 1 < glob.length) re += escapeRe(glob[++i]);
    else if (c === '*' && glob[i + 1] === '*') {
      // `**/` any leading folders, `/**` anything below, a lone `**` anything.
      i++;
      if (glob[i + 1] === '/') { i++; re += '(?:.*/)?'; } else re += '.*';
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = glob.indexOf(']', i + 2);
      if (end < 0) { re += '\\['; continue; }
      const body = glob.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\');
      re += `[${body}]`;
      i = end;
    } else re += escapeRe(c);
  }
  return re;
}

const escapeRe = (c: string) => c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** One gitignore line as a rule; undefined for blanks and comments. */
export function compileIgnoreLine(line: string): Rule | undefined {
  let p = line.replace(/\r$/, '').replace(/(?<!\\)\s+$/, '');
  if (!p || p.startsWith('#')) return undefined;
  const negate = p.startsWith('!');
  if (negate) p = p.slice(1);
  p = p.replace(/^\\([#!])/, '$1');
  const dirOnly = p.endsWith('/');
  if (dirOnly) p = p.slice(0, -1);
  // A slash anywhere but at the end anchors the pattern to the root; otherwise it matches at any depth.
  const anchored = p.includes('/');
  p = p.replace(/^\//, '');
  if (!p) return undefined;
  return { re: new RegExp(`^${anchored ? '' : '(?:.*/)?'}${globToRegex(p)}$`), negate, dirOnly };
}

const compileAll = (lines: readonly string[]): Rule[] => lines.map(compileIgnoreLine).filter((r): r is Rule => !!r);
const DENY_RULES = compileAll(DENY_PATTERNS);

/** gitignore's "last matching rule wins" (the walk does not descend into an excluded folder, as git does not). */
function matches(rules: readonly Rule[], rel: string, isDir: boolean): boolean {
  let out = false;
  for (const r of rules) if ((!r.dirOnly || isDir) && r.re.test(rel)) out = !r.negate;
  return out;
}

/** The rules for a folder: `.amlignore` when present, else `.gitignore` (v1's choice: never both). */
export function loadContextRules(root: string): ContextRules {
  let ignoreFile: string | undefined;
  let rules: Rule[] = [];
  for (const name of ['.amlignore', '.gitignore']) {
    const file = path.join(root, name);
    let text: string;
    try { text = fs.readFileSync(file, 'utf8'); } catch { continue; }
    ignoreFile = file;
    rules = compileAll(text.split('\n'));
    break;
  }
  const norm = (rel: string) => rel.split(path.sep).join('/').replace(/^\.\/+/, '');
  const base = (rel: string) => rel.slice(rel.lastIndexOf('/') + 1);
  const denied = (rel: string, isDir: boolean) => matches(DENY_RULES, norm(rel), isDir);
  return {
    ignoreFile,
    denied,
    excludes: (rel, isDir) => {
      const r = norm(rel);
      const name = base(r);
      if (SKIP_NAMES.has(name) || (!isDir && name.endsWith('.pyc'))) return true;
      return denied(r, isDir) || matches(rules, r, isDir);
    },
  };
}
