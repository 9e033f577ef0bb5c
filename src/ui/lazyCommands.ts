// The bodies of the cluster commands (deploy, keys, operations, endpoints), bundled apart as dist/commands.js and
// required on first use (engines.ts), so activation parses only the trees and the command table. Module state
// (open status and traffic panels) lives only here; the activation bundle reaches it through clusterCommands().
export { deployToAks } from './deploy/deployModel';
export { copyKey, copyToken, deleteService, regenerateKey } from './deploy/serviceCommands';
export { getLogs, LogStreams, stopStreamingLogs, streamLogs } from './ops/logCommands';
export { disposeStatusPanels, showStatus } from './ops/statusPanel';
export { addVersion } from './endpoint/addVersion';
export { openTrafficForm } from './endpoint/trafficPanel';
export { changeVersion, deleteVersionCommand } from './endpoint/versionCommands';
export { copyScoringUri, deployedTestRequest, scoringTooltip } from './call/deployedCalls';
export { openConsume } from './call/consumePanel';
