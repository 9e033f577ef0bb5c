// Command ids of the endpoint part of the UI (package.json contributes the same ids; registerEndpointUi.ts the handlers).
export const endpointCommandIds = {
  addVersion: 'aksModel.endpoint.addVersion',
  setTraffic: 'aksModel.endpoint.setTraffic',
  makeDefault: 'aksModel.endpoint.makeDefault',
  markControl: 'aksModel.endpoint.markControl',
  markTreatment: 'aksModel.endpoint.markTreatment',
  promote: 'aksModel.endpoint.promote',
  deleteVersion: 'aksModel.endpoint.deleteVersion',
} as const;

export type EndpointCommandId = (typeof endpointCommandIds)[keyof typeof endpointCommandIds];
