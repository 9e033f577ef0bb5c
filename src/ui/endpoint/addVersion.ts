// "Add Version…" on an endpoint, and the endpoint branch of "Deploy to AKS…": a model folder's image published, then
// deployEndpointVersion (apply, rollout, and only then the route), in one cancellable progress notification.
import type { KubeConfig } from '@kubernetes/client-node';
import path from 'node:path';
import * as vscode from 'vscode';
import type { EndpointModel, GatewayRef } from '../../core/endpointModel';
import { taggedLogger } from '../../core/logger';
import type { DeploymentPlan } from '../../core/plan';
import type { LocalServiceSpec } from '../../local';
import { modelFolderOf } from '../commands/modelFolderArg';
import { rememberedChoices } from '../deploy/deployChoices';
import { publishModelImage } from '../deploy/imageStep';
import { kubeEngine, localEngine } from '../engines';
import { kubeConfigFor, type ServiceRef } from '../kube/clusterRef';
import { resolveServiceRef, type ServiceArg } from '../kube/pickService';
import { settings } from '../settings';
import type { UiContext } from '../uiContext';
import { endpointChanged } from './endpointEvents';
import { gatewayFor } from './gatewayChoice';
import { shares } from './versionCommands';
import { UiError } from '../uiError';

const VERSION_NAME = /^[a-z][-a-z0-9]{1,30}[a-z0-9]$/;

export interface EndpointVersionDeploy {
  readonly ref: ServiceRef;
  readonly kc: KubeConfig;
  readonly spec: LocalServiceSpec;
  readonly plan: DeploymentPlan;
  readonly registry: string;
  readonly gateway?: GatewayRef;
  readonly folder: string;
}

/** Publishes the image and deploys the version; resolves with the endpoint as routed afterwards. */
export async function runEndpointVersionDeploy(ui: UiContext, d: EndpointVersionDeploy): Promise<{ model: EndpointModel; image: string; objects: number }> {
  const logger = taggedLogger(ui.log, 'endpoint');
  const s = settings();
  const version = d.plan.endpoint?.versionName ?? d.plan.serviceName;
  const outcome = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Deploying version ${version} of ${d.ref.serviceName} to ${d.ref.cluster.label}`, cancellable: true },
    async (progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      const show = (message: string) => progress.report({ message: message.slice(0, 140) });
      const image = await publishModelImage(d.spec, { registry: d.registry, storageDir: ui.local.storageFor(d.folder, 'docker'), dockerHost: s.dockerHost, logger, signal: abort.signal, show });
      const run = kubeEngine().deployEndpointVersion(
        d.kc,
        { plan: d.plan, endpoint: d.ref.serviceName, namespace: d.ref.namespace, image, authProxyImage: s.authProxyImage ?? kubeEngine().DEFAULT_AUTH_PROXY_IMAGE, createNamespace: true, gateway: d.gateway },
        { signal: abort.signal, timeoutMs: s.rolloutTimeoutSeconds * 1000, logger },
      );
      for (;;) {
        const next = await run.next();
        if (next.done) return { model: next.value.model, image, objects: next.value.applied.length };
        logger.info(`${next.value.step}: ${next.value.message}`);
        show(`${next.value.step}: ${next.value.message}`);
      }
    },
  );
  endpointChanged(ui, d.ref);
  void vscode.window.showInformationMessage(`Version ${version} of ${d.ref.serviceName} is ready and routed. Traffic: ${shares(outcome.model)}.`);
  return outcome;
}

/** The plan of a folder, re-aimed at endpoint `endpoint` as version `version` with `trafficPercentile`. */
export function asEndpointVersion(plan: DeploymentPlan, endpoint: string, version: string, trafficPercentile: number | undefined): DeploymentPlan {
  return { ...plan, serviceName: endpoint, computeType: 'aksendpoint', endpoint: { versionName: version, trafficPercentile } };
}

export async function addVersion(ui: UiContext, arg: ServiceArg, folderArg?: vscode.Uri): Promise<EndpointModel | undefined> {
  const ref = await resolveServiceRef(ui, arg, { endpointsOnly: true });
  if (!ref) return undefined;
  const endpoint: ServiceRef = { ...ref, version: undefined };
  const folder = await modelFolderOf(ui, folderArg);
  if (!folder) return undefined;
  const planned = localEngine().localSpecForFolder(folder, { defaultBaseImage: settings().localBaseImage });
  if (!planned.ok) throw new UiError('configInvalid', `${path.basename(folder)} cannot be deployed: its configuration has errors.\n${planned.problems.slice(0, 3).join('\n')}`);
  const kc = kubeConfigFor(ui, ref.cluster);
  const model = await kubeEngine().readEndpoint(kc, ref.namespace, ref.serviceName);
  const taken = new Set([...model.versions.map((v) => v.name), ...model.unrouted.map((u) => u.name)]);
  const suggested = planned.plan.endpoint?.versionName;
  const version = await vscode.window.showInputBox({
    title: `Add a version to ${ref.serviceName}`,
    prompt: `Version name (3–32 lowercase letters, digits and "-"). Existing: ${[...taken].join(', ') || 'none'}; an existing name updates that version.`,
    value: suggested && suggested !== planned.plan.serviceName ? suggested : '',
    ignoreFocusOut: true,
    validateInput: (v) => (VERSION_NAME.test(v) ? undefined : 'Use 3–32 lowercase letters, digits and "-", starting with a letter.'),
  });
  if (!version) return undefined;
  const percentText = await vscode.window.showInputBox({
    title: `Traffic for ${version}`,
    prompt: 'Percent of the endpoint traffic this version claims (0–100); empty claims nothing. What no version claims goes to the default.',
    value: planned.plan.endpoint?.trafficPercentile !== undefined ? String(planned.plan.endpoint.trafficPercentile) : '',
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() === '' || (Number.isFinite(Number(v)) && Number(v) >= 0 && Number(v) <= 100) ? undefined : 'A number from 0 to 100, or empty.'),
  });
  if (percentText === undefined) return undefined;
  const registry = rememberedChoices(ui, folder)?.registry ?? settings().deployRegistries[ref.cluster.targetId] ?? (await vscode.window.showInputBox({ title: 'Push the model image to which registry?', prompt: 'e.g. myacr.azurecr.io (the cluster must be able to pull from it)', ignoreFocusOut: true }));
  if (!registry) return undefined;
  const plan = asEndpointVersion(planned.plan, ref.serviceName, version, percentText.trim() === '' ? undefined : Number(percentText));
  return (await runEndpointVersionDeploy(ui, { ref: endpoint, kc, spec: planned.spec, plan, registry, folder, gateway: undefined })).model;
}

/** For "Deploy to AKS…" on a folder whose deploymentconfig says AKSENDPOINT: the Gateway when the endpoint is new. */
export async function endpointGatewayFor(ui: UiContext, ref: ServiceRef): Promise<GatewayRef | undefined | 'cancelled'> {
  return gatewayFor(kubeConfigFor(ui, ref.cluster), ref.cluster, ref.namespace, ref.serviceName);
}
