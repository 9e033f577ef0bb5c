// Errors as one clear line for the CLI and notifications. client-node's ApiException message carries the whole
// response (headers, JSON body) over several lines; the user needs the HTTP code and the API server's message.

export function kubeErrorLine(e: unknown): string {
  if (e && typeof e === 'object' && 'code' in e && 'body' in e && typeof (e as { code: unknown }).code === 'number') {
    const { code, body } = e as { code: number; body: unknown };
    return `HTTP ${code}: ${bodyMessage(body)}`;
  }
  if (e instanceof Error) {
    const cause = (e as { code?: unknown }).code;
    const first = e.message.split('\n')[0] ?? '';
    return typeof cause === 'string' && !first.includes(cause) ? `${first} (${cause})` : first;
  }
  return String(e).split('\n')[0] ?? '';
}

function bodyMessage(body: unknown): string {
  let status: unknown = body;
  if (typeof body === 'string') {
    try {
      status = JSON.parse(body);
    } catch {
      return body.trim().split('\n')[0] ?? '';
    }
  }
  const message = status && typeof status === 'object' ? (status as { message?: unknown }).message : undefined;
  return typeof message === 'string' ? message : JSON.stringify(status);
}
