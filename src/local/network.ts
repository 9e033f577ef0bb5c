// Loopback ports and the health probe shared by both modes.
import { createServer } from 'node:net';
import { LocalServiceError } from './localServiceError';

/** A free port on 127.0.0.1, chosen by the kernel. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** Fails with `portInUse` when something already listens on the port the user asked for. */
export function assertPortFree(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', () => reject(new LocalServiceError('portInUse', `Port ${port} on 127.0.0.1 is in use; pick another port or stop what uses it.`)));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve()));
  });
}

/** Polls `check` every 50 ms; `failed` ends the wait early with its error. */
export async function waitFor(check: () => boolean, opts: { timeoutMs: number; signal?: AbortSignal; failed: () => Error | undefined }): Promise<void> {
  const deadline = Date.now() + opts.timeoutMs;
  while (!check()) {
    opts.signal?.throwIfAborted();
    const failure = opts.failed();
    if (failure) throw failure;
    if (Date.now() > deadline) throw new LocalServiceError('timeout', `the scoring server was not ready within ${opts.timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Polls `GET /` until the server answers 200 ("Healthy"). `failed` is checked between polls so a process that
 * died (init() raised) ends the wait at once instead of at the timeout.
 */
export async function waitHealthy(url: string, opts: { timeoutMs: number; signal?: AbortSignal; failed: () => Error | undefined }): Promise<void> {
  const deadline = Date.now() + opts.timeoutMs;
  for (;;) {
    opts.signal?.throwIfAborted();
    const failure = opts.failed();
    if (failure) throw failure;
    try {
      const res = await fetch(`${url}/`, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new LocalServiceError('timeout', `${url}/ did not become healthy within ${opts.timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
