// "Consume": a panel per service (or endpoint, or version) with its scoring and swagger URIs, auth mode, client
// snippets with a placeholder key, and the input/output schema read from the service's own swagger.json. "Copy with
// key" reads the key (or mints a token) here and writes the filled snippet to the clipboard: the webview never sees it.
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { ConsumeContract, ConsumeState, CopyWhat } from '../../contract/consume';
import { snippet, snippets, SNIPPET_KINDS } from '../../core/consumeSnippets';
import { type ConsumeSchema, schemaFromSwagger } from '../../core/swaggerSchema';
import type { ServiceAccess } from '../../kube';
import { kubeEngine } from '../engines';
import { describeService, kubeConfigFor, type ServiceRef } from '../kube/clusterRef';
import { resolveServiceRef, type ServiceArg } from '../kube/pickService';
import type { UiContext } from '../uiContext';
import { PanelHost } from '../webviews/panelHost';

const open = new Map<string, PanelHost<ConsumeContract>>();
const keyOf = (r: ServiceRef) => `${r.cluster.source}:${r.cluster.targetId}/${r.namespace}/${r.serviceName}/${r.version ?? ''}`;

async function swaggerSchema(ui: UiContext, ref: ServiceRef, access: ServiceAccess): Promise<ConsumeSchema> {
  try {
    const r = await kubeEngine().callService(
      kubeConfigFor(ui, ref.cluster),
      { namespace: ref.namespace, service: ref.serviceName, version: ref.version, method: 'GET', path: '/swagger.json', timeoutMs: 30_000 },
      { access, logger: ui.log },
    );
    if (r.status === 200 && r.json !== undefined) return schemaFromSwagger(r.json);
    const why = r.status === 404 ? 'the service serves no swagger.json (its score.py declares no input/output schema with inference-schema)' : `swagger.json could not be read (${r.status || r.error})`;
    return { status: 'none', message: why, input: [], output: [] };
  } catch (e) {
    return { status: 'none', message: `swagger.json could not be read: ${e instanceof Error ? e.message : String(e)}`, input: [], output: [] };
  }
}

/** The body the snippets send: the workspace folder's sample-request.json when there is one for this service. */
async function sampleBody(ui: UiContext, ref: ServiceRef): Promise<string | undefined> {
  for (const f of await ui.localModels.modelFolders()) {
    if (path.basename(f.folder) !== ref.serviceName) continue;
    const file = path.join(f.folder, 'sample-request.json');
    if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8');
  }
  return undefined;
}

export async function consumeState(ui: UiContext, ref: ServiceRef): Promise<{ state: ConsumeState; access: ServiceAccess; body?: string }> {
  const kc = kubeConfigFor(ui, ref.cluster);
  const access = await kubeEngine().readServiceAccess(kc, { namespace: ref.namespace, service: ref.serviceName, version: ref.version });
  const body = await sampleBody(ui, ref);
  const uri = access.scoringUri ?? `<scoring URI of ${ref.serviceName}>`;
  const state: ConsumeState = {
    service: ref.serviceName,
    version: ref.version,
    namespace: ref.namespace,
    clusterLabel: ref.cluster.label,
    authMode: access.authMode,
    scoringUri: access.scoringUri,
    swaggerUri: access.swaggerUri,
    addresses: access.addresses.map((a) => ({ exposure: a.exposure, version: a.version, scoringUri: a.scoringUri, waiting: a.waiting })),
    snippets: snippets({ scoringUri: uri, authMode: access.authMode, body }),
    schema: await swaggerSchema(ui, ref, access),
  };
  return { state, access, body };
}

export async function openConsume(ui: UiContext, arg: ServiceArg): Promise<PanelHost<ConsumeContract> | undefined> {
  const ref = await resolveServiceRef(ui, arg);
  if (!ref) return undefined;
  const existing = open.get(keyOf(ref));
  if (existing) {
    existing.panel.reveal();
    return existing;
  }
  const { state, access, body } = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `Reading ${ref.serviceName}` }, () => consumeState(ui, ref));
  const copy = async ({ what, withKey }: { what: CopyWhat; withKey: boolean }) => {
    if (what === 'scoringUri' || what === 'swaggerUri') {
      const text = state[what];
      if (!text) throw new Error(`${ref.serviceName} has no ${what === 'scoringUri' ? 'scoring' : 'swagger'} URI yet.`);
      await vscode.env.clipboard.writeText(text);
      return { message: 'Copied.' };
    }
    if (!SNIPPET_KINDS.includes(what)) throw new Error(`Unknown snippet "${String(what)}".`);
    if (!withKey || access.authMode === 'none') {
      await vscode.env.clipboard.writeText(state.snippets[what]);
      return { message: 'Copied.' };
    }
    const kc = kubeConfigFor(ui, ref.cluster);
    const engineRef = { serviceName: ref.serviceName, namespace: ref.namespace };
    const credential = access.authMode === 'key' ? (await kubeEngine().readKeys(kc, engineRef)).primary : (await kubeEngine().getToken(kc, engineRef)).token;
    await vscode.env.clipboard.writeText(snippet(what, { scoringUri: state.scoringUri ?? '', authMode: access.authMode, body, credential }));
    ui.log.info(`[consume] copied the ${what} snippet of ${describeService(ref)} with its ${access.authMode === 'key' ? 'primary key' : 'token'} filled in`);
    return { message: `Copied with the ${access.authMode === 'key' ? 'primary key' : 'token'} filled in (this copy only: the panel keeps the placeholder).` };
  };
  const host = new PanelHost<ConsumeContract>({
    extensionUri: ui.extension.extensionUri,
    viewType: 'aksModel.consume',
    title: `Consume: ${ref.serviceName}${ref.version ? `/${ref.version}` : ''}`,
    entry: 'consume',
    log: ui.log,
    initialState: () => state,
    handlers: { copy },
  });
  open.set(keyOf(ref), host);
  host.panel.onDidDispose(() => open.delete(keyOf(ref)));
  return host;
}
