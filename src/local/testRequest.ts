// "Send Test Request": POST a JSON body to /score and report what came back, with the server's last log lines
// when it failed (a 500 from the entry script is explained by the traceback in the log, not by the body).
import type { HttpAnswer } from '../core/httpAnswer';

export interface TestRequestResult extends HttpAnswer {
  /** Set when the request failed (status >= 400 or no answer). */
  readonly logTail?: readonly string[];
}

export interface TestRequestOptions {
  readonly headers?: Readonly<Record<string, string>>;
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
  /** The service's log (`LocalService.logTail`), read after a failure. */
  readonly logTail?: (lines: number) => readonly string[];
}

export async function sendTestRequest(baseUrl: string, body: string | object, opts: TestRequestOptions = {}): Promise<TestRequestResult> {
  const payload = typeof body === 'string' ? body : JSON.stringify(body);
  const signals = [AbortSignal.timeout(opts.timeoutMs ?? 120_000), ...(opts.signal ? [opts.signal] : [])];
  const started = performance.now();
  try {
    const res = await fetch(`${baseUrl.replace(/\/+$/, '')}/score`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...opts.headers },
      body: payload,
      signal: AbortSignal.any(signals),
    });
    const text = await res.text();
    const latencyMs = Math.round(performance.now() - started);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const ok = res.status < 400;
    return {
      ok, status: res.status, latencyMs, headers: Object.fromEntries(res.headers.entries()), body: text, json,
      ...(ok ? {} : { logTail: await settledTail(opts) }),
    };
  } catch (e) {
    return {
      ok: false, status: 0, latencyMs: Math.round(performance.now() - started), headers: {}, body: '',
      error: e instanceof Error ? e.message : String(e), logTail: await settledTail(opts),
    };
  }
}

// The server writes the traceback just after it answers; give the log a moment to arrive.
async function settledTail(opts: TestRequestOptions): Promise<readonly string[] | undefined> {
  if (!opts.logTail) return undefined;
  await new Promise((r) => setTimeout(r, 300));
  return opts.logTail(40);
}
