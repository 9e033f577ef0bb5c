// The "Set Traffic…" panel's contract. The webview computes the live shares itself with core/traffic.ts (the same
// function the deploy and every change use); the host only reads the endpoint and applies the save.
import type { VersionReadiness } from '../core/endpointModel';

export interface TrafficVersionRow {
  readonly name: string;
  readonly trafficPercentile?: number;
  readonly isDefault: boolean;
  readonly isControl: boolean;
  readonly readiness: VersionReadiness;
}

export interface TrafficFormState {
  readonly endpoint: string;
  readonly namespace: string;
  readonly clusterLabel: string;
  /** Creation order, as the route keeps them. */
  readonly versions: readonly TrafficVersionRow[];
  /** Deployed versions that have no place in the route yet (not editable here). */
  readonly unrouted: readonly string[];
  /** The version the command was invoked on, focused first. */
  readonly focus?: string;
}

export interface TrafficContract {
  initialState: TrafficFormState;
  requests: {
    /** Percentiles by version (null: the version claims nothing). Resolves with the endpoint as saved. */
    save: { params: { percentiles: Record<string, number | null> }; result: { state: TrafficFormState; message: string } };
    cancel: { params: null; result: null };
  };
  events: {
    /** The endpoint changed elsewhere (another command, another form): the form shows it; unsaved edits stay. */
    changed: { state: TrafficFormState; message: string };
  };
}
