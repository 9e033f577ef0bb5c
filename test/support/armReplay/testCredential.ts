// A TokenCredential for tests: hands out a recognisable secret token (so tests can prove it never leaks into
// errors or logs) and records the scopes it was asked for.
import type { AccessToken, TokenCredential } from '@azure/core-auth';
import type { Logger } from '../../../src/core/logger';

export class FakeCredential implements TokenCredential {
  readonly scopes: string[] = [];
  readonly token = `replay-secret-token-${Math.random().toString(36).slice(2)}`;

  async getToken(scopes: string | string[]): Promise<AccessToken> {
    this.scopes.push(...(Array.isArray(scopes) ? scopes : [scopes]));
    return { token: this.token, expiresOnTimestamp: Date.now() + 3600_000 };
  }
}

/** A logger that keeps every line, to assert on what was (not) logged. */
export function memoryLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const push = (level: string) => (m: string | Error) => lines.push(`${level} ${m instanceof Error ? `${m.message}\n${m.stack}` : m}`);
  return { lines, logger: { trace: push('trace'), debug: push('debug'), info: push('info'), warn: push('warn'), error: push('error') } };
}
