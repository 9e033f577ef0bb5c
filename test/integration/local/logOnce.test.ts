// The local service log printed every server line twice: once through the logger (startup) and once through the
// service's events (what the UI's output channel and the CLI's `serve` follow), both into the same output.
// A real child process stands in for the scoring server here (our driver interface, no external component faked).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { freePort } from '../../../src/local/network';
import { startManagedService, type ServiceDriver } from '../../../src/local/managedService';
import { WORKER_READY_MARK } from '../../../src/local/serverHooks';

const SERVER = `
const http = require('node:http');
const port = Number(process.argv[1]);
console.log('boot line');
http.createServer((req, res) => { console.log('request ' + req.url); res.end('ok'); })
  .listen(port, '127.0.0.1', () => console.log(${JSON.stringify(WORKER_READY_MARK)}));
`;

describe('local service log', () => {
  it('hands every server line to its output once, before and after someone follows the events', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const driver: ServiceDriver = {
      mode: 'process',
      url,
      sourceDirectory: process.cwd(),
      launch: async (log) => {
        const child = spawn(process.execPath, ['-e', SERVER, String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
        let exit: { code: number | null } | undefined;
        child.on('exit', (code) => (exit = { code }));
        child.stdout.on('data', (d: Buffer) => log.write(d));
        child.stderr.on('data', (d: Buffer) => log.write(d));
        return {
          exited: () => exit,
          stop: () => new Promise<void>((r) => (exit ? r() : (child.once('exit', () => r()), child.kill()))),
        };
      },
    };
    const output: string[] = [];
    const logger = { trace() {}, debug() {}, info: (m: string) => output.push(m), warn: (m: string) => output.push(m), error: (m: string | Error) => output.push(String(m)) };
    const service = await startManagedService(driver, { logger, healthTimeoutMs: 60_000 });
    try {
      const followed = (async () => {
        for await (const e of service.events()) {
          if (e.type === 'log') output.push(e.line);
          if (e.type === 'log' && e.line === 'request /second') return;
        }
      })();
      await fetch(`${url}/first`);
      await fetch(`${url}/second`);
      await followed;
      const count = (line: string) => output.filter((l) => l === line).length;
      assert.equal(count('boot line'), 1, output.join('\n'));
      assert.equal(count(WORKER_READY_MARK), 1, output.join('\n'));
      assert.equal(count('request /first'), 1, output.join('\n'));
      assert.equal(count('request /second'), 1, output.join('\n'));
    } finally {
      await service.stop();
    }
  });
});
