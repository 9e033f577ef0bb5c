// Kubeconfig loading with kubectl's rules: KUBECONFIG lists several files (missing ones are ignored), the first file
// that names a cluster, user or context wins, and current-context comes from the first file that sets one.
// @kubernetes/client-node parses each file (relative paths, exec plugins); its own loadFromDefault throws on
// duplicates and falls back to in-cluster config, which is not what a desktop user expects.
import fs from 'node:fs';
import { KubeConfig, type Cluster, type Context, type User } from '@kubernetes/client-node';
import { withApiDeadline } from './apiDeadline';
import { kubeconfigFiles, type KubeContextInfo } from './kubeconfigRead';

export { kubeconfigFiles, type KubeContextInfo };

export interface LoadedKubeconfig {
  readonly files: readonly string[];
  readonly kubeConfig: KubeConfig;
  readonly contexts: readonly KubeContextInfo[];
  /** Files that exist but could not be read, each with the reason: shown, never fatal for the others. */
  readonly problems: readonly { file: string; message: string }[];
}

export function loadKubeconfig(files: readonly string[] = kubeconfigFiles()): LoadedKubeconfig {
  const clusters = new Map<string, Cluster>();
  const users = new Map<string, User>();
  const contexts = new Map<string, Context>();
  let currentContext = '';
  const problems: { file: string; message: string }[] = [];
  for (const file of files) {
    if (!fs.existsSync(file)) continue;
    const one = new KubeConfig();
    try {
      one.loadFromFile(file);
    } catch (err) {
      problems.push({ file, message: err instanceof Error ? err.message : String(err) });
      continue;
    }
    for (const c of one.clusters) if (!clusters.has(c.name)) clusters.set(c.name, c);
    for (const u of one.users) if (!users.has(u.name)) users.set(u.name, u);
    for (const c of one.contexts) if (!contexts.has(c.name)) contexts.set(c.name, c);
    currentContext ||= one.currentContext;
  }
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromOptions({ clusters: [...clusters.values()], users: [...users.values()], contexts: [...contexts.values()], currentContext });
  withApiDeadline(kubeConfig);
  return {
    files,
    kubeConfig,
    problems,
    contexts: [...contexts.values()].map((c) => ({
      name: c.name,
      cluster: c.cluster,
      server: clusters.get(c.cluster)?.server,
      user: c.user,
      namespace: c.namespace,
      current: c.name === currentContext,
    })),
  };
}

/** A KubeConfig held in memory only (e.g. an AKS cluster's credentials), never written to the user's files. */
export function kubeConfigFromYaml(yaml: string): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromString(yaml);
  return withApiDeadline(kc);
}
