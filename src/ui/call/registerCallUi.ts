// Calling a deployed service from the UI: the scoring URI in the Targets rows' tooltips (read when a row is hovered,
// not for every row). Its commands (Copy Scoring URI, Consume) are in the one table, src/ui/commandRegistry.ts.
import { clusterCommands } from '../lazyCommandsLoader';
import type { UiContext } from '../uiContext';

export function registerCallUi(ui: UiContext): void {
  ui.targets.setTooltipDetail((ref) => clusterCommands().scoringTooltip(ui, ref));
}
