// Registry lookups against a stand-in HTTP server in this process (the real registry is in the integration tier),
// and the one-line explanations of docker push failures.
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { isLoopbackRegistry, registryHost } from '../../../src/core/imageRef';
import type { LocalServiceError } from '../../../src/local/localServiceError';
import { explainPushFailure } from '../../../src/local/pushErrors';
import { lookupTag, parseBearerChallenge, registryBaseUrl } from '../../../src/local/registryTags';

async function withServer(handler: http.RequestListener, run: (address: string) => Promise<void>): Promise<void> {
  const server = http.createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    await run(`127.0.0.1:${(server.address() as AddressInfo).port}`);
  } finally {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
}

describe('local: registry addresses', () => {
  it('speaks http to loopback registries and https to the rest', () => {
    for (const r of ['127.0.0.1:5000', 'localhost:5000', '[::1]:5000', 'http://127.0.0.9:80/']) assert.ok(isLoopbackRegistry(r), r);
    for (const r of ['myacr.azurecr.io', '10.0.0.1:5000', 'localhost.example.com']) assert.ok(!isLoopbackRegistry(r), r);
    assert.equal(registryBaseUrl('127.0.0.1:5000'), 'http://127.0.0.1:5000');
    assert.equal(registryBaseUrl('https://myacr.azurecr.io/'), 'https://myacr.azurecr.io');
    assert.equal(registryHost(' https://myacr.azurecr.io// '), 'myacr.azurecr.io');
  });

  it('reads a bearer challenge', () => {
    assert.deepEqual(parseBearerChallenge('Bearer realm="https://auth.example/token",service="registry.example",scope="repository:a:pull"'),
      { realm: 'https://auth.example/token', service: 'registry.example' });
    assert.equal(parseBearerChallenge('Basic realm="registry"'), undefined);
    assert.equal(parseBearerChallenge(null), undefined);
  });
});

describe('local: lookupTag (Registry HTTP API v2)', () => {
  it('asks HEAD /v2/<repo>/manifests/<tag> with manifest media types: 200 is present with its digest, 404 absent', async () => {
    const seen: http.IncomingMessage[] = [];
    await withServer((req, res) => {
      seen.push(req);
      if (req.url === '/v2/team/iris/manifests/abc') res.writeHead(200, { 'Docker-Content-Digest': 'sha256:' + 'f'.repeat(64) }).end();
      else res.writeHead(404).end();
    }, async (address) => {
      assert.deepEqual(await lookupTag(address, 'team/iris', 'abc'), { state: 'present', digest: 'sha256:' + 'f'.repeat(64) });
      assert.deepEqual(await lookupTag(address, 'team/iris', 'def'), { state: 'absent' });
    });
    assert.equal(seen[0].method, 'HEAD');
    assert.match(seen[0].headers.accept ?? '', /application\/vnd\.docker\.distribution\.manifest\.v2\+json/);
    assert.match(seen[0].headers.accept ?? '', /application\/vnd\.oci\.image\.index\.v1\+json/);
  });

  it('fetches an anonymous pull token on a bearer challenge and retries with it', async () => {
    let tokenQuery: URLSearchParams | undefined;
    await withServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname === '/token') {
        tokenQuery = url.searchParams;
        res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ token: 'anon-token' }));
      } else if (req.headers.authorization === 'Bearer anon-token') res.writeHead(200).end();
      else res.writeHead(401, { 'WWW-Authenticate': `Bearer realm="http://${req.headers.host}/token",service="test-registry"` }).end();
    }, async (address) => {
      assert.deepEqual(await lookupTag(address, 'iris', 'abc'), { state: 'present', digest: undefined });
    });
    assert.equal(tokenQuery?.get('service'), 'test-registry');
    assert.equal(tokenQuery?.get('scope'), 'repository:iris:pull');
  });

  it('cannot tell when credentials are needed, and says so', async () => {
    await withServer((_req, res) => res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="r"' }).end(), async (address) => {
      const r = await lookupTag(address, 'iris', 'abc');
      assert.equal(r.state, 'unknown');
    });
  });

  it('reports a registry that does not answer as unreachable, and rejects when cancelled', async () => {
    let address = '';
    await withServer((_req, res) => res.end(), async (a) => { address = a; });
    assert.deepEqual(await lookupTag(address, 'iris', 'abc'), { state: 'unreachable', reason: 'connection refused' });
    await assert.rejects(lookupTag(address, 'iris', 'abc', { signal: AbortSignal.abort() }), { name: 'AbortError' });
  });
});

describe('local: docker push failures in one line', () => {
  const oneLine = (e: LocalServiceError) => assert.equal(e.message.split('\n').length, 1, e.message);

  it('names the login command, with az acr login for ACR', () => {
    const acr = explainPushFailure('myacr.azurecr.io', 'The push refers to repository [myacr.azurecr.io/iris]\nunauthorized: authentication required\n');
    assert.equal(acr.kind, 'registryAuth');
    assert.equal(acr.message, 'docker push to myacr.azurecr.io was refused: authentication required — run `az acr login --name myacr` or `docker login myacr.azurecr.io`');
    oneLine(acr);
    const other = explainPushFailure('registry.example:5000', 'no basic auth credentials');
    assert.equal(other.message, 'docker push to registry.example:5000 was refused: authentication required — run `docker login registry.example:5000`');
    const denied = explainPushFailure('myacr.azurecr.io', 'denied: requested access to the resource is denied');
    assert.equal(denied.kind, 'registryAuth');
    assert.match(denied.message, /access denied .*AcrPush/);
  });

  it('tells unreachable, plain-HTTP and untrusted-certificate registries apart', () => {
    const refused = explainPushFailure('10.1.2.3:5000', 'Get "https://10.1.2.3:5000/v2/": dial tcp 10.1.2.3:5000: connect: connection refused');
    assert.equal(refused.kind, 'registryUnreachable');
    assert.equal(refused.message, 'registry 10.1.2.3:5000 is unreachable (connection refused) — check the address and that the registry is running');
    assert.equal(explainPushFailure('nope.example', 'dial tcp: lookup nope.example on 127.0.0.53:53: no such host').kind, 'registryUnreachable');
    const http = explainPushFailure('10.1.2.3:5000', 'Get "https://10.1.2.3:5000/v2/": http: server gave HTTP response to HTTPS client');
    assert.match(http.message, /insecure-registries/);
    const tls = explainPushFailure('reg.example', 'Get "https://reg.example/v2/": tls: failed to verify certificate: x509: certificate signed by unknown authority');
    assert.match(tls.message, /does not trust the registry's certificate/);
    for (const e of [refused, http, tls]) oneLine(e);
  });

  it('quotes the last line of anything else', () => {
    const e = explainPushFailure('reg.example', 'abc: Pushing\nblob upload invalid: quota exceeded\n');
    assert.equal(e.kind, 'pushFailed');
    assert.equal(e.message, 'docker push to reg.example failed: blob upload invalid: quota exceeded');
  });
});
