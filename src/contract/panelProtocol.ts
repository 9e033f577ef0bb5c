// The one protocol every webview panel speaks. A panel's contract names its initial state, the requests the webview
// may make (each with its params and result) and the events the host pushes. The webview says `ready`, the host
// answers `init` with the state; requests carry ids and get a typed result or an error reply.
export interface PanelContract {
  readonly initialState: unknown;
  readonly requests: Record<string, { params: unknown; result: unknown }>;
  readonly events: Record<string, unknown>;
}

export type RequestName<C extends PanelContract> = keyof C['requests'] & string;
export type EventName<C extends PanelContract> = keyof C['events'] & string;
export type Params<C extends PanelContract, K extends RequestName<C>> = C['requests'][K]['params'];
export type Result<C extends PanelContract, K extends RequestName<C>> = C['requests'][K]['result'];

export type WebviewMessage<C extends PanelContract> =
  | { readonly kind: 'ready' }
  | { [K in RequestName<C>]: { readonly kind: 'request'; readonly id: number; readonly method: K; readonly params: Params<C, K> } }[RequestName<C>];

export type HostMessage<C extends PanelContract> =
  | { readonly kind: 'init'; readonly state: C['initialState'] }
  | { readonly kind: 'response'; readonly id: number; readonly ok: true; readonly result: unknown }
  | { readonly kind: 'response'; readonly id: number; readonly ok: false; readonly error: string }
  | { [K in EventName<C>]: { readonly kind: 'event'; readonly name: K; readonly payload: C['events'][K] } }[EventName<C>];

export function isWebviewMessage(value: unknown): value is { kind: string; id?: number; method?: string; params?: unknown } {
  return typeof value === 'object' && value !== null && typeof (value as { kind?: unknown }).kind === 'string';
}
