// Hardening (issue 19, low): escape sequences in cluster events (and log lines) reached the CLI output raw: an event
// message can retitle the terminal, recolour or erase lines. Real kube-apiserver; the event is created through its API.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CoreV1Api } from '@kubernetes/client-node';
import { main } from '../../../src/cli/main';
import { sampleProjectFiles } from '../../../src/core/sampleProject';
import { useKubeTestEnv } from '../../support/kubeTestEnv';
import { uniqueName } from '../kube/helpers';

const HOSTILE = 'pulled \u001b]0;owned-title\u0007\u001b[2J\u001b[31mRED\u001b[0m done\u009b31m\r';

describe('hardening: cluster text cannot drive the terminal through the CLI (real kube-apiserver)', function () {
  const kube = useKubeTestEnv();
  const saved = process.env.KUBECONFIG;
  const ns = uniqueName('esc');
  after(() => { if (saved === undefined) delete process.env.KUBECONFIG; else process.env.KUBECONFIG = saved; });

  it('status prints an event message without its escape sequences', async () => {
    process.env.KUBECONFIG = kube().kubeconfigPath;
    const core = kube().kubeConfig.makeApiClient(CoreV1Api);
    await core.createNamespace({ body: { metadata: { name: ns } } });
    const project = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'aks-esc-')), 'sklearn-iris');
    fs.mkdirSync(project);
    for (const f of sampleProjectFiles()) fs.writeFileSync(path.join(project, f.path), f.content);
    let out = '';
    let err = '';
    const io = { stdout: { write: (t: string) => (out += t) }, stderr: { write: (t: string) => (err += t) }, cwd: process.cwd() };
    assert.equal(await main(['deploy', project, '--image', 'registry.example/sklearn-iris:1', '--namespace', ns, '--no-wait'], io), 0, err);
    const now = new Date();
    await core.createNamespacedEvent({ namespace: ns, body: {
      metadata: { name: 'sklearn-iris.hostile', namespace: ns },
      involvedObject: { kind: 'Deployment', name: 'sklearn-iris', namespace: ns },
      reason: 'Pulled\u001b[5m', message: HOSTILE, type: 'Normal', count: 1, firstTimestamp: now, lastTimestamp: now,
      source: { component: 'kubelet' },
    } });
    out = '';
    assert.equal(await main(['status', 'sklearn-iris', '--namespace', ns], io), 0, err);
    assert.match(out, /Pulled Deployment\/sklearn-iris: pulled RED done$/m, out);
    assert.doesNotMatch(out + err, /[\u001b\u0007\u009b\r]/, JSON.stringify(out));
  });
});
