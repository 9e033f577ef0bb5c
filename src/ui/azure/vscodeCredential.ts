// VS Code's built-in Microsoft authentication provider as an @azure/core-auth TokenCredential: the engine
// asks for `<resource>/.default` scopes; the provider's `VSCODE_TENANT:` scope selects the tenant. Tokens stay
// in VS Code's auth storage; this class holds none.
import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/core-auth';
import * as vscode from 'vscode';
import { tokenExpiresOn } from './jwtExpiry';

export const microsoftAuthProvider = 'microsoft';
export const armScope = 'https://management.azure.com/.default';

export function sessionScopes(scopes: string | string[], tenantId: string | undefined): string[] {
  const list = Array.isArray(scopes) ? [...scopes] : [scopes];
  if (tenantId) list.push(`VSCODE_TENANT:${tenantId}`);
  return list;
}

export class NotSignedInError extends Error {
  override readonly name = 'NotSignedInError';
  constructor() {
    super('Not signed in to Azure: run "AKS Model Deploy: Sign in to Azure".');
  }
}

export class VsCodeMicrosoftCredential implements TokenCredential {
  constructor(
    private readonly tenantId: string | undefined,
    private readonly account: vscode.AuthenticationSessionAccountInformation | undefined,
  ) {}

  async getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken> {
    // Silent: the engine never pops up a sign-in dialog in the middle of a tree expansion.
    const session = await vscode.authentication.getSession(microsoftAuthProvider, sessionScopes(scopes, options?.tenantId ?? this.tenantId), {
      silent: true,
      account: this.account,
    });
    if (!session) throw new NotSignedInError();
    return { token: session.accessToken, expiresOnTimestamp: tokenExpiresOn(session.accessToken) };
  }
}
