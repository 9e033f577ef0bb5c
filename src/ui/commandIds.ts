// Command ids, typed, so that package.json, the table and the tests cannot drift apart silently.
export const CommandId = {
  createSampleProject: 'aksModel.createSampleProject',
  refresh: 'aksModel.refresh',
  openLog: 'aksModel.openLog',
  revealInExplorer: 'aksModel.revealInExplorer',
  openConfig: 'aksModel.openConfig',
} as const;

export type CommandId = (typeof CommandId)[keyof typeof CommandId];
