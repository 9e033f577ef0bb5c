// The operate-a-service part of the UI: the log streams of this window (made on the first log command, with
// dist/commands.js) and their clean-up. Its commands are in the one command table (src/ui/commandRegistry.ts).
import { clusterCommands, clusterCommandsIfLoaded } from '../lazyCommandsLoader';
import type { UiContext } from '../uiContext';
import type { LogStreams } from './logCommands';

const streamsOf = new WeakMap<UiContext, LogStreams>();

/** This window's log streams, made on first use. */
export function logStreams(ui: UiContext): LogStreams {
  let streams = streamsOf.get(ui);
  if (!streams) streamsOf.set(ui, (streams = new (clusterCommands().LogStreams)(ui)));
  return streams;
}

export function registerOpsUi(ui: UiContext): void {
  ui.extension.subscriptions.push({
    dispose: () => {
      streamsOf.get(ui)?.dispose();
      clusterCommandsIfLoaded()?.disposeStatusPanels();
    },
  });
}
