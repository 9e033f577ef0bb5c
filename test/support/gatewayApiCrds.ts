// Installs the Gateway API's official standard-channel CRDs (kubernetes-sigs/gateway-api, read from the specs
// folder's k8s/gateway-api/, never committed here) into a test API server, and waits until HTTPRoutes are served.
import fs from 'node:fs';
import path from 'node:path';
import { ApiextensionsV1Api, CustomObjectsApi, type KubeConfig, type V1CustomResourceDefinition } from '@kubernetes/client-node';
import { parse } from 'yaml';
import { specsDir } from './specsDir';

export function gatewayApiCrdFiles(): string[] {
  const dir = path.join(specsDir(), 'k8s/gateway-api');
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.yaml')) : [];
  if (!files.some((f) => f.includes('httproutes')) || !files.some((f) => f.includes('_gateways'))) {
    throw new Error(
      `Gateway API CRDs missing: ${dir} must hold the standard-channel CRD files of kubernetes-sigs/gateway-api ` +
        '(config/crd/standard/gateway.networking.k8s.io_*.yaml at tag v1.6.1). ' +
        'Run `node tools/specs/fetchSpecs.mjs` to download them at the pinned commit, or set AKS_MODEL_SPECS_DIR to a specs folder that has them.',
    );
  }
  return files.sort().map((f) => path.join(dir, f));
}

export async function installGatewayApiCrds(kubeConfig: KubeConfig): Promise<void> {
  const ext = kubeConfig.makeApiClient(ApiextensionsV1Api);
  const names: string[] = [];
  for (const file of gatewayApiCrdFiles()) {
    const crd = parse(fs.readFileSync(file, 'utf8')) as V1CustomResourceDefinition;
    await ext.createCustomResourceDefinition({ body: crd });
    names.push(crd.metadata!.name!);
  }
  const deadline = Date.now() + 60_000;
  for (const name of names) {
    for (;;) {
      const crd = await ext.readCustomResourceDefinition({ name });
      if (crd.status?.conditions?.some((c) => c.type === 'Established' && c.status === 'True')) break;
      if (Date.now() > deadline) throw new Error(`CRD ${name} not established after 60 s`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  // Discovery can lag behind Established for a moment.
  const custom = kubeConfig.makeApiClient(CustomObjectsApi);
  for (;;) {
    try {
      const r = await custom.getAPIResources({ group: 'gateway.networking.k8s.io', version: 'v1' });
      if (r.resources.some((x) => x.name === 'httproutes')) return;
    } catch {
      /* not yet */
    }
    if (Date.now() > deadline) throw new Error('gateway.networking.k8s.io/v1 httproutes not discoverable after 60 s');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A GatewayClass and a Gateway for routes to attach to (no controller runs: nothing programs it). */
export async function createTestGateway(kubeConfig: KubeConfig, namespace: string, name = 'shared-gw'): Promise<void> {
  const custom = kubeConfig.makeApiClient(CustomObjectsApi);
  const group = 'gateway.networking.k8s.io';
  await custom.createClusterCustomObject({ group, version: 'v1', plural: 'gatewayclasses', body: { apiVersion: `${group}/v1`, kind: 'GatewayClass', metadata: { name: `${name}-class` }, spec: { controllerName: 'example.com/test-controller' } } });
  await custom.createNamespacedCustomObject({
    group,
    version: 'v1',
    namespace,
    plural: 'gateways',
    body: {
      apiVersion: `${group}/v1`,
      kind: 'Gateway',
      metadata: { name, namespace },
      spec: { gatewayClassName: `${name}-class`, listeners: [{ name: 'http', protocol: 'HTTP', port: 80, allowedRoutes: { namespaces: { from: 'All' } } }] },
    },
  });
}
