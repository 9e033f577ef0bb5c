// Changes to an endpoint's versions: traffic, default, control/treatment, promote, delete. Each reads the current
// state, computes the new version list, and goes through writeRoute (validation + readiness gate + one write).
import type { KubeConfig } from '@kubernetes/client-node';
import type { EndpointModel } from '../../core/endpointModel';
import { silentLogger, type Logger } from '../../core/logger';
import { deleteService, deleteVersionObjects, type DeletedObject } from '../deploy/remove';
import { checkGatewayApi } from './gatewayApi';
import { type EndpointState, modelOf, readEndpointState } from './readEndpoint';
import type { VersionRecord } from './route';
import { EndpointRefusal, writeRoute } from './writeRoute';

export interface EndpointRef {
  namespace: string;
  /** The endpoint's name. */
  endpoint: string;
}

export interface EndpointOpOptions {
  logger?: Logger;
}

async function change(kubeConfig: KubeConfig, ref: EndpointRef, edit: (records: VersionRecord[], state: EndpointState) => VersionRecord[], options: EndpointOpOptions): Promise<EndpointModel> {
  await checkGatewayApi(kubeConfig);
  const state = await readEndpointState(kubeConfig, ref.namespace, ref.endpoint);
  if (!state.route) throw new EndpointRefusal(`Endpoint ${ref.endpoint} in namespace ${ref.namespace} has no route (no version of it has been deployed and become ready). Nothing was changed.`);
  const next = edit(state.records.map((r) => ({ ...r })), state);
  await writeRoute(kubeConfig, state, next);
  const model = modelOf(await readEndpointState(kubeConfig, ref.namespace, ref.endpoint));
  (options.logger ?? silentLogger).info(`endpoint ${ref.namespace}/${ref.endpoint}: ${model.versions.map((v) => `${v.name} ${v.weight}%`).join(', ')}`);
  return model;
}

function find(records: VersionRecord[], ref: EndpointRef, version: string): VersionRecord {
  const r = records.find((x) => x.name === version);
  if (!r) throw new EndpointRefusal(`Endpoint ${ref.endpoint} has no version ${version} in its route (it has ${records.map((x) => x.name).join(', ') || 'none'}). Nothing was changed.`);
  return r;
}

/** Sets the traffic percentile of the named versions (undefined: the version claims nothing). */
export function setTraffic(kubeConfig: KubeConfig, ref: EndpointRef, percentiles: Readonly<Record<string, number | undefined>>, options: EndpointOpOptions = {}): Promise<EndpointModel> {
  return change(kubeConfig, ref, (records) => {
    for (const [name, p] of Object.entries(percentiles)) find(records, ref, name).trafficPercentile = p;
    return records;
  }, options);
}

/** The version takes the traffic no version claims (is_default=True). */
export function makeDefault(kubeConfig: KubeConfig, ref: EndpointRef, version: string, options: EndpointOpOptions = {}): Promise<EndpointModel> {
  return change(kubeConfig, ref, (records) => {
    find(records, ref, version);
    return records.map((r) => ({ ...r, isDefault: r.name === version }));
  }, options);
}

/** The version becomes the control; refused while another version is the control (one control per endpoint). */
export function markControl(kubeConfig: KubeConfig, ref: EndpointRef, version: string, options: EndpointOpOptions = {}): Promise<EndpointModel> {
  return change(kubeConfig, ref, (records) => {
    find(records, ref, version).isControl = true;
    return records;
  }, options);
}

export function markTreatment(kubeConfig: KubeConfig, ref: EndpointRef, version: string, options: EndpointOpOptions = {}): Promise<EndpointModel> {
  return change(kubeConfig, ref, (records) => {
    find(records, ref, version).isControl = false;
    return records;
  }, options);
}

/** A treatment that won: it becomes the control and the default; the old control becomes a treatment. */
export function promote(kubeConfig: KubeConfig, ref: EndpointRef, version: string, options: EndpointOpOptions = {}): Promise<EndpointModel> {
  return change(kubeConfig, ref, (records) => {
    find(records, ref, version);
    return records.map((r) => ({ ...r, isControl: r.name === version, isDefault: r.name === version }));
  }, options);
}

export interface DeleteVersionResult {
  model?: EndpointModel;
  deleted: DeletedObject[];
}

/**
 * Takes the version out of the route first (so no request goes to it), then deletes its objects. The default is
 * refused while other versions exist, unless `newDefault` names the version that takes its place. Deleting the
 * last version deletes the endpoint (its shared auth objects and the route too). A version that never made it
 * into the route (a failed first rollout) is just deleted.
 */
export async function deleteVersion(kubeConfig: KubeConfig, ref: EndpointRef, version: string, options: EndpointOpOptions & { newDefault?: string; signal?: AbortSignal } = {}): Promise<DeleteVersionResult> {
  const log = options.logger ?? silentLogger;
  const state = await readEndpointState(kubeConfig, ref.namespace, ref.endpoint);
  const svc = { serviceName: ref.endpoint, namespace: ref.namespace };
  const inRoute = state.records.some((r) => r.name === version);
  if (!inRoute && !state.deployments.has(version)) throw new EndpointRefusal(`Endpoint ${ref.endpoint} in namespace ${ref.namespace} has no version ${version}. Nothing was changed.`);
  const others = state.records.filter((r) => r.name !== version);
  const othersDeployed = [...state.deployments.keys()].filter((v) => v !== version);
  if (others.length === 0 && othersDeployed.length === 0) {
    const deleted = await deleteService(kubeConfig, svc, { signal: options.signal, logger: log });
    log.info(`endpoint ${ref.namespace}/${ref.endpoint}: last version ${version} deleted, and the endpoint with it`);
    return { deleted };
  }
  if (inRoute) {
    if (others.length === 0) {
      throw new EndpointRefusal(`Version ${version} is the only version in the route of ${ref.endpoint}, while ${othersDeployed.join(', ')} ${othersDeployed.length === 1 ? 'is' : 'are'} deployed but not ready; delete ${othersDeployed.length === 1 ? 'it' : 'them'} first. Nothing was changed.`);
    }
    const current = modelOf(state).versions.find((v) => v.name === version);
    const isDefault = current?.isDefault ?? false;
    if (isDefault && !options.newDefault) {
      throw new EndpointRefusal(`Version ${version} is the default of ${ref.endpoint}; make another version the default first (or name the new default). Nothing was changed.`);
    }
    if (options.newDefault && !others.some((r) => r.name === options.newDefault)) {
      throw new EndpointRefusal(`The new default ${options.newDefault} is not another version of ${ref.endpoint}. Nothing was changed.`);
    }
    const next = others.map((r) => ({ ...r, isDefault: options.newDefault ? r.name === options.newDefault : r.isDefault }));
    await writeRoute(kubeConfig, state, next);
  }
  const deleted = await deleteVersionObjects(kubeConfig, svc, version, { signal: options.signal, logger: log });
  const model = modelOf(await readEndpointState(kubeConfig, ref.namespace, ref.endpoint));
  log.info(`endpoint ${ref.namespace}/${ref.endpoint}: version ${version} deleted (${deleted.length} objects)`);
  return { model, deleted };
}
