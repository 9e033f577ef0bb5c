// A STAND-IN for the kubelet's container log endpoint, reached as the API server's pod log path
// (/api/v1/namespaces/{ns}/pods/{pod}/log). The test cluster runs no kubelet, so its real pod log endpoint cannot
// answer; this server speaks the same streaming format: chunked plain text, each line prefixed with an RFC3339Nano
// timestamp (trailing zeros trimmed, as Go's time.RFC3339Nano), `follow`, `sinceTime` (inclusive, as the kubelet)
// and `tailLines` (applied before sinceTime, as the kubelet). Logs are either appended by the test or generated
// (line i is a pure function of i) so that a million lines cost no memory here.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

interface PodLog {
  length(): number;
  at(i: number): string; // "time text"
  timeMsAt(i: number): number;
  followers: Set<() => void>;
}

/** Go's time.RFC3339Nano for an instant given as epoch ms plus extra nanoseconds. */
export function rfc3339Nano(epochMs: number, extraNs = 0): string {
  const ms = Math.floor(epochMs);
  const ns = (ms % 1000) * 1_000_000 + extraNs;
  const base = new Date(ms - (ms % 1000) + Math.floor(ns / 1e9) * 1000).toISOString().slice(0, 19);
  const frac = String(ns % 1e9).padStart(9, '0').replace(/0+$/, '');
  return frac ? `${base}.${frac}Z` : `${base}Z`;
}

export interface LogRequestRecord {
  pod: string;
  follow: boolean;
  sinceTime?: string;
  tailLines?: number;
}

export class KubeletLogStandIn {
  readonly requests: LogRequestRecord[] = [];
  /** Lines handed to sockets so far (all pods): shows whether a slow reader holds the server back. */
  linesWritten = 0;
  private readonly pods = new Map<string, PodLog>();
  private readonly open = new Set<http.ServerResponse>();
  private server: http.Server | undefined;

  /** Starts on 127.0.0.1 and resolves to its base URL (use it as a cluster `server`). */
  async start(): Promise<string> {
    this.server = http.createServer((req, res) => this.serve(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.dropConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  /** Appends lines to a pod's log (time: now, or the given epoch ms — several lines may share one instant). */
  append(pod: string, texts: string[], timeMs?: number): void {
    const log = this.arrayLog(pod);
    for (const t of texts) log.items.push({ time: rfc3339Nano(timeMs ?? Date.now()), ms: timeMs ?? Date.now(), text: t });
    for (const wake of log.followers) wake();
  }

  /** A pod whose log already holds `count` lines "<pod> <i>", 10 µs apart from `startMs`. */
  generate(pod: string, count: number, startMs: number): void {
    this.pods.set(pod, {
      length: () => count,
      at: (i) => `${rfc3339Nano(startMs, i * 10_000)} ${pod} ${i}`,
      timeMsAt: (i) => startMs + i / 100,
      followers: new Set(),
    });
  }

  /** Breaks every open log stream, optionally in the middle of a line (as a dropped connection would). */
  dropConnections(options: { midLine?: string } = {}): number {
    const n = this.open.size;
    for (const res of this.open) {
      if (options.midLine) res.write(options.midLine);
      res.socket?.destroy();
    }
    this.open.clear();
    return n;
  }

  get openStreams(): number {
    return this.open.size;
  }

  private arrayLog(pod: string): PodLog & { items: { time: string; ms: number; text: string }[] } {
    let log = this.pods.get(pod) as (PodLog & { items: { time: string; ms: number; text: string }[] }) | undefined;
    if (!log) {
      const items: { time: string; ms: number; text: string }[] = [];
      log = { items, length: () => items.length, at: (i) => `${items[i]!.time} ${items[i]!.text}`, timeMsAt: (i) => items[i]!.ms, followers: new Set() };
      this.pods.set(pod, log);
    }
    return log;
  }

  private serve(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const m = /^\/api\/v1\/namespaces\/[^/]+\/pods\/([^/]+)\/log$/.exec(url.pathname);
    const log = m ? this.pods.get(decodeURIComponent(m[1]!)) : undefined;
    if (!m || !log) {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ kind: 'Status', code: 404, message: `no log for ${url.pathname}` }));
      return;
    }
    if (url.searchParams.get('timestamps') !== 'true') {
      res.writeHead(400).end('this stand-in only serves timestamps=true');
      return;
    }
    const follow = url.searchParams.get('follow') === 'true';
    const sinceTime = url.searchParams.get('sinceTime') ?? undefined;
    const tail = url.searchParams.get('tailLines');
    this.requests.push({ pod: m[1]!, follow, ...(sinceTime ? { sinceTime } : {}), ...(tail ? { tailLines: Number(tail) } : {}) });
    let i = tail ? Math.max(0, log.length() - Number(tail)) : 0;
    if (sinceTime) {
      const since = Date.parse(sinceTime);
      while (i < log.length() && log.timeMsAt(i) < since) i++;
    }
    res.writeHead(200, { 'content-type': 'text/plain' });
    this.open.add(res);
    let wake: (() => void) | undefined;
    let draining = false;
    const finish = () => {
      this.open.delete(res);
      if (wake) log.followers.delete(wake);
    };
    res.on('close', finish);
    const pump = () => {
      if (draining) return;
      // Write in batches while the socket takes them; wait for 'drain' (backpressure) or for new lines.
      while (i < log.length()) {
        let batch = '';
        const end = Math.min(log.length(), i + 256);
        this.linesWritten += end - i;
        for (; i < end; i++) batch += `${log.at(i)}\n`;
        if (!res.write(batch)) {
          draining = true;
          res.once('drain', () => {
            draining = false;
            pump();
          });
          return;
        }
      }
      if (!follow) {
        res.end();
        return;
      }
      if (!wake) {
        wake = () => pump();
        log.followers.add(wake);
      }
    };
    pump();
  }
}
