// Command ids of the operate-a-service part of the UI (logs and autoscaling status). Each also has a
// `contributes.commands` entry (category "AKS Model Deploy") and a service context-menu entry in package.json.
export const opsCommandIds = {
  /** (arg?: ServiceArg, options?: LogCommandOptions) → LogStreamHandle | undefined */
  streamLogs: 'aksModel.streamLogs',
  /** (arg?: ServiceArg | LogStreamHandle) → void */
  stopStreamingLogs: 'aksModel.stopStreamingLogs',
  /** (arg?: ServiceArg, options?: LogCommandOptions) → { lines: number } | undefined */
  getLogs: 'aksModel.getLogs',
  /** (arg?: ServiceArg) → StatusPanel | undefined */
  showStatus: 'aksModel.showStatus',
} as const;

export type OpsCommandId = (typeof opsCommandIds)[keyof typeof opsCommandIds];
