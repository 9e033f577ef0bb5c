// Where a model folder is deployed: cluster, namespace and registry, asked once and remembered per folder in the
// workspace state (plain names only: credentials stay in the kubeconfig or the Azure session).
import * as vscode from 'vscode';
import { pickCluster } from '../kube/pickService';
import { defaultNamespace, kubeConfigFor, type ClusterRef } from '../kube/clusterRef';
import { settings } from '../settings';
import type { UiContext } from '../uiContext';
import type { Exposure } from '../../core/manifests';
import { formatGatewayRef, parseGatewayRef } from '../../core/endpointModel';
import { kubeEngine } from '../engines';

export interface DeployChoices {
  readonly cluster: ClusterRef;
  readonly namespace: string;
  readonly registry: string;
  /** How callers reach the service (default cluster); remembered with the rest. */
  readonly exposure?: Exposure;
}

const stateKey = (folder: string) => `aksModel.deploy.choices:${folder}`;

const NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const REGISTRY = /^[a-zA-Z0-9.-]+(:\d+)?(\/[a-z0-9._/-]+)?$/;

export function rememberedChoices(ui: UiContext, folder: string): DeployChoices | undefined {
  return ui.extension.workspaceState.get<DeployChoices>(stateKey(folder));
}

/** Offers the remembered target first; otherwise (or on "Other…") asks cluster, namespace and registry. */
export async function askDeployChoices(ui: UiContext, folder: string, planNamespace: string | undefined, serviceName: string): Promise<DeployChoices | undefined> {
  const last = rememberedChoices(ui, folder);
  if (last) {
    const again = await vscode.window.showQuickPick(
      [
        { label: `$(history) ${last.cluster.label}`, description: `namespace ${last.namespace} · registry ${last.registry}`, again: true },
        { label: '$(server-environment) Another target…', again: false },
      ],
      { title: `Deploy ${serviceName}`, placeHolder: 'Deploy where?', ignoreFocusOut: true },
    );
    if (!again) return undefined;
    if (again.again) return last;
  }
  const cluster = await pickCluster(ui, `Deploy ${serviceName} to which cluster?`);
  if (!cluster) return undefined;
  const kc = kubeConfigFor(ui, cluster);
  const namespace = await vscode.window.showInputBox({
    title: `Deploy ${serviceName} to ${cluster.label}`,
    prompt: planNamespace ? 'Namespace (deploymentconfig.json names one)' : 'Namespace',
    value: last?.namespace ?? planNamespace ?? defaultNamespace(kc),
    ignoreFocusOut: true,
    validateInput: (v) => (NAME.test(v) && v.length <= 63 ? undefined : 'A namespace is lower-case letters, digits and dashes (at most 63), starting and ending with a letter or digit.'),
  });
  if (!namespace) return undefined;
  const registry = await vscode.window.showInputBox({
    title: `Deploy ${serviceName} to ${cluster.label}`,
    prompt: 'Container registry the cluster pulls from (for AKS: its attached ACR, e.g. myacr.azurecr.io). The image is pushed there.',
    placeHolder: 'myacr.azurecr.io',
    value: last?.registry ?? settings().deployRegistries[cluster.targetId] ?? '',
    ignoreFocusOut: true,
    validateInput: (v) => (REGISTRY.test(v.trim()) ? undefined : 'A registry host, optionally with a port and a path: myacr.azurecr.io, 127.0.0.1:5000, registry.example.com/team'),
  });
  if (!registry) return undefined;
  const exposure = await askExposure(kc, cluster, namespace, serviceName, last?.exposure);
  if (!exposure) return undefined;
  const choices: DeployChoices = { cluster, namespace, registry: registry.trim(), exposure };
  await ui.extension.workspaceState.update(stateKey(folder), choices);
  return choices;
}

/** cluster (port-forward only), a LoadBalancer Service, or an HTTPRoute on a Gateway (picked from the cluster). */
async function askExposure(kc: ReturnType<typeof kubeConfigFor>, cluster: ClusterRef, namespace: string, serviceName: string, last?: Exposure): Promise<Exposure | undefined> {
  const items = [
    { label: 'Inside the cluster', description: 'ClusterIP; VS Code and the CLI call it through a port-forward', exposure: 'cluster' as const },
    { label: 'Load balancer', description: 'a LoadBalancer Service (internal with loadBalancerType InternalLoadBalancer)', exposure: 'load-balancer' as const },
    { label: 'Gateway', description: `an HTTPRoute on /api/v1/service/${serviceName} of a Gateway`, exposure: 'gateway' as const },
  ];
  // The remembered choice first (a single-choice pick has no pre-selection).
  items.sort((a, b) => Number(b.exposure === last?.kind) - Number(a.exposure === last?.kind));
  const picked = await vscode.window.showQuickPick(items, { title: `Deploy ${serviceName} to ${cluster.label}`, placeHolder: 'How do callers reach it?', ignoreFocusOut: true });
  if (!picked) return undefined;
  if (picked.exposure !== 'gateway') return { kind: picked.exposure };
  const configured = settings().endpointGateways[cluster.targetId];
  const remembered = last?.gateway ?? (configured ? parseGatewayRef(configured, namespace) : undefined);
  const { gateways } = await kubeEngine().listGateways(kc, namespace);
  if (gateways.length === 0 && !remembered) throw new Error(`No Gateway on ${cluster.label} for ${serviceName} to attach to. Create one (on AKS the application routing or Istio add-on provides a GatewayClass).`);
  const first = (g: { namespace: string; name: string }) => (remembered && formatGatewayRef(g) === formatGatewayRef(remembered) ? 0 : 1);
  const choice = await vscode.window.showQuickPick(
    [...gateways].sort((a, b) => first(a) - first(b)).map((g) => ({ label: formatGatewayRef(g), description: `${g.className}${g.programmed === false ? ' · not programmed' : ''}`, detail: g.listeners.join(', '), g })),
    { title: `Attach ${serviceName} to which Gateway?`, ignoreFocusOut: true },
  );
  return choice ? { kind: 'gateway', gateway: { namespace: choice.g.namespace, name: choice.g.name } } : undefined;
}
