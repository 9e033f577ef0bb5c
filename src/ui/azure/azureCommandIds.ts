// Command ids of the Azure part of the UI (handlers in src/ui/commandRegistry.ts, entries in package.json).
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
