// Bench: apply time for one service (every object: ServiceAccounts, auth-proxy ConfigMap and RBAC, Deployment,
// Service, HPA, key Secrets with their keys) against the local kube-apiserver, median of several runs, each into a
// fresh namespace; then the no-op re-apply. Compared in the same run with `kubectl apply --server-side -f` of
// the same manifests (kubectl built from its Go module by tools/kubectl, as the API server is built), runs
// alternated. Target: our median / kubectl's median ≤ 0.5. Prints figures; never fails on time.
// Run: node --import tsx bench/kubeApply.bench.ts
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CoreV1Api } from '@kubernetes/client-node';
import { stringify } from 'yaml';
import { applyOrder, renderService } from '../src/core/manifests';
import { applyService } from '../src/kube/deploy';
import { startKubeTestEnv } from '../test/support/kubeTestEnv';
import { target } from '../test/integration/deploy/fixture';

const runs = 7;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (n: number) => `${n.toFixed(1)} ms`;

function kubectlBinary(): string | undefined {
  const r = spawnSync(process.execPath, [path.join(__dirname, '../tools/kubectl/ensureBuilt.mjs')], { encoding: 'utf8' });
  if (r.status !== 0) {
    console.log(`kubectl could not be built (${(r.stderr ?? '').trim().split('\n').pop()}); only our figure is printed.`);
    return undefined;
  }
  return r.stdout.trim().split('\n').pop();
}

async function main(): Promise<void> {
  const kubectl = kubectlBinary();
  const env = await startKubeTestEnv();
  const core = env.kubeConfig.makeApiClient(CoreV1Api);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'aks-apply-bench-'));
  const ours: number[] = [];
  const oursNoop: number[] = [];
  const theirs: number[] = [];
  const theirsNoop: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      // Ours: a fresh client each run (discovery included), as a deploy from the UI or CLI makes one.
      const ns = `bench-ours-${i}`;
      await core.createNamespace({ body: { metadata: { name: ns } } });
      const t = target(ns, { authEnabled: true });
      let started = performance.now();
      await applyService(env.kubeConfig, t);
      ours.push(performance.now() - started);
      started = performance.now();
      await applyService(env.kubeConfig, t);
      oursNoop.push(performance.now() - started);

      if (!kubectl) continue;
      const kns = `bench-kubectl-${i}`;
      await core.createNamespace({ body: { metadata: { name: kns } } });
      const kt = target(kns, { authEnabled: true });
      const r = renderService(kt.plan, kt);
      const file = path.join(work, `${kns}.yaml`);
      fs.writeFileSync(file, [...applyOrder(r), ...r.keySecrets].map((o) => stringify(o)).join('---\n'));
      // kubectl keeps its discovery cache between runs (in work/), which only helps it.
      const args = ['--kubeconfig', env.kubeconfigPath, '--cache-dir', path.join(work, 'cache'), 'apply', '--server-side', '--force-conflicts', '--field-manager=aks-model-deploy', '-f', file];
      for (const list of [theirs, theirsNoop]) {
        started = performance.now();
        const k = spawnSync(kubectl, args, { encoding: 'utf8' });
        list.push(performance.now() - started);
        if (k.status !== 0) throw new Error(`kubectl apply failed: ${k.stderr}`);
      }
    }
  } finally {
    await env.stop();
    fs.rmSync(work, { recursive: true, force: true });
  }
  console.log(`apply one service (11 objects incl. 2 keys), median of ${runs}: ours ${ms(median(ours))} (runs ${ours.map((x) => x.toFixed(0)).join(', ')})`);
  console.log(`re-apply, nothing changes, median of ${runs}: ours ${ms(median(oursNoop))}`);
  if (!kubectl) {
    console.log('kubectl was not available: no ratio.');
    return;
  }
  console.log(`kubectl apply --server-side -f (same manifests, keys not minted), median of ${runs}: ${ms(median(theirs))}; re-apply ${ms(median(theirsNoop))}`);
  console.log(`ratio ours/kubectl: create ${(median(ours) / median(theirs)).toFixed(2)}, re-apply ${(median(oursNoop) / median(theirsNoop)).toFixed(2)} (target ≤ 0.5)`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
