import assert from 'node:assert/strict';
import { ApiException, type CoreV1Event, type V1Pod } from '@kubernetes/client-node';
import { deployTag, explainApiError, explainProblem, imageRefFor, isKubeletNoLogAnswer, mainProblem, problemsFromEvents, problemsFromPods, registryOf, repositoryFor } from '../../../src/kube/deploy';

const ev = (reason: string, message: string, at = '2026-01-01T00:00:00Z', name = 'svc-1-a'): CoreV1Event => ({
  metadata: {},
  involvedObject: { kind: 'Pod', name, fieldPath: 'spec.containers{model}' },
  reason,
  message,
  lastTimestamp: new Date(at),
});

describe('deploy: failure explainer', () => {
  it('classifies kubelet and scheduler events', () => {
    const ps = problemsFromEvents([
      ev('FailedScheduling', '0/1 nodes are available: 1 Insufficient nvidia.com/gpu.'),
      ev('Failed', 'Failed to pull image "a.io/x:1": not found'),
      ev('BackOff', 'Back-off pulling image "a.io/x:1"'),
      ev('BackOff', 'Back-off restarting failed container model in pod svc-1-a'),
      ev('Unhealthy', 'Readiness probe failed: connection refused'),
      ev('FailedCreate', 'Error creating: pods "svc-1-a" is forbidden: exceeded quota: compute, requested: cpu=1'),
      ev('Scheduled', 'Successfully assigned'),
    ]);
    assert.deepEqual(ps.map((p) => `${p.kind}:${p.fatal}`), ['unschedulable:false', 'imagePull:false', 'imagePull:true', 'crashLoop:true', 'unhealthy:false', 'cannotCreate:false']);
    assert.equal(ps[1].image, 'a.io/x:1');
    assert.equal(ps[3].container, 'model');
  });

  it('reads the same from container states and pod conditions', () => {
    const pod: V1Pod = {
      metadata: { name: 'p' },
      status: {
        containerStatuses: [{ name: 'model', image: 'r.io/m:1', imageID: '', ready: false, restartCount: 4, state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 40s' } } }],
        conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: 'no nodes' }],
      },
    };
    assert.deepEqual(problemsFromPods([pod]).map((p) => p.kind), ['crashLoop', 'unschedulable']);
  });

  it('prefers a crash over a pull error over a probe over a pending pod, newest event first', () => {
    const ps = problemsFromEvents([ev('FailedScheduling', 'x'), ev('Unhealthy', 'y'), ev('BackOff', 'Back-off restarting failed container model', '2026-01-01T00:00:01Z')]);
    assert.equal(mainProblem(ps)?.kind, 'crashLoop');
    assert.equal(mainProblem([])?.kind, undefined);
  });

  it('says the crash log could not be read instead of failing', async () => {
    const msg = await explainProblem({ kind: 'crashLoop', object: 'p', container: 'model', detail: '', fatal: true }, async () => {
      throw new Error('pods "p" not found\nstack');
    });
    assert.match(msg, /its log could not be read: pods "p" not found\)$/);
  });

  it('falls back to the crashed run’s output the kubelet kept in the pod status when its log cannot be read', async () => {
    const pod: V1Pod = {
      metadata: { name: 'p' },
      status: {
        containerStatuses: [{
          name: 'model', image: 'i', imageID: '', ready: false, restartCount: 2,
          state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 20s' } },
          lastState: { terminated: { exitCode: 3, reason: 'Error', message: 'Traceback (most recent call last):\nRuntimeError: boom\n' } },
        }],
      },
    };
    const [p] = problemsFromPods([pod]);
    assert.equal(p?.lastOutput, 'Traceback (most recent call last):\nRuntimeError: boom');
    const unreadable = await explainProblem(p!, async () => {
      throw new Error('failed to try resolving symlinks in path "/x/0.log"');
    });
    assert.match(unreadable, /Last output of p\/model before it exited:\nTraceback \(most recent call last\):\nRuntimeError: boom$/);
    assert.doesNotMatch(unreadable, /symlinks/);
    // A readable log wins over the kept output.
    assert.match(await explainProblem(p!, async () => 'the log\n'), /Last 50 log lines of p\/model:\nthe log$/);
  });

  it('does not take the kubelet’s "no log for that run" answers for a log', () => {
    assert.equal(isKubeletNoLogAnswer('failed to try resolving symlinks in path "/var/log/pods/ns_p_1/model/0.log": lstat /var/log/pods/ns_p_1/model/0.log: no such file or directory'), true);
    assert.equal(isKubeletNoLogAnswer('previous terminated container "model" in pod "p" not found'), true);
    assert.equal(isKubeletNoLogAnswer('  \n'), true);
    assert.equal(isKubeletNoLogAnswer('Traceback (most recent call last):\nfailed to try resolving symlinks in path x'), false);
    assert.equal(isKubeletNoLogAnswer('2026-12-03 init done'), false);
  });
});

describe('deploy: API errors', () => {
  it('turns a 403 into one sentence without the raw body or headers', () => {
    const body = JSON.stringify({ kind: 'Status', message: 'deployments.apps is forbidden: User "x" cannot patch', reason: 'Forbidden', code: 403 });
    const e = explainApiError(new ApiException(403, 'HTTP-Code: 403 Message: ... Body: ... Headers: {"authorization":"Bearer s3cret"}', body, {}), { verb: 'create', kind: 'Deployment', namespace: 'ml' });
    assert.equal(e.message, 'You may not create deployments in namespace ml; ask a cluster admin for that right.');
    assert.equal(e.kind, 'forbidden');
  });

  it('quotes the server reason for an invalid object', () => {
    const body = JSON.stringify({ message: 'Deployment.apps "X" is invalid: metadata.name: Invalid value' });
    const e = explainApiError(new ApiException(422, 'raw', body, {}), { verb: 'create', kind: 'Deployment', namespace: 'ml' });
    assert.equal(e.message, 'The cluster rejected the Deployment in namespace ml (Deployment.apps "X" is invalid: metadata.name: Invalid value).');
  });

  it('names an unreachable API server', () => {
    const e = explainApiError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), { verb: 'create', kind: 'Deployment' });
    assert.equal(e.kind, 'unreachable');
  });
});

describe('deploy: image references', () => {
  it('tags with the image content hash, names a repository the registry accepts, and finds the registry of a reference', () => {
    const hash = 'ab'.repeat(32);
    assert.equal(deployTag(hash), hash.slice(0, 32));
    assert.throws(() => deployTag('not-a-hash'), /not a content hash/);
    assert.equal(imageRefFor('https://myacr.azurecr.io/', 'myservice', deployTag(hash)), `myacr.azurecr.io/myservice:${hash.slice(0, 32)}`);
    assert.equal(repositoryFor('My_Service..v2'), 'my_service-v2');
    assert.equal(repositoryFor('team/Iris Model'), 'team/iris-model');
    assert.equal(repositoryFor('--'), 'model');
    assert.equal(registryOf('myacr.azurecr.io/a/b:1'), 'myacr.azurecr.io');
    assert.equal(registryOf('localhost:5000/a'), 'localhost:5000');
    assert.equal(registryOf('library/python:3'), 'docker.io');
    assert.equal(registryOf('python'), 'docker.io');
  });
});
