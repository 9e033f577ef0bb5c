// The local services this window runs (one per model folder): started with progress, followed into a log channel
// of their own, shown in the status bar, stopped when the window closes.
import path from 'node:path';
import * as vscode from 'vscode';
import type { LocalMode, LocalService, LocalServiceSpec, TrainResult } from '../../local';
import { taggedLogger } from '../../core/logger';
import { ContextKey } from '../contextKeys';
import { localEngine } from '../engines';
import type { ExtensionLog } from '../log';
import { settings } from '../settings';
import { UiError } from '../uiError';

export interface RunningLocal {
  readonly folder: string;
  readonly spec: LocalServiceSpec;
  readonly service: LocalService;
  readonly channel: vscode.LogOutputChannel;
  readonly debug: boolean;
}

export class LocalServices implements vscode.Disposable {
  private readonly running = new Map<string, RunningLocal>();
  private readonly statusBar = vscode.window.createStatusBarItem('aksModel.local', vscode.StatusBarAlignment.Left, 50);
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly context: vscode.ExtensionContext, private readonly log: ExtensionLog) {
    this.statusBar.name = 'AKS Model Deploy: local service';
    this.statusBar.command = 'aksModel.local.showActions';
  }

  get(folder: string): RunningLocal | undefined {
    return this.running.get(folder);
  }

  all(): RunningLocal[] {
    return [...this.running.values()];
  }

  async start(folder: string, mode: LocalMode, debug: boolean, token: vscode.CancellationToken, progress: (m: string) => void): Promise<RunningLocal> {
    await this.stop(folder);
    const engine = localEngine();
    const result = engine.localSpecForFolder(folder, { defaultBaseImage: settings().localBaseImage });
    if (!result.ok) throw new UiError('configInvalid', `Cannot run ${path.basename(folder)} locally:\n${result.problems.join('\n')}`, { folder });
    const channel = vscode.window.createOutputChannel(`AKS Model: ${result.spec.name} (local)`, { log: true });
    for (const note of result.notes) channel.info(note);
    const abort = new AbortController();
    const sub = token.onCancellationRequested(() => abort.abort());
    const logger = taggedLogger({ trace: (m) => channel.trace(m), debug: (m) => channel.debug(m), info: (m) => { channel.info(m); progress(m); }, warn: (m) => channel.warn(m), error: (m) => channel.error(m) }, mode);
    const common = { storageDir: this.storageFor(folder, mode), logger, debug: true, hotReload: true, signal: abort.signal };
    try {
      const service = mode === 'process'
        ? await engine.startProcessService(result.spec, { ...common, python: settings().pythonPath })
        : await engine.startDockerService(result.spec, { ...common, dockerHost: settings().dockerHost });
      const entry: RunningLocal = { folder, spec: result.spec, service, channel, debug };
      this.running.set(folder, entry);
      void this.follow(entry);
      this.update();
      this.log.info(`[local] ${result.spec.name} (${mode}) serving on ${service.url}`);
      return entry;
    } catch (err) {
      channel.show(true);
      channel.dispose();
      throw err;
    } finally {
      sub.dispose();
    }
  }

  /** Trains the folder's model with the environment start() uses for this mode (same storage: venv or image). */
  async train(folder: string, mode: LocalMode, token: vscode.CancellationToken, progress: (m: string) => void): Promise<TrainResult> {
    const engine = localEngine();
    const result = engine.localSpecForFolder(folder, { defaultBaseImage: settings().localBaseImage });
    if (!result.ok) throw new Error(`Cannot train ${path.basename(folder)}:\n${result.problems.join('\n')}`);
    const abort = new AbortController();
    const sub = token.onCancellationRequested(() => abort.abort());
    const logger = taggedLogger({ ...this.log, info: (m) => { this.log.info(m); progress(m); } }, `train ${mode}`);
    try {
      return await engine.trainModel(result.spec, folder, mode, {
        storageDir: this.storageFor(folder, mode), logger, signal: abort.signal, python: settings().pythonPath, dockerHost: settings().dockerHost,
      });
    } finally {
      sub.dispose();
    }
  }

  async stop(folder: string): Promise<void> {
    const entry = this.running.get(folder);
    if (!entry) return;
    this.running.delete(folder);
    await entry.service.stop();
    entry.channel.info('stopped');
    this.update();
  }

  /**
   * Stops every service (process groups, containers) and waits for them, at most `ms`: deactivate() awaits this when
   * the window closes or reloads, and VS Code gives deactivate 5 s. True when all stopped in time.
   */
  async stopAll(ms: number): Promise<boolean> {
    const stops = [...this.running.keys()].map((folder) => this.stop(folder).catch((e: unknown) => this.log.warn(`[local] stopping ${folder}: ${e instanceof Error ? e.message : String(e)}`)));
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
    try {
      return await Promise.race([Promise.all(stops).then(() => true as const), late]);
    } finally {
      clearTimeout(timer);
    }
  }

  dispose(): void {
    for (const folder of [...this.running.keys()]) void this.stop(folder);
    this.statusBar.dispose();
    this.changed.dispose();
  }

  /** The Dockerfile Docker mode generated for a folder (it exists once the folder ran in Docker). */
  dockerfileFor(folder: string): string {
    return path.join(this.storageFor(folder, 'docker'), 'Dockerfile');
  }

  /** Environments live in the extension's storage (or aksModel.local.storageDir), one per folder and mode. */
  storageFor(folder: string, mode: LocalMode): string {
    return localEngine().localStorageDir(settings().localStorageDir || path.join(this.context.globalStorageUri.fsPath, 'local'), folder, mode);
  }

  private async follow(entry: RunningLocal): Promise<void> {
    for await (const e of entry.service.events()) {
      if (e.type === 'log') entry.channel.info(e.line);
      else if (e.type === 'reloaded') entry.channel.info(`reloaded after a change to ${e.changed.join(', ') || 'the source'} in ${e.ms} ms`);
      else {
        entry.channel.info(`state: ${e.state}${e.message ? `: ${e.message}` : ''}`);
        if (e.state === 'failed') void vscode.window.showErrorMessage(`Local service ${entry.spec.name} failed: ${e.message ?? 'see its log'}`, 'Show Log').then((c) => c && entry.channel.show());
      }
      if (e.type === 'state') this.update();
    }
  }

  private update(): void {
    const all = this.all();
    if (all.length === 0) {
      this.statusBar.hide();
    } else {
      const first = all[0];
      this.statusBar.text = `$(${first.debug ? 'debug-alt' : 'play-circle'}) ${first.spec.name} ${first.service.mode}${all.length > 1 ? ` +${all.length - 1}` : ''}`;
      this.statusBar.tooltip = all.map((r) => `${r.spec.name}: ${r.service.url} (${r.service.mode})`).join('\n') + '\nClick to stop, restart or open the log.';
      this.statusBar.show();
    }
    void vscode.commands.executeCommand('setContext', ContextKey.localRunning, all.length > 0);
    this.changed.fire();
  }
}

