// Errors the UI layer itself raises when a command cannot run yet; `kind` (never the message) picks the action
// the error toast offers (src/ui/errorActions.ts).
export type UiErrorKind =
  /** The folder is not served locally: offer Run Locally (in `mode` when the command needs one). */
  | 'notRunning'
  /** No cluster to deploy to or to act on: offer Add a Cluster. */
  | 'noCluster'
  /** The command needs an Azure account: offer Sign in to Azure. */
  | 'notSignedIn'
  /** The folder's config has errors: offer the Problems view. */
  | 'configInvalid';

export class UiError extends Error {
  override readonly name = 'UiError';
  constructor(
    readonly kind: UiErrorKind,
    message: string,
    readonly details: { readonly folder?: string; readonly mode?: 'process' | 'docker' } = {},
  ) {
    super(message);
  }
}
