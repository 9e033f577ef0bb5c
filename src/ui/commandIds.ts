// Command ids, typed, so that package.json, the table and the tests cannot drift apart silently.
export const CommandId = {
  createSampleProject: 'aksModel.createSampleProject',
  refresh: 'aksModel.refresh',
  openLog: 'aksModel.openLog',
  revealInExplorer: 'aksModel.revealInExplorer',
  openConfig: 'aksModel.openConfig',
  editInferenceConfig: 'aksModel.editInferenceConfig',
  editDeploymentConfig: 'aksModel.editDeploymentConfig',
  runLocally: 'aksModel.runLocally',
  debugLocally: 'aksModel.debugLocally',
  trainModel: 'aksModel.trainModel',
  sendTestRequest: 'aksModel.sendTestRequest',
  stopLocal: 'aksModel.stopLocal',
  restartLocal: 'aksModel.restartLocal',
  showLocalActions: 'aksModel.local.showActions',
  openDockerfile: 'aksModel.local.openDockerfile',
  deployToAks: 'aksModel.deployToAks',
  copyPrimaryKey: 'aksModel.copyPrimaryKey',
  copySecondaryKey: 'aksModel.copySecondaryKey',
  regenerateKey: 'aksModel.regenerateKey',
  copyToken: 'aksModel.copyToken',
  deleteService: 'aksModel.deleteService',
  addCluster: 'aksModel.addCluster',
} as const;

export type CommandId = (typeof CommandId)[keyof typeof CommandId];
