import assert from 'node:assert/strict';
import { applyOrder, cpuQuantity, DRAIN_SECONDS, GPU_RESOURCE, memoryQuantity, renderService } from '../../../src/core/manifests';
import { MANAGED_BY_LABEL, SERVICE_LABEL } from '../../../src/kube/labels';
import { planFor, renderInput } from './planFixture';

const containerOf = (r: ReturnType<typeof renderService>, name: string) => r.deployment.spec!.template.spec!.containers.find((c) => c.name === name);

describe('manifests: render one service from a plan', () => {
  it('writes quantities in the server canonical form', () => {
    assert.deepEqual([0.1, 1, 1.5, 2].map(cpuQuantity), ['100m', '1', '1500m', '2']);
    assert.deepEqual([0.5, 1, 1.5].map(memoryQuantity), ['500M', '1G', '1500M']);
  });

  it('labels every object with the managed-by and service labels', () => {
    const r = renderService(planFor({ authEnabled: true }), renderInput);
    for (const o of [...applyOrder(r), ...r.keySecrets]) {
      assert.equal(o.metadata?.labels?.[MANAGED_BY_LABEL], 'aks-model-deploy', `${o.kind} ${o.metadata?.name}`);
      assert.equal(o.metadata?.labels?.[SERVICE_LABEL], 'myservice', `${o.kind} ${o.metadata?.name}`);
    }
  });

  it('orders objects so that each comes after what it refers to', () => {
    const kinds = applyOrder(renderService(planFor({ authEnabled: true }), renderInput)).map((o) => o.kind);
    assert.deepEqual(kinds, ['ServiceAccount', 'ServiceAccount', 'ConfigMap', 'Role', 'RoleBinding', 'ClusterRoleBinding', 'NetworkPolicy', 'Deployment', 'Service', 'HorizontalPodAutoscaler']);
  });

  it('with auth on, a NetworkPolicy lets other pods reach only the auth proxy’s ports, derived from the rendered Deployment', () => {
    const r = renderService(planFor({ authEnabled: true }), renderInput);
    const np = r.networkPolicy!;
    assert.deepEqual(np.spec!.podSelector!.matchLabels, r.deployment.spec!.selector.matchLabels);
    assert.deepEqual(np.spec!.policyTypes, ['Ingress']);
    const proxyPorts = containerOf(r, 'auth-proxy')!.ports!.map((p) => p.containerPort);
    assert.deepEqual(np.spec!.ingress, [{ ports: proxyPorts.map((port) => ({ port, protocol: 'TCP' })) }]);
    assert.ok(!proxyPorts.includes(containerOf(r, 'model')!.ports![0].containerPort), 'the scoring port is not among the allowed');
    assert.equal(renderService(planFor({ authEnabled: false }), renderInput).networkPolicy, undefined);
  });

  it('puts requests, limits and GPUs on the model container, with a toleration for GPU nodes', () => {
    const r = renderService(planFor({ containerResourceRequirements: { cpu: 0.5, memoryInGB: 1, cpuLimit: 2, memoryInGBLimit: 2.5 }, gpuCores: 1 }), renderInput);
    const c = containerOf(r, 'model')!;
    assert.deepEqual(c.resources, { requests: { cpu: '500m', memory: '1G' }, limits: { cpu: '2', memory: '2500M', [GPU_RESOURCE]: '1' } });
    assert.equal(r.deployment.spec!.template.spec!.tolerations?.[0].key, GPU_RESOURCE);
    const cpuOnly = renderService(planFor({ containerResourceRequirements: { cpu: 0.5, memoryInGB: 1 } }), renderInput);
    assert.deepEqual(containerOf(cpuOnly, 'model')!.resources, { requests: { cpu: '500m', memory: '1G' } });
    assert.equal(cpuOnly.deployment.spec!.template.spec!.tolerations, undefined);
  });

  it('takes the liveness probe from the plan, on the open health route', () => {
    const r = renderService(planFor({ livenessProbeRequirements: { periodSeconds: 7, initialDelaySeconds: 30, timeoutSeconds: 3, failureThreshold: 5 } }), renderInput);
    const p = containerOf(r, 'model')!.livenessProbe!;
    assert.deepEqual(p, { httpGet: { path: '/', port: 5001, scheme: 'HTTP' }, periodSeconds: 7, initialDelaySeconds: 30, timeoutSeconds: 3, successThreshold: 1, failureThreshold: 5 });
  });

  it('passes the plan env for azmlinfsrv, sorted by name', () => {
    const r = renderService(planFor({}), renderInput);
    const env = containerOf(r, 'model')!.env!;
    assert.deepEqual(env.map((e) => e.name), [...env.map((e) => e.name)].sort());
    assert.equal(env.find((e) => e.name === 'AZUREML_ENTRY_SCRIPT')?.value, 'score.py');
    assert.equal(env.find((e) => e.name === 'WORKER_COUNT')?.value, '1');
  });

  it('with key auth: proxy sidecar with the health route open, two key Secrets, Service to the proxy', () => {
    const r = renderService(planFor({ authEnabled: true }), renderInput);
    const proxy = containerOf(r, 'auth-proxy')!;
    assert.equal(proxy.image, renderInput.authProxyImage);
    assert.ok(proxy.args!.includes('--ignore-paths=/'));
    assert.ok(proxy.args!.includes('--upstream=http://127.0.0.1:5001/'));
    assert.ok(proxy.args!.includes('--auth-token-audiences=aksmodel.io/models/myservice'));
    assert.deepEqual(r.keySecrets.map((s) => s.metadata!.name), ['myservice-key-primary', 'myservice-key-secondary']);
    assert.equal(r.keySecrets[0].data, undefined, 'keys are never rendered; the key store writes them');
    // Plain HTTP inside the cluster (TLS is at the Gateway or the port-forward); the port's name is the scheme.
    assert.ok(proxy.args!.includes('--insecure-listen-address=0.0.0.0:8080'));
    assert.ok(!proxy.args!.some((a) => a.startsWith('--secure-listen-address')));
    assert.deepEqual(r.service.spec!.ports, [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }]);
    assert.equal(r.service.spec!.type, 'ClusterIP');
    assert.deepEqual(r.callerRoleBinding!.subjects, [{ kind: 'ServiceAccount', name: 'myservice-client', namespace: 'models' }]);
    assert.equal(r.authDelegator!.roleRef.name, 'system:auth-delegator');
    assert.equal(r.authDelegator!.metadata!.namespace, undefined);
  });

  it('with token auth: the proxy but no key Secrets', () => {
    const r = renderService(planFor({ authEnabled: false, tokenAuthEnabled: true }), renderInput);
    assert.ok(containerOf(r, 'auth-proxy'));
    assert.deepEqual(r.keySecrets, []);
  });

  it('with auth off: no proxy, no keys, no RBAC, Service straight to the scoring port', () => {
    const r = renderService(planFor({ authEnabled: false }), renderInput);
    assert.equal(containerOf(r, 'auth-proxy'), undefined);
    assert.deepEqual(r.keySecrets, []);
    assert.equal(r.callerRole, undefined);
    assert.equal(r.clientServiceAccount, undefined);
    assert.equal(r.service.spec!.ports![0].targetPort, 5001);
    assert.equal(r.deployment.spec!.template.spec!.automountServiceAccountToken, false);
  });

  it('autoscale: an autoscaling/v2 HPA that scales up at once and down after 60 s; no replica count on the Deployment', () => {
    const r = renderService(planFor({ autoScaler: { autoscaleEnabled: true, minReplicas: 2, maxReplicas: 7, targetUtilization: 55 } }), renderInput);
    assert.equal(r.hpa!.apiVersion, 'autoscaling/v2');
    assert.equal(r.hpa!.spec!.minReplicas, 2);
    assert.equal(r.hpa!.spec!.maxReplicas, 7);
    assert.equal(r.hpa!.spec!.metrics![0].resource!.target.averageUtilization, 55);
    assert.deepEqual(r.hpa!.spec!.behavior, { scaleUp: { stabilizationWindowSeconds: 0 }, scaleDown: { stabilizationWindowSeconds: 60 } });
    assert.equal(r.deployment.spec!.replicas, undefined);
  });

  it('fixed replicas: no HPA, the count on the Deployment', () => {
    const r = renderService(planFor({ autoScaler: { autoscaleEnabled: false }, numReplicas: 3 }), renderInput);
    assert.equal(r.hpa, undefined);
    assert.equal(r.deployment.spec!.replicas, 3);
  });

  it('never lets an update take a serving replica away first', () => {
    const r = renderService(planFor({}), renderInput);
    assert.deepEqual(r.deployment.spec!.strategy, { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } });
  });

  it('every container keeps serving while its replica is taken out of the endpoints (preStop pause, within the grace period)', () => {
    const r = renderService(planFor({ authEnabled: true }), renderInput);
    const spec = r.deployment.spec!.template.spec!;
    assert.equal(spec.containers.length, 2);
    for (const c of spec.containers) assert.deepEqual(c.lifecycle, { preStop: { sleep: { seconds: DRAIN_SECONDS } } }, c.name);
    assert.ok(DRAIN_SECONDS > 0 && DRAIN_SECONDS < (spec.terminationGracePeriodSeconds ?? 30));
  });
});
