// The cluster commands refuse options they do not take (exit 2, naming the option and the nearest one), before
// reading any kubeconfig: `logs svc --folow` used to exit 0 as if it had followed.
import assert from 'node:assert/strict';
import { main } from '../../../src/cli/main';

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { stdout: { write: (t: string) => (out += t) }, stderr: { write: (t: string) => (err += t) }, cwd: process.cwd() });
  return { code, out, err };
}

describe('CLI: unknown options of the cluster commands', () => {
  const saved = process.env.KUBECONFIG;
  // A kubeconfig that cannot be read: a refused option must fail before it is needed.
  before(() => { process.env.KUBECONFIG = '/nonexistent/kubeconfig'; });
  after(() => { if (saved === undefined) delete process.env.KUBECONFIG; else process.env.KUBECONFIG = saved; });

  const cases: [string[], RegExp][] = [
    [['logs', 'svc', '--folow'], /unknown option --folow \(did you mean --follow\?\)/],
    [['logs', 'svc', '--tail=5', '--watch'], /unknown option --watch/],
    [['keys', 'svc', '--regenerate', 'primary'], /unknown option --regenerate \(did you mean --regen\?\)/],
    [['status', 'svc', '--wacth'], /unknown option --wacth \(did you mean --watch\?\)/],
    [['deploy', '.', '--image', 'x:1', '--namespaces', 'n'], /unknown option --namespaces \(did you mean --namespace\?\)/],
    [['token', 'svc', '-n', 'prod'], /unknown option -n; token takes --context, --namespace, --format/],
    [['delete', 'svc', '--force'], /unknown option --force/],
  ];
  for (const [argv, message] of cases) {
    it(`${argv.join(' ')} exits 2 naming the option`, async () => {
      const r = await cli(...argv);
      assert.equal(r.code, 2, r.err);
      assert.match(r.err, message);
      assert.equal(r.out, '');
    });
  }

  it('accepts every documented option (it then fails on the unreadable kubeconfig, not on the option)', async () => {
    const r = await cli('logs', 'svc', '--follow', '--tail', '5', '--namespace', 'n', '--context', 'c', '--format', 'json');
    assert.doesNotMatch(r.err, /unknown option/);
  });
});
