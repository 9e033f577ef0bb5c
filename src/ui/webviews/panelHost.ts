// The host side of every webview panel: CSP with a nonce, resources only from dist/, the ready handshake,
// typed request handlers with error replies, typed events. One instance per open panel.
// Using it (the whole API): construct it with a contract, an `initialState` (read again on every load of the page,
// so return what is true now), `handlers` for the page's requests; `post(event, payload)` from anywhere, at any time:
// events wait until the page is ready (also after a hide and show, which reloads it). The page keeps its own view
// state (unsaved input) with the bridge's viewState/saveViewState (webview/shared/hostBridge.ts).
import crypto from 'node:crypto';
import * as vscode from 'vscode';
import { isWebviewMessage, type EventName, type HostMessage, type PanelContract, type Params, type RequestName, type Result } from '../../contract/panelProtocol';
import type { Logger } from '../../core/logger';
import { PanelChannel } from './panelChannel';

export type RequestHandlers<C extends PanelContract> = {
  [K in RequestName<C>]: (params: Params<C, K>) => Promise<Result<C, K>> | Result<C, K>;
};

export interface PanelOptions<C extends PanelContract> {
  readonly extensionUri: vscode.Uri;
  readonly viewType: string;
  readonly title: string;
  /** Name of the webview bundle: dist/webview/<entry>.js (and .css when it has one). */
  readonly entry: string;
  /** The state the page starts from, read on every load of the page (first show, and each show after a hide). */
  readonly initialState: () => C['initialState'] | Promise<C['initialState']>;
  /** Events that keep only their newest payload while the page is not ready (snapshots, not logs). */
  readonly latestOnly?: readonly EventName<C>[];
  readonly handlers: RequestHandlers<C>;
  readonly log: Logger;
  readonly column?: vscode.ViewColumn;
}

export class PanelHost<C extends PanelContract> implements vscode.Disposable {
  readonly panel: vscode.WebviewPanel;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly channel: PanelChannel<C>;
  private readyResolve!: () => void;
  /** Resolves once the webview has said `ready` and received its initial state. */
  readonly ready = new Promise<void>((r) => (this.readyResolve = r));

  constructor(private readonly options: PanelOptions<C>) {
    const dist = vscode.Uri.joinPath(options.extensionUri, 'dist');
    this.panel = vscode.window.createWebviewPanel(options.viewType, options.title, options.column ?? vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [dist],
    });
    this.panel.webview.html = this.html(vscode.Uri.joinPath(dist, 'webview'));
    this.channel = new PanelChannel<C>({ state: options.initialState, send: (m) => this.send(m), latestOnly: options.latestOnly });
    this.panel.webview.onDidReceiveMessage((m) => void this.receive(m), undefined, this.disposables);
    // A hidden panel's page is unloaded (no retainContextWhenHidden: it costs memory per panel): queue until it is back.
    this.panel.onDidChangeViewState(() => this.panel.visible || this.channel.onHidden(), undefined, this.disposables);
    this.panel.onDidDispose(() => this.dispose(), undefined, this.disposables);
  }

  /** Sends an event to the page now, or when it is ready (events are never dropped while the panel lives). */
  post<K extends EventName<C>>(name: K, payload: C['events'][K]): void {
    this.channel.post(name, payload);
  }

  /** How many times the page has loaded (it reloads after each hide and show). */
  get loads(): number {
    return this.channel.loads;
  }

  dispose(): void {
    vscode.Disposable.from(...this.disposables).dispose();
    this.disposables.length = 0;
  }

  private send(message: HostMessage<C>): Thenable<boolean> {
    return this.panel.webview.postMessage(message);
  }

  private async receive(message: unknown): Promise<void> {
    if (!isWebviewMessage(message)) return;
    if (message.kind === 'ready') {
      await this.channel.onReady();
      this.readyResolve();
      return;
    }
    if (message.kind !== 'request' || typeof message.id !== 'number' || typeof message.method !== 'string') return;
    const handler = (this.options.handlers as Record<string, ((p: unknown) => unknown) | undefined>)[message.method];
    try {
      if (!handler) throw new Error(`unknown request ${message.method}`);
      const result = await handler(message.params);
      await this.send({ kind: 'response', id: message.id, ok: true, result });
    } catch (err) {
      const text = err instanceof Error ? err.message : String(err);
      this.options.log.warn(`[webview] ${this.options.viewType} ${message.method} failed: ${text}`);
      await this.send({ kind: 'response', id: message.id, ok: false, error: text });
    }
  }

  private html(root: vscode.Uri): string {
    const webview = this.panel.webview;
    const nonce = crypto.randomBytes(16).toString('base64');
    const asset = (name: string) => webview.asWebviewUri(vscode.Uri.joinPath(root, name)).toString();
    const csp = [
      "default-src 'none'",
      `img-src ${webview.cspSource} data:`,
      `font-src ${webview.cspSource}`,
      // Scripts only by nonce. Styles may be inline: the web components set element styles, and a nonce here would
      // switch 'unsafe-inline' off.
      `style-src ${webview.cspSource} 'unsafe-inline'`,
      `script-src 'nonce-${nonce}'`,
    ].join('; ');
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${asset('codicon.css')}" id="vscode-codicon-stylesheet">
<link rel="stylesheet" href="${asset('panel.css')}">
<title>${escapeHtml(this.options.title)}</title>
</head>
<body>
<div id="app" data-nonce="${nonce}"></div>
<script type="module" nonce="${nonce}" src="${asset(`${this.options.entry}.js`)}"></script>
</body>
</html>`;
  }
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
