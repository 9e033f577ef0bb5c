// One error type for everything the local engine reports to users; `kind` lets the UI pick the right action
// (install Python, show the traceback line, show the failing Dockerfile step, ...).
import type { ScriptError } from './pythonErrors';

export type LocalServiceErrorKind =
  | 'pythonMissing'
  | 'dockerMissing'
  | 'pipFailed'
  | 'initFailed'
  | 'portInUse'
  | 'buildFailed'
  | 'exited'
  | 'timeout'
  /** init() failed in a folder whose training script has not made its model yet: offer Train Model. */
  | 'modelMissing'
  /** The training script failed or wrote no model. */
  | 'trainFailed'
  /** The registry refused the push: credentials missing or not allowed to push. */
  | 'registryAuth'
  /** The registry did not answer (connection refused, unknown host, timeout). */
  | 'registryUnreachable'
  /** Any other push failure (TLS, HTTP vs HTTPS, quota, ...); the message quotes Docker. */
  | 'pushFailed';

export class LocalServiceError extends Error {
  constructor(
    readonly kind: LocalServiceErrorKind,
    message: string,
    readonly details: { readonly logTail?: readonly string[]; readonly scriptError?: ScriptError; readonly package?: string; readonly step?: string; readonly trainScript?: string } = {},
  ) {
    super(message);
    this.name = 'LocalServiceError';
  }
}
