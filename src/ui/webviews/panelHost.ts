// The host side of every webview panel: CSP with a nonce, resources only from dist/, the ready handshake,
// typed request handlers with error replies, typed events. One instance per open panel.
import crypto from 'node:crypto';
import * as vscode from 'vscode';
import { isWebviewMessage, type EventName, type HostMessage, type PanelContract, type Params, type RequestName, type Result } from '../../contract/panelProtocol';
import type { Logger } from '../../core/logger';

export type RequestHandlers<C extends PanelContract> = {
  [K in RequestName<C>]: (params: Params<C, K>) => Promise<Result<C, K>> | Result<C, K>;
};

export interface PanelOptions<C extends PanelContract> {
  readonly extensionUri: vscode.Uri;
  readonly viewType: string;
  readonly title: string;
  /** Name of the webview bundle: dist/webview/<entry>.js (and .css when it has one). */
  readonly entry: string;
  readonly initialState: () => C['initialState'] | Promise<C['initialState']>;
  readonly handlers: RequestHandlers<C>;
  readonly log: Logger;
  readonly column?: vscode.ViewColumn;
}

export class PanelHost<C extends PanelContract> implements vscode.Disposable {
  readonly panel: vscode.WebviewPanel;
  private readonly disposables: vscode.Disposable[] = [];
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
    this.panel.webview.onDidReceiveMessage((m) => void this.receive(m), undefined, this.disposables);
    this.panel.onDidDispose(() => this.dispose(), undefined, this.disposables);
  }

  post<K extends EventName<C>>(name: K, payload: C['events'][K]): void {
    void this.send({ kind: 'event', name, payload } as HostMessage<C>);
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
      await this.send({ kind: 'init', state: await this.options.initialState() });
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
      `style-src ${webview.cspSource} 'nonce-${nonce}'`,
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
