// The context keys this extension sets, by name, and the when-clauses built from them: package.json's menus and
// palette entries use exactly these strings (test/unit/ui/commandRegistry.test.ts checks it).
export const ContextKey = {
  /** The first scan of the workspace for model folders is done. */
  modelsScanned: 'aksModel.localModels.scanned',
  /** The last scan found no model folder. */
  modelsEmpty: 'aksModel.localModels.empty',
  /** The model folders' paths, for `resourcePath in aksModel.modelFolders` (Explorer menus). */
  modelFolders: 'aksModel.modelFolders',
  /** Some model folder is served locally by this window. */
  localRunning: 'aksModel.local.running',
  /** The Targets view read its sources once. */
  targetsListed: 'aksModel.targets.listed',
  /** The Targets view's sources list no cluster. Negative on purpose: before activation it is unset, and the
   * palette must then still offer the cluster commands (running one activates the extension). */
  noCluster: 'aksModel.targets.noCluster',
  /** A Stream Logs is running. */
  streamingLogs: 'aksModel.streamingLogs',
  signedIn: 'aksModel.azure.signedIn',
} as const;

/** Palette when-clauses: a command shows in the palette only where it can run. */
export const When = {
  never: 'false',
  hasModelFolder: `!${ContextKey.modelsEmpty}`,
  localRunning: ContextKey.localRunning,
  hasCluster: `!${ContextKey.noCluster}`,
  streamingLogs: ContextKey.streamingLogs,
  signedIn: ContextKey.signedIn,
  signedOut: `!${ContextKey.signedIn}`,
} as const;
