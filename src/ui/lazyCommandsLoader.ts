// Lazy access to the cluster command bodies (dist/commands.js, src/ui/lazyCommands.ts), loaded on the first cluster
// command. Apart from engines.ts because those bodies import engines.ts: one file for both was an import cycle.
import type * as ClusterCommands from './lazyCommands';

let commands: typeof ClusterCommands | undefined;

/** The cluster command bodies (dist/commands.js). */
export function clusterCommands(): typeof ClusterCommands {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a synchronous lazy load (see engines.ts)
  return (commands ??= require('./commands.js') as typeof ClusterCommands);
}

/** Only when already loaded: clean-up must not load the bundle just to find nothing to clean. */
export function clusterCommandsIfLoaded(): typeof ClusterCommands | undefined {
  return commands;
}
