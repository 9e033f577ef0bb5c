// A TCP proxy in front of the API server, so a test can break the watches' connections the way a network
// blip does (TLS passes through untouched: the client still talks to the real kube-apiserver).
import net from 'node:net';

export class TcpProxy {
  private readonly sockets = new Set<net.Socket>();
  private refusing = false;
  private server: net.Server | undefined;

  constructor(private readonly targetPort: number) {}

  async start(): Promise<number> {
    this.server = net.createServer((client) => {
      if (this.refusing) return void client.destroy();
      const upstream = net.connect({ host: '127.0.0.1', port: this.targetPort });
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => {});
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return (this.server.address() as net.AddressInfo).port;
  }

  /** Breaks every open connection; with refuse, new ones are cut at once until allow(). */
  drop(options: { refuse?: boolean } = {}): number {
    this.refusing = options.refuse ?? false;
    const n = this.sockets.size;
    for (const s of this.sockets) s.destroy();
    return n;
  }

  allow(): void {
    this.refusing = false;
  }

  async stop(): Promise<void> {
    this.drop();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}
