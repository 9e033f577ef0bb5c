// Errors the Azure engine throws. Messages name the operation and what Azure said; they never carry request
// headers (the bearer token), response bodies beyond the ARM error code/message, or kubeconfig contents.

/** An ARM or storage request answered with a non-success status. */
export class AzureRequestError extends Error {
  override readonly name = 'AzureRequestError';
  constructor(
    readonly operation: string,
    readonly status: number,
    readonly code: string | undefined,
    readonly azureMessage: string | undefined,
    readonly requestId: string | undefined,
  ) {
    super(
      `${operation} failed: HTTP ${status}${code ? ` ${code}` : ''}${azureMessage ? `: ${azureMessage}` : ''}` +
        (requestId ? ` (request id ${requestId})` : ''),
    );
  }
}

/** The credential could not produce a token (not signed in, expired session, wrong tenant...). */
export class AzureCredentialError extends Error {
  override readonly name = 'AzureCredentialError';
  constructor(
    readonly operation: string,
    reason: string,
  ) {
    super(`${operation}: could not get an Azure access token: ${reason}`);
  }
}

/** Anything the engine refuses before sending (an unsupported model URI, a foreign nextLink...). */
export class AzureUsageError extends Error {
  override readonly name = 'AzureUsageError';
}

export function isAbortError(e: unknown): boolean {
  return e instanceof Error && e.name === 'AbortError';
}

/** Pulls `{ error: { code, message } }` (ARM) or `<Error><Code/><Message/></Error>` (storage, parsed) apart. */
export function armErrorDetails(body: unknown): { code?: string; message?: string } {
  if (!body || typeof body !== 'object') return {};
  const root = body as Record<string, unknown>;
  const err = (root.error ?? root.Error ?? root) as Record<string, unknown>;
  const code = err.code ?? err.Code;
  const message = err.message ?? err.Message;
  return {
    code: typeof code === 'string' ? code : undefined,
    message: typeof message === 'string' ? firstLine(message) : undefined,
  };
}

function firstLine(s: string): string {
  const line = s.split(/\r?\n/)[0] ?? '';
  return line.length > 500 ? `${line.slice(0, 500)}…` : line;
}
