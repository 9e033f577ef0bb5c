// Hardening (issue 19, low): stored keys were not re-checked after the cluster's signing key changed: deploy said
// "kept" and `keys` printed keys the cluster no longer accepts. A real signing-key change: the real kube-apiserver
// restarted on the same etcd data with a new service-account key (kube-testenv makes one per start). Every check
// is the API server's own TokenReview.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AuthenticationV1Api, CoreV1Api, type KubeConfig } from '@kubernetes/client-node';
import { serviceNames } from '../../../src/core/manifests';
import { applyService, readKeys } from '../../../src/kube/deploy';
import { type KubeTestEnv, startKubeTestEnv } from '../../support/kubeTestEnv';
import { target } from '../deploy/fixture';
import { uniqueName } from '../kube/helpers';
import { registerTestSecret } from '../../support/testSecrets';

const KEY_AUTH = { authEnabled: true, autoScaler: { autoscaleEnabled: false }, numReplicas: 1 };

async function accepted(kc: KubeConfig, ns: string, key: string): Promise<boolean> {
  const r = await kc.makeApiClient(AuthenticationV1Api).createTokenReview({ body: { spec: { token: key, audiences: [serviceNames('scorer', ns).audience] } } });
  return r.status?.authenticated === true;
}

describe('hardening: stored keys are re-checked after the cluster signing key changes (real kube-apiserver restarted)', function () {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aks-signing-key-'));
  let env: KubeTestEnv | undefined;
  after(async () => {
    await env?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('deploy renews dead keys instead of saying "kept", and keys never hands out a dead one', async function () {
    this.timeout(1_800_000);
    const ns = uniqueName('rotate');
    env = await startKubeTestEnv({ dataDir });
    await env.kubeConfig.makeApiClient(CoreV1Api).createNamespace({ body: { metadata: { name: ns } } });
    const first = await applyService(env.kubeConfig, target(ns, KEY_AUTH));
    assert.deepEqual(first.keys, { primary: 'created', secondary: 'created' });
    const again = await applyService(env.kubeConfig, target(ns, KEY_AUTH));
    assert.deepEqual(again.keys, { primary: 'kept', secondary: 'kept' }, 'a live key is kept');
    const before = await readKeys(env.kubeConfig, { serviceName: 'scorer', namespace: ns });
    assert.equal(await accepted(env.kubeConfig, ns, before.primary), true);

    await env.stop();
    env = await startKubeTestEnv({ dataDir });
    const kc = env.kubeConfig;
    assert.equal(await accepted(kc, ns, before.primary), false, 'the restart did not change the signing key');
    // `keys` (readKeys) refuses to hand out what no longer authenticates.
    await assert.rejects(readKeys(kc, { serviceName: 'scorer', namespace: ns }), /primary and secondary key of scorer .* no longer authenticates/);
    const redeploy = await applyService(kc, target(ns, KEY_AUTH));
    assert.deepEqual(redeploy.keys, { primary: 'renewed', secondary: 'renewed' });
    const after = await readKeys(kc, { serviceName: 'scorer', namespace: ns });
    registerTestSecret(before.primary, before.secondary, after.primary, after.secondary);
    assert.notEqual(after.primary, before.primary);
    assert.equal(await accepted(kc, ns, after.primary), true);
    assert.equal(await accepted(kc, ns, after.secondary), true);
  });
});
