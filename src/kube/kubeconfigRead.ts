// The contexts of the user's kubeconfig files, read with kubectl's merge rules but without a Kubernetes client:
// the Targets tree lists them at open, and @kubernetes/client-node (dist/kube.js, 2 MB) is only needed once a
// cluster is contacted. Bundled on its own (dist/kubeContexts.js, see esbuild.mjs). Checked against client-node's
// own loadFromFile in test/unit/kube/kubeconfigRead.test.ts. Credentials are never read (no token files).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';

export interface KubeContextInfo {
  readonly name: string;
  readonly cluster: string;
  readonly server: string | undefined;
  /** Unset when the context names no user (client-node keeps it so). */
  readonly user: string | undefined;
  readonly namespace: string | undefined;
  readonly current: boolean;
}

export interface KubeconfigContexts {
  readonly files: readonly string[];
  readonly contexts: readonly KubeContextInfo[];
  readonly currentContext: string;
  /** Files that exist but could not be read, each with the reason: shown, never fatal for the others. */
  readonly problems: readonly { file: string; message: string }[];
}

export function kubeconfigFiles(env: NodeJS.ProcessEnv = process.env, home = os.homedir()): string[] {
  const list = env.KUBECONFIG?.split(path.delimiter).filter(Boolean);
  return list && list.length > 0 ? list : [path.join(home, '.kube', 'config')];
}

interface FileEntries {
  clusters: { name: string; server: string }[];
  contexts: { name: string; cluster: string; user: string | undefined; namespace: string | undefined }[];
  currentContext: string;
}

/** kubectl's merge: missing files are skipped, the first file that names a cluster or context wins, and
 *  current-context comes from the first file that sets one. */
export function readKubeContexts(files: readonly string[] = kubeconfigFiles()): KubeconfigContexts {
  const servers = new Map<string, string>();
  const contexts = new Map<string, FileEntries['contexts'][number]>();
  let currentContext = '';
  const problems: { file: string; message: string }[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue;
      problems.push({ file, message: err instanceof Error ? err.message : String(err) });
      continue;
    }
    let one: FileEntries;
    try {
      one = parseKubeconfig(text);
    } catch (err) {
      problems.push({ file, message: err instanceof Error ? err.message : String(err) });
      continue;
    }
    for (const c of one.clusters) if (!servers.has(c.name)) servers.set(c.name, c.server);
    for (const c of one.contexts) if (!contexts.has(c.name)) contexts.set(c.name, c);
    currentContext ||= one.currentContext;
  }
  return {
    files,
    currentContext,
    problems,
    contexts: [...contexts.values()].map((c) => ({ ...c, server: servers.get(c.cluster), current: c.name === currentContext })),
  };
}

/** One file, validated as client-node validates it (same messages), so that a file the tree lists is one the
 *  kube engine can load later. An empty file is an empty config, as for kubectl. */
export function parseKubeconfig(text: string): FileEntries {
  // Merge keys (`<<: *base`) as js-yaml, client-node's parser, reads them.
  const doc: unknown = parse(text, { merge: true });
  const obj = isRecord(doc) ? doc : {};
  const list = (key: string): unknown[] => (Array.isArray(obj[key]) ? (obj[key] as unknown[]) : []);
  const clusters = list('clusters').map((e, i) => {
    const entry = isRecord(e) ? e : {};
    if (!entry.name) throw new Error(`clusters[${i}].name is missing`);
    if (!isRecord(entry.cluster)) throw new Error(`clusters[${i}].cluster is missing`);
    if (!entry.cluster.server) throw new Error(`clusters[${i}].cluster.server is missing`);
    return { name: String(entry.name), server: String(entry.cluster.server).replace(/\/$/, '') };
  });
  list('users').forEach((e, i) => {
    if (!isRecord(e) || !e.name) throw new Error(`users[${i}].name is missing`);
  });
  const contexts = list('contexts').map((e, i) => {
    const entry = isRecord(e) ? e : {};
    if (!entry.name) throw new Error(`contexts[${i}].name is missing`);
    if (!isRecord(entry.context)) throw new Error(`contexts[${i}].context is missing`);
    if (!entry.context.cluster) throw new Error(`contexts[${i}].context.cluster is missing`);
    const ctx = entry.context;
    return {
      name: String(entry.name),
      cluster: String(ctx.cluster),
      user: ctx.user ? String(ctx.user) : undefined,
      namespace: ctx.namespace ? String(ctx.namespace) : undefined,
    };
  });
  const current = obj['current-context'];
  return { clusters, contexts, currentContext: typeof current === 'string' ? current : '' };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
