// The webview side of the panel protocol (src/contract/panelProtocol.ts): ready handshake, requests with ids, events.
import type { EventName, HostMessage, PanelContract, Params, RequestName, Result } from '../../src/contract/panelProtocol';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

export interface HostBridge<C extends PanelContract> {
  readonly initialState: Promise<C['initialState']>;
  request<K extends RequestName<C>>(method: K, params: Params<C, K>): Promise<Result<C, K>>;
  on<K extends EventName<C>>(name: K, handler: (payload: C['events'][K]) => void): void;
  /** What the page saved with saveViewState before it was last unloaded (hidden), if anything. */
  viewState<T>(): T | undefined;
  /** Kept by VS Code while the panel lives, across hide and show (which reload the page). */
  saveViewState<T>(state: T): void;
}

export function connectToHost<C extends PanelContract>(): HostBridge<C> {
  const vscode = acquireVsCodeApi();
  let nextId = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const handlers = new Map<string, ((payload: unknown) => void)[]>();
  let resolveState!: (s: C['initialState']) => void;
  const initialState = new Promise<C['initialState']>((r) => (resolveState = r));

  window.addEventListener('message', (e: MessageEvent<HostMessage<C>>) => {
    const m = e.data;
    if (m.kind === 'init') resolveState(m.state);
    else if (m.kind === 'response') {
      const p = pending.get(m.id);
      pending.delete(m.id);
      if (m.ok) p?.resolve(m.result);
      else p?.reject(new Error(m.error));
    } else if (m.kind === 'event') for (const h of handlers.get(m.name) ?? []) h(m.payload);
  });
  vscode.postMessage({ kind: 'ready' });

  return {
    initialState,
    request(method, params) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        vscode.postMessage({ kind: 'request', id, method, params });
      });
    },
    on(name, handler) {
      handlers.set(name, [...(handlers.get(name) ?? []), handler as (p: unknown) => void]);
    },
    viewState: <T>() => (vscode.getState() ?? undefined) as T | undefined,
    saveViewState: (state) => vscode.setState(state),
  };
}
