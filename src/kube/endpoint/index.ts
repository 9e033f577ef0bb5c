// The endpoint engine: versions of one scoring endpoint behind a Gateway API HTTPRoute (DECISIONS.md).
export { deployEndpointVersion, type EndpointDeployProgress, type EndpointDeployResult, type EndpointDeployTarget } from './deployVersion';
export { checkGatewayApi, listGateways, NO_GATEWAY_API_MESSAGE, type GatewayInfo } from './gatewayApi';
export { readEndpoint } from './readEndpoint';
export { AUTH_ANNOTATION, scoringPathPrefix, VERSIONS_ANNOTATION, versionWorkload } from './route';
export { deleteVersion, makeDefault, markControl, markTreatment, promote, setTraffic, type DeleteVersionResult, type EndpointOpOptions, type EndpointRef } from './versionOps';
export { EndpointRefusal } from './writeRoute';
