// "Deploy to AKS…": a model folder → image built and pushed → objects applied → rollout watched, in one cancellable
// progress notification. A folder whose config does not validate is never deployed.
import path from 'node:path';
import * as vscode from 'vscode';
import { taggedLogger } from '../../core/logger';
import { type FolderArg, modelFolderOf } from '../commands/modelFolderArg';
import { kubeEngine, localEngine } from '../engines';
import { kubeConfigFor, type ServiceRef } from '../kube/clusterRef';
import { settings } from '../settings';
import type { UiContext } from '../uiContext';
import { endpointGatewayFor, runEndpointVersionDeploy } from '../endpoint/addVersion';
import { askDeployChoices, type DeployChoices } from './deployChoices';
import { publishModelImage } from './imageStep';
import { UiError } from '../uiError';

export interface DeployOutcome {
  readonly ref: ServiceRef;
  readonly image: string;
  readonly objects: number;
}

/** `given` skips the questions (automation and tests pass the target they want). */
export async function deployToAks(ui: UiContext, arg: FolderArg, given?: DeployChoices): Promise<DeployOutcome | undefined> {
  const folder = await modelFolderOf(ui, arg);
  if (!folder) return undefined;
  const planned = localEngine().localSpecForFolder(folder, { defaultBaseImage: settings().localBaseImage });
  if (!planned.ok) {
    const shown = planned.problems.slice(0, 3).join('\n');
    const more = planned.problems.length > 3 ? `\n…and ${planned.problems.length - 3} more (see the Problems view).` : '';
    throw new UiError('configInvalid', `${path.basename(folder)} was not deployed: its configuration has errors.\n${shown}${more}`, { folder });
  }
  const { spec, plan } = planned;
  const choices = given ?? (await askDeployChoices(ui, folder, plan.namespace, plan.serviceName));
  if (!choices) return undefined;
  const kc = kubeConfigFor(ui, choices.cluster);
  const ref: ServiceRef = { cluster: choices.cluster, namespace: choices.namespace, serviceName: plan.serviceName };
  if (plan.computeType === 'aksendpoint') {
    // computeType AKSENDPOINT: a version of the endpoint, routed by its HTTPRoute once ready (src/kube/endpoint).
    const gateway = await endpointGatewayFor(ui, ref);
    if (gateway === 'cancelled') return undefined;
    const done = await runEndpointVersionDeploy(ui, { ref, kc, spec, plan, registry: choices.registry, gateway, folder });
    return { ref, image: done.image, objects: done.objects };
  }
  const logger = taggedLogger(ui.log, 'deploy');
  const s = settings();
  const outcome = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Deploying ${plan.serviceName} to ${choices.cluster.label}`, cancellable: true },
    async (progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      const report = (message: string) => {
        logger.info(message);
        progress.report({ message: message.slice(0, 140) });
      };
      const image = await publishModelImage(spec, {
        registry: choices.registry,
        storageDir: ui.local.storageFor(folder, 'docker'),
        dockerHost: s.dockerHost,
        logger,
        signal: abort.signal,
        show: (message) => progress.report({ message: message.slice(0, 140) }),
      });
      const target = {
        plan,
        serviceName: plan.serviceName,
        namespace: choices.namespace,
        image,
        authProxyImage: s.authProxyImage ?? kubeEngine().DEFAULT_AUTH_PROXY_IMAGE,
        createNamespace: true,
        exposure: choices.exposure,
      };
      const run = kubeEngine().deployService(kc, target, { signal: abort.signal, timeoutMs: s.rolloutTimeoutSeconds * 1000, logger });
      for (;;) {
        const next = await run.next();
        if (next.done) return { ref, image, objects: next.value.applied.length };
        const p = next.value;
        report(p.step === 'rollout' ? `rollout ${p.ready}/${p.desired} ready: ${p.message}` : `apply ${p.ready}/${p.desired}: ${p.message}`);
      }
    },
  );
  const copy = plan.auth.mode === 'key' ? 'Copy Primary Key' : plan.auth.mode === 'token' ? 'Copy Token' : undefined;
  // The scoring URI as v1's deploy printed it; Send Test Request is the next click (it adds the key itself).
  const scoringUri = await kubeEngine().readServiceAccess(kc, { namespace: choices.namespace, service: plan.serviceName }).then((a) => a.scoringUri, () => undefined);
  const at = scoringUri ? ` Scoring URI: ${scoringUri}` : '';
  void vscode.window.showInformationMessage(`${plan.serviceName} is ready in namespace ${choices.namespace} on ${choices.cluster.label}.${at}`, 'Send Test Request', ...(scoringUri ? ['Copy Scoring URI'] : []), ...(copy ? [copy] : []), 'Show Status').then((c) => {
    if (c === 'Send Test Request') void vscode.commands.executeCommand('aksModel.sendTestRequest', { ref });
    if (c === 'Copy Scoring URI') void vscode.commands.executeCommand('aksModel.copyScoringUri', ref);
    if (c === 'Copy Primary Key') void vscode.commands.executeCommand('aksModel.copyPrimaryKey', ref);
    if (c === 'Copy Token') void vscode.commands.executeCommand('aksModel.copyToken', ref);
    if (c === 'Show Status') void vscode.commands.executeCommand('aksModel.showStatus', ref);
  });
  return outcome;
}
