// Who is signed in to Azure, in which tenant, and the engine client built for it. The account id and tenant
// id are remembered in globalState (not secrets); tokens stay in VS Code's authentication storage.
import type { TokenCredential } from '@azure/core-auth';
import type { Agent } from 'node:http';
import * as vscode from 'vscode';
import type { AzureClient } from '../../azure/azureClient';
import type { Logger } from '../../core/logger';
import { azureEngine } from './azureEngine';
import { microsoftAuthProvider, sessionScopes, VsCodeMicrosoftCredential } from './vscodeCredential';

const stateKey = 'aksModel.azure.session';
const defaultArmBaseUrl = 'https://management.azure.com';
export const signedInContextKey = 'aksModel.azure.signedIn';

interface Remembered {
  accountId: string;
  accountLabel: string;
  tenantId?: string;
}

export interface AzureSessionOptions {
  armBaseUrl?: string;
  /** Tests and host tests: a credential instead of VS Code's Microsoft provider (e.g. against the replay server). */
  credential?: TokenCredential;
  agent?: Agent;
}

export class AzureSession implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private remembered: Remembered | undefined;
  private cachedClient: AzureClient | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly memento: vscode.Memento,
    private readonly logger: Logger,
    private options: AzureSessionOptions = {},
  ) {
    this.remembered = memento.get<Remembered>(stateKey);
    this.subscriptions.push(
      vscode.authentication.onDidChangeSessions((e) => {
        if (e.provider.id === microsoftAuthProvider && !this.options.credential) void this.restore();
      }),
    );
  }

  get armScope(): string {
    return `${new URL(this.options.armBaseUrl ?? defaultArmBaseUrl).origin}/.default`;
  }

  get signedIn(): boolean {
    return !!this.options.credential || !!this.remembered;
  }

  get label(): string | undefined {
    return this.options.credential ? 'test credential' : this.remembered?.accountLabel;
  }

  get tenantId(): string | undefined {
    return this.remembered?.tenantId;
  }

  /** The engine client for the current account and tenant (undefined when signed out). The engine and its
   *  Azure SDK dependencies load on first use, not at activation. */
  async client(): Promise<AzureClient | undefined> {
    if (!this.signedIn) return undefined;
    if (!this.cachedClient) {
      const { AzureClient } = await azureEngine();
      this.cachedClient = new AzureClient(this.clientOptions(this.remembered?.tenantId));
    }
    return this.cachedClient;
  }

  /**
   * Switches cloud or credential at run time: a sovereign-cloud setting changing the ARM base URL, or a host
   * test pointing the view at the ARM replay server with a test credential. Everything loaded is dropped.
   */
  async configure(options: AzureSessionOptions): Promise<void> {
    this.options = { ...options };
    await this.publish();
  }

  /** On start and when VS Code's sessions change: is the remembered account still signed in? */
  async restore(): Promise<void> {
    if (this.remembered && !this.options.credential) {
      const session = await vscode.authentication.getSession(microsoftAuthProvider, sessionScopes(this.armScope, this.remembered.tenantId), {
        silent: true,
        account: this.account(),
      });
      if (!session) await this.forget();
    }
    await this.publish();
  }

  /** Interactive sign-in, then the tenant choice when the account has more than one. */
  async signIn(signal: AbortSignal): Promise<void> {
    const session = await vscode.authentication.getSession(microsoftAuthProvider, [this.armScope], { createIfNone: true, clearSessionPreference: true });
    this.remembered = { accountId: session.account.id, accountLabel: session.account.label };
    await this.save();
    await this.chooseTenant(signal, { onlyIfSeveral: true });
  }

  async chooseTenant(signal: AbortSignal, opts: { onlyIfSeveral?: boolean } = {}): Promise<void> {
    if (!this.signedIn || !this.remembered) return;
    // Tenants_List works with a token from the account's home tenant (no VSCODE_TENANT scope).
    const { AzureClient, collectPages, listTenants } = await azureEngine();
    const tenants = await collectPages(listTenants(new AzureClient(this.clientOptions(undefined)), signal));
    let tenantId = tenants.length === 1 ? tenants[0]?.tenantId : undefined;
    if (tenants.length > 1 || (!opts.onlyIfSeveral && tenants.length > 0)) {
      const pick = await vscode.window.showQuickPick(
        tenants.map((t) => ({ label: t.displayName ?? t.tenantId, description: t.defaultDomain, detail: t.tenantId, tenantId: t.tenantId, picked: t.tenantId === this.remembered?.tenantId })),
        { title: 'Azure tenant', placeHolder: 'The tenant whose subscriptions and workspaces to show', ignoreFocusOut: true },
      );
      if (!pick) return;
      tenantId = pick.tenantId;
    }
    if (tenantId) {
      this.remembered = { ...this.remembered, tenantId };
      await this.save();
    }
  }

  /**
   * Stops using the account: VS Code keeps the account itself (extensions cannot remove it); the Accounts
   * menu signs it out of VS Code entirely. The next sign-in asks again which account to use.
   */
  async signOut(): Promise<void> {
    await this.forget();
    await this.publish();
  }

  dispose(): void {
    this.changed.dispose();
    for (const d of this.subscriptions) d.dispose();
  }

  private account(): vscode.AuthenticationSessionAccountInformation | undefined {
    return this.remembered ? { id: this.remembered.accountId, label: this.remembered.accountLabel } : undefined;
  }

  private clientOptions(tenantId: string | undefined) {
    return {
      credential: this.options.credential ?? new VsCodeMicrosoftCredential(tenantId, this.account()),
      logger: this.logger,
      armBaseUrl: this.options.armBaseUrl,
      agent: this.options.agent,
    };
  }

  private async forget(): Promise<void> {
    this.remembered = undefined;
    await this.memento.update(stateKey, undefined);
    this.cachedClient = undefined;
  }

  private async save(): Promise<void> {
    await this.memento.update(stateKey, this.remembered);
    await this.publish();
  }

  private async publish(): Promise<void> {
    this.cachedClient = undefined;
    await vscode.commands.executeCommand('setContext', signedInContextKey, this.signedIn);
    this.changed.fire();
  }
}
