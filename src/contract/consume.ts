// The Consume panel's contract (like the Azure ML studio's Consume tab): where the service answers, its auth mode,
// ready-to-copy client snippets with the key as a placeholder, and the input/output schema from its swagger.json.
// The key itself never enters this state: "Copy with key" asks the host, which fills it for that one copy.
import type { SnippetKind } from '../core/consumeSnippets';
import type { ConsumeSchema } from '../core/swaggerSchema';

export type { ConsumeSchema, SchemaRow } from '../core/swaggerSchema';

export interface ConsumeAddressRow {
  readonly exposure: string;
  readonly version?: string;
  readonly scoringUri?: string;
  readonly waiting?: string;
}

export interface ConsumeState {
  readonly service: string;
  readonly version?: string;
  readonly namespace: string;
  readonly clusterLabel: string;
  readonly authMode: 'key' | 'token' | 'none';
  readonly scoringUri?: string;
  readonly swaggerUri?: string;
  readonly addresses: readonly ConsumeAddressRow[];
  /** With the placeholder, never the key. */
  readonly snippets: Readonly<Record<SnippetKind, string>>;
  readonly schema: ConsumeSchema;
}

export type CopyWhat = SnippetKind | 'scoringUri' | 'swaggerUri';

export interface ConsumeContract {
  initialState: ConsumeState;
  requests: {
    /** Copies to the clipboard; `withKey` fills the key (or a fresh token) for this one copy. */
    copy: { params: { what: CopyWhat; withKey: boolean }; result: { message: string } };
  };
  events: Record<string, never>;
}
