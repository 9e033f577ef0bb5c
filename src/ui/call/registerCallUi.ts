// Calling a deployed service from the UI: Copy Scoring URI, Consume, and the scoring URI in the Targets rows'
// tooltips (read when a row is hovered, not for every row). The bodies load with dist/commands.js on first use.
import * as vscode from 'vscode';
import { clusterCommands } from '../engines';
import type { ServiceArg } from '../kube/pickService';
import { runCommand } from '../runCommand';
import type { UiContext } from '../uiContext';
import { callCommandIds } from './callCommandIds';

export function registerCallUi(ui: UiContext): void {
  const handlers: Record<string, (...args: never[]) => unknown> = {
    [callCommandIds.copyScoringUri]: (arg?: ServiceArg) => clusterCommands().copyScoringUri(ui, arg),
    [callCommandIds.openConsume]: (arg?: ServiceArg) => clusterCommands().openConsume(ui, arg),
  };
  for (const [id, handler] of Object.entries(handlers)) {
    ui.extension.subscriptions.push(vscode.commands.registerCommand(id, (...args: never[]) => runCommand(ui.log, id, () => handler(...args))));
  }
  ui.targets.setTooltipDetail((ref) => clusterCommands().scoringTooltip(ui, ref));
}
