// Where a model folder is deployed: cluster, namespace and registry, asked once and remembered per folder in the
// workspace state (plain names only: credentials stay in the kubeconfig or the Azure session).
import * as vscode from 'vscode';
import { pickCluster } from '../kube/pickService';
import { defaultNamespace, kubeConfigFor, type ClusterRef } from '../kube/clusterRef';
import { settings } from '../settings';
import type { UiContext } from '../uiContext';

export interface DeployChoices {
  readonly cluster: ClusterRef;
  readonly namespace: string;
  readonly registry: string;
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
  const choices: DeployChoices = { cluster, namespace, registry: registry.trim() };
  await ui.extension.workspaceState.update(stateKey(folder), choices);
  return choices;
}
