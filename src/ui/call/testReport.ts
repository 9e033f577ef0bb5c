// The text of one test request's result, the same for a local and a deployed service: what was sent where, status and
// time, the answer's headers and body (JSON indented), and for a local failure the server log's last lines.
export interface TestReportInput {
  /** e.g. "POST http://127.0.0.1:5001/score" or "POST https://svc.ns.svc.cluster.local/score". */
  readonly target: string;
  readonly bodyFile: string;
  readonly status: number;
  readonly latencyMs: number;
  readonly error?: string;
  /** Lines under the status line (how the request went, which version answered). */
  readonly notes?: readonly string[];
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly json?: unknown;
  readonly logTail?: readonly string[];
  /** When it was sent (shown, so two answers in the same view can be told apart). */
  readonly sentAt?: Date;
}

export function formatTestReport(r: TestReportInput): string {
  return [
    `${r.target}  ←  ${r.bodyFile}${r.sentAt ? `  (${clock(r.sentAt)})` : ''}`,
    `${r.status || 'no answer'} in ${r.latencyMs} ms${r.error ? `: ${r.error}` : ''}`,
    ...(r.notes ?? []),
    '',
    ...Object.entries(r.headers).map(([k, v]) => `${k}: ${v}`),
    '',
    r.json !== undefined ? JSON.stringify(r.json, null, 2) : r.body,
    ...(r.logTail?.length ? ['', '--- the server log ends with ---', ...r.logTail] : []),
  ].join('\n');
}

/** Local time of day, HH:MM:SS.mmm. */
function clock(d: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}.${String(d.getMilliseconds()).padStart(3, '0')}`;
}
