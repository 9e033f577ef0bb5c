// The message side of a PanelHost, without vscode (tested in plain Node). A webview can take messages only between
// its `ready` and its disposal: before `ready` the page is still loading, and a hidden panel's page is gone (panels
// do not retain their context when hidden; showing one loads the page again, which says `ready` again). So:
// events are queued until the page is ready and delivered after its `init`; every `ready` gets the host's current
// state (`state()` is read again), so a re-shown panel shows what is true now, not what was true when it opened.
import type { EventName, HostMessage, PanelContract } from '../../contract/panelProtocol';

export interface PanelChannelOptions<C extends PanelContract> {
  /** The host's current state, read on every (re)load of the page. */
  readonly state: () => C['initialState'] | Promise<C['initialState']>;
  /** Posts to the page; resolves false when the page could not take it. */
  readonly send: (message: HostMessage<C>) => Thenable<boolean> | Promise<boolean>;
  /** Events of these names keep only their newest queued payload (e.g. a status snapshot), so a panel hidden for
   * an hour does not queue an hour of them. */
  readonly latestOnly?: readonly EventName<C>[];
}

export class PanelChannel<C extends PanelContract> {
  private ready = false;
  private queue: { name: EventName<C>; payload: unknown }[] = [];
  /** Pages loaded so far (1 after the first `ready`, 2 after a hide and show…). */
  loads = 0;

  constructor(private readonly options: PanelChannelOptions<C>) {}

  get isReady(): boolean {
    return this.ready;
  }

  post<K extends EventName<C>>(name: K, payload: C['events'][K]): void {
    if (this.ready) {
      void this.deliver(name, payload);
      return;
    }
    if (this.options.latestOnly?.includes(name)) this.queue = this.queue.filter((e) => e.name !== name);
    this.queue.push({ name, payload });
  }

  /** The page said `ready`: send it the current state, then what was posted meanwhile. */
  async onReady(): Promise<void> {
    this.ready = false;
    const state = await this.options.state();
    await this.options.send({ kind: 'init', state });
    this.loads += 1;
    // Events posted while this flushes join the queue: drain until it is empty, then deliver directly.
    for (let e = this.queue.shift(); e; e = this.queue.shift()) await this.options.send({ kind: 'event', name: e.name, payload: e.payload } as HostMessage<C>);
    this.ready = true;
  }

  /** The page is gone (panel hidden) or not loaded yet: queue until it says `ready` again. */
  onHidden(): void {
    this.ready = false;
  }

  private async deliver(name: EventName<C>, payload: unknown): Promise<void> {
    const took = await this.options.send({ kind: 'event', name, payload } as HostMessage<C>);
    // A page that went away between the check and the post: keep the event for its next load.
    if (!took) {
      this.ready = false;
      this.queue.push({ name, payload });
    }
  }
}
