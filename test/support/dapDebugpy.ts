// Drives debugpy over the Debug Adapter Protocol, the way VS Code's Python Debugger would after an attach, with the
// DebugClient of @vscode/debugadapter-testsupport (Microsoft's DAP test client) connected to debugpy's port.
import { once } from 'node:events';
import { createConnection, type Socket } from 'node:net';
import { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';
import type { DebugpyAttachConfiguration } from '../../src/local/debugConfig';

export interface BreakpointHit<T> {
  readonly file: string | undefined;
  readonly line: number;
  readonly function: string;
  /** What `trigger` resolved to after the debugger continued. */
  readonly result: T;
}

/** DebugClient over a socket we own, so we can close it: its own stop() re-sends disconnect and waits forever. */
class SocketDebugClient extends DebugClient {
  attachSocket(socket: Socket): void {
    this.connect(socket, socket);
  }
}

/**
 * Attaches with the given configuration, sets one breakpoint, runs `trigger` (e.g. a /score request), waits for
 * the `stopped` event, reads the top frame, continues and detaches.
 */
export async function hitBreakpoint<T>(config: DebugpyAttachConfiguration, file: string, line: number, trigger: () => Promise<T>): Promise<BreakpointHit<T>> {
  // Some DAP requests (attach) wait without a timeout: bound the whole exchange so a test fails instead of hanging.
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error('DAP session with debugpy did not finish within 120 s')), 120_000); });
  try {
    return await Promise.race([session(config, file, line, trigger), limit]);
  } finally {
    clearTimeout(timer);
  }
}

async function session<T>(config: DebugpyAttachConfiguration, file: string, line: number, trigger: () => Promise<T>): Promise<BreakpointHit<T>> {
  const dc = new SocketDebugClient('unused', 'unused', 'debugpy');
  dc.defaultTimeout = 60_000;
  const socket = createConnection(config.connect.port, config.connect.host);
  await once(socket, 'connect');
  dc.attachSocket(socket);
  try {
    await dc.initializeRequest({ adapterID: 'debugpy', clientID: 'aks-model-deploy-tests', pathFormat: 'path', linesStartAt1: true, columnsStartAt1: true });
    // debugpy answers `attach` only after configurationDone, and sends `initialized` in between.
    const attached = dc.attachRequest({ justMyCode: config.justMyCode, pathMappings: config.pathMappings } as DebugProtocol.AttachRequestArguments);
    await dc.waitForEvent('initialized');
    const bp = await dc.setBreakpointsRequest({ source: { path: file }, breakpoints: [{ line }] });
    if (!bp.body.breakpoints[0]) throw new Error(`debugpy did not accept a breakpoint at ${file}:${line}`);
    await dc.configurationDoneRequest();
    await attached;
    const pending = trigger();
    const stopped = (await dc.waitForEvent('stopped')) as DebugProtocol.StoppedEvent;
    const threadId = stopped.body.threadId ?? 0;
    const stack = await dc.stackTraceRequest({ threadId, levels: 1 });
    const top = stack.body.stackFrames[0];
    await dc.continueRequest({ threadId });
    const result = await pending;
    return { file: top?.source?.path, line: top?.line ?? 0, function: top?.name ?? '', result };
  } finally {
    await Promise.race([dc.disconnectRequest({ terminateDebuggee: false }), new Promise((r) => setTimeout(r, 5000))]).catch(() => undefined);
    socket.destroy();
  }
}
