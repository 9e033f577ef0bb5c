// Command ids of calling a deployed service (Send Test Request itself is the shared `aksModel.sendTestRequest`).
// Each also has a `contributes.commands` entry and a Targets context-menu entry in package.json.
export const callCommandIds = {
  /** (arg?: ServiceArg) → string | undefined (the URI copied) */
  copyScoringUri: 'aksModel.copyScoringUri',
  /** (arg?: ServiceArg) → the Consume panel */
  openConsume: 'aksModel.openConsume',
} as const;
