// Command ids of the Azure part of the UI. They still need `contributes.commands`/`menus` entries in
// package.json and a place in the command table when the Azure UI is wired into activate().
export const azureCommandIds = {
  signIn: 'aksModel.azure.signIn',
  signOut: 'aksModel.azure.signOut',
  selectTenant: 'aksModel.azure.selectTenant',
  filterSubscriptions: 'aksModel.azure.filterSubscriptions',
  refresh: 'aksModel.azure.refresh',
  loadMore: 'aksModel.azure.loadMore',
  retry: 'aksModel.azure.retry',
  downloadModel: 'aksModel.azure.downloadModel',
  useAsTarget: 'aksModel.azure.useAsTarget',
  mergeIntoKubeconfig: 'aksModel.azure.mergeIntoKubeconfig',
} as const;
