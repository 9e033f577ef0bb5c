// Calling a deployed service: where it answers (scoring URI model) and a test request through a port-forward.
export { callService, credentialHeaders, exchange, pickBackend, type CallOptions, type CallRequest, type CallResult, type Exchange, type ExchangeResult } from './callService';
export { openPodTunnel, type PodTunnel } from './podTunnel';
export { readServiceAccess, type AccessRef, type Backend, type ServiceAccess } from './readAccess';
export { clusterAddress, gatewayAddress, loadBalancerAddress, preferredAddress, schemeOfPort, servicePortOf, uriOf, type AuthMode, type Exposure, type GatewayAddressInfo, type ScoringAddress, type ServicePortInfo } from './scoringUri';
