// The deploy engine: apply, rollout watch, keys and tokens, delete. No vscode; plain inputs, AbortSignal, Logger.
export { applyService, type ApplyOptions, type ApplyResult, type AppliedObject, type DeployTarget } from './apply';
export { explainApiError, KubeDeployError, type DeployErrorKind } from './errors';
export { deployTag, imageRefFor, registryOf, repositoryFor } from './imageRef';
export { DEFAULT_TOKEN_LIFETIME_SECONDS, getToken, KEY_LIFETIME_SECONDS, readKeys, regenerateKey, type ServiceKeys, type ServiceRef, type ServiceToken } from './keys';
export { deleteService, type DeletedObject } from './remove';
export { deployService, isKubeletNoLogAnswer, podLogFetcher, type DeployOptions } from './deploy';
export { CRASH_LOG_LINES, explainProblem, mainProblem, problemsFromEvents, problemsFromPods, type FetchLogs, type ProblemKind, type RolloutProblem } from './explain';
export { DEFAULT_ROLLOUT_TIMEOUT_MS, watchRollout, type DeployProgress, type RolloutOptions } from './rollout';
