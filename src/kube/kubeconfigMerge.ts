// "Merge into kubeconfig": the one explicit action that writes an AKS credential to the user's kubeconfig,
// like `az aks get-credentials --overwrite-existing`: entries with the same name are replaced, others kept,
// current-context switches to the new cluster. Comments and ordering of the existing file are preserved.
import fs from 'node:fs';
import path from 'node:path';
import { isMap, isSeq, parseDocument, type Document, type YAMLSeq } from 'yaml';

const sections = ['clusters', 'users', 'contexts'] as const;

export function mergeKubeconfigYaml(existing: string | undefined, incoming: string): string {
  const add = parseDocument(incoming);
  const base = existing?.trim() ? parseDocument(existing) : parseDocument('apiVersion: v1\nkind: Config\n');
  if (add.errors.length) throw new Error(`The cluster credential is not valid YAML: ${add.errors[0]?.message}`);
  if (base.errors.length) throw new Error(`The existing kubeconfig is not valid YAML: ${base.errors[0]?.message}`);
  if (!isMap(base.contents)) throw new Error('The existing kubeconfig is not a YAML mapping');
  for (const section of sections) {
    const incomingSeq = add.get(section);
    if (!isSeq(incomingSeq)) continue;
    let target = base.get(section) as YAMLSeq | undefined;
    if (!isSeq(target)) {
      target = base.createNode([]) as YAMLSeq;
      base.set(section, target);
    }
    for (const item of incomingSeq.items) {
      const name = isMap(item) ? item.get('name') : undefined;
      const i = target.items.findIndex((e) => isMap(e) && e.get('name') === name);
      if (i >= 0) target.items[i] = item as never;
      else target.items.push(item as never);
    }
  }
  const current = add.get('current-context');
  if (typeof current === 'string') base.set('current-context', current);
  return String(base as Document);
}

/** Writes the merged kubeconfig with owner-only permissions, atomically (a crash never leaves half a file). */
export async function mergeIntoKubeconfigFile(file: string, incoming: string): Promise<void> {
  const existing = await fs.promises.readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return undefined;
    throw e;
  });
  const merged = mergeKubeconfigYaml(existing, incoming);
  await fs.promises.mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.aks-model-deploy-${process.pid}.tmp`;
  await fs.promises.writeFile(tmp, merged, { mode: 0o600 });
  await fs.promises.rename(tmp, file);
}
