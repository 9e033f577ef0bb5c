// Train Model: runs the folder's train.py with the environment Run Locally builds for it (the venv in process mode,
// the image in Docker mode), with progress; offered on the folder, after Create Sample Project, and on Run Locally's
// "no trained model yet" error.
import path from 'node:path';
import * as vscode from 'vscode';
import type { LocalMode, TrainResult } from '../../local';
import { localEngine } from '../engines';
import type { UiContext } from '../uiContext';
import { modelFolderOf, pickMode, type FolderArg } from './modelFolderArg';

export async function trainModel(ui: UiContext, arg: FolderArg, modeArg?: LocalMode, offerRun = true): Promise<TrainResult | undefined> {
  const folder = await modelFolderOf(ui, arg);
  if (!folder) return undefined;
  if (!localEngine().trainingFor(folder)) {
    throw new Error(`${path.basename(folder)} has no ${localEngine().TRAIN_SCRIPT}: Train Model runs a folder's ${localEngine().TRAIN_SCRIPT} to make its model.`);
  }
  const mode = modeArg ?? (await pickMode('Train Model'));
  if (!mode) return undefined;
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Training ${path.basename(folder)} (${mode})`, cancellable: true },
    (progress, token) => ui.local.train(folder, mode, token, (m) => progress.report({ message: m.slice(0, 120) })),
  );
  ui.localModels.refresh();
  const summary = `${path.basename(folder)}: model trained in ${(result.ms / 1000).toFixed(1)} s (${path.relative(folder, result.modelDir) || '.'}/). ${result.outputTail.at(-1) ?? ''}`.trim();
  if (offerRun) {
    void vscode.window.showInformationMessage(summary, 'Run Locally').then((c) => {
      if (c) void vscode.commands.executeCommand('aksModel.runLocally', vscode.Uri.file(folder), mode);
    });
  }
  return result;
}
