// Which Gateway a new endpoint's HTTPRoute attaches to: the setting aksModel.endpoint.gateways for the target, else
// a pick from the Gateways on the cluster (remembered in that setting). An endpoint that has a route keeps its Gateway.
import type { KubeConfig } from '@kubernetes/client-node';
import * as vscode from 'vscode';
import { formatGatewayRef, parseGatewayRef, type GatewayRef } from '../../core/endpointModel';
import { kubeEngine } from '../engines';
import type { ClusterRef } from '../kube/clusterRef';
import { settings } from '../settings';

export async function gatewayFor(kc: KubeConfig, cluster: ClusterRef, namespace: string, endpoint: string): Promise<GatewayRef | undefined | 'cancelled'> {
  const kube = kubeEngine();
  await kube.checkGatewayApi(kc);
  const model = await kube.readEndpoint(kc, namespace, endpoint);
  if (model.routed) return undefined;
  const configured = settings().endpointGateways[cluster.targetId];
  if (configured) {
    const ref = parseGatewayRef(configured, namespace);
    if (!ref) throw new Error(`The setting aksModel.endpoint.gateways has "${configured}" for ${cluster.label}: write it as "namespace/name".`);
    return ref;
  }
  const { gateways, onlyNamespace } = await kube.listGateways(kc, namespace);
  if (gateways.length === 0) {
    throw new Error(
      `No Gateway on ${cluster.label}${onlyNamespace ? ` in namespace ${onlyNamespace}` : ''} for endpoint ${endpoint} to attach to. Create one (on AKS the application routing or Istio add-on provides a GatewayClass), or name it in the setting aksModel.endpoint.gateways.`,
    );
  }
  const picked = await vscode.window.showQuickPick(
    gateways.map((g) => ({
      label: formatGatewayRef(g),
      description: `${g.className}${g.programmed === false ? ' · not programmed' : ''}`,
      detail: g.listeners.join(', '),
      g,
    })),
    { title: `Attach endpoint ${endpoint} to which Gateway?`, placeHolder: 'Remembered for this cluster in aksModel.endpoint.gateways', ignoreFocusOut: true },
  );
  if (!picked) return 'cancelled';
  const all = { ...settings().endpointGateways, [cluster.targetId]: formatGatewayRef(picked.g) };
  await vscode.workspace.getConfiguration('aksModel').update('endpoint.gateways', all, vscode.ConfigurationTarget.Global);
  return { namespace: picked.g.namespace, name: picked.g.name };
}
