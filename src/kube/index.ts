// The kube engine's public surface. Bundled on its own (dist/kube.js) and loaded on first use, so that
// @kubernetes/client-node never weighs on activation.
export { kubeconfigFiles, loadKubeconfig, kubeConfigFromYaml, type KubeContextInfo, type LoadedKubeconfig } from './kubeconfig';
export { mergeIntoKubeconfigFile, mergeKubeconfigYaml } from './kubeconfigMerge';
export { DEFAULT_AUTH_PROXY_IMAGE } from '../core/manifests';
export { FIELD_MANAGER, MANAGED_BY_LABEL, MANAGED_BY_VALUE, SERVICE_LABEL, VERSION_LABEL, serviceLabels, serviceSelector } from './labels';
export {
  applyService,
  deleteService,
  deployService,
  podLogFetcher,
  watchRollout,
  explainApiError,
  getToken,
  imageRefFor,
  deployTag,
  repositoryFor,
  KubeDeployError,
  readKeys,
  regenerateKey,
  registryOf,
  type ApplyOptions,
  type ApplyResult,
  type AppliedObject,
  type DeletedObject,
  type DeployOptions,
  type DeployProgress,
  type FetchLogs,
  type RolloutOptions,
  type DeployErrorKind,
  type DeployTarget,
  type ServiceKeys,
  type ServiceRef,
  type ServiceToken,
} from './deploy';
export { streamServiceLogs, getServiceLogs, type LogEvent, type ServiceLogsOptions } from './logs/streamLogs';
export { formatLogLine, type LogLine } from './logs/logLine';
export { kubeLogSource, type LogRequest, type LogSource } from './logs/logSource';
export { watchServiceStatus, type WatchServiceStatusOptions } from './status/watchStatus';
export { summaryLine, formatStatusHuman, formatStatusJson } from './status/format';
export { conditionWords, type ScalingCondition } from './status/conditions';
export type { EventInfo, PendingPod, ReplicaInfo, ReplicaPoint, ServiceStatusSnapshot } from './status/model';
export { formatLogEvent } from './logs/format';
export { kubeErrorLine } from './status/errors';
export { listServices, servicesFromDeployments, type DeployedService, type ListServicesResult } from './services/listServices';
export { watchClusterServices, servicesView, type ClusterServicesView, type ClusterServicesWatch, type ServiceView, type VersionView, type WatchClusterServicesOptions } from './services/watchClusterServices';
export {
  checkGatewayApi,
  deleteVersion,
  deployEndpointVersion,
  EndpointRefusal,
  listGateways,
  makeDefault,
  markControl,
  markTreatment,
  NO_GATEWAY_API_MESSAGE,
  promote,
  readEndpoint,
  scoringPathPrefix,
  setTraffic,
  versionWorkload,
  type DeleteVersionResult,
  type EndpointDeployProgress,
  type EndpointDeployResult,
  type EndpointDeployTarget,
  type EndpointOpOptions,
  type EndpointRef,
  type GatewayInfo,
} from './endpoint';
export { endpointVersionDescription, formatGatewayRef, parseGatewayRef, type EndpointModel, type EndpointVersionState, type GatewayRef, type VersionReadiness } from '../core/endpointModel';
export {
  callService,
  readServiceAccess,
  type CallRequest,
  type CallResult,
  type ScoringAddress,
  type ServiceAccess,
} from './call';
export { exposureStateOf, readServiceExposure, WAITING_FOR_ADDRESS, type ServiceExposureState } from './services/exposureState';
