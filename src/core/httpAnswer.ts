// What came back from one scoring request, the same for a local service (src/local/testRequest.ts) and a deployed
// one (src/kube/call/callService.ts), so the result view formats both alike.
export interface HttpAnswer {
  readonly ok: boolean;
  /** 0 when no answer came. */
  readonly status: number;
  /** From sending the request to the whole answer. */
  readonly latencyMs: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** Parsed body when it is JSON. */
  readonly json?: unknown;
  readonly error?: string;
}
