// The scoring-URI model: scheme and port from the rendered Service's port (never assumed), LoadBalancer and Gateway
// addresses and their "waiting" states, the endpoint's version pick by weight, the snippets and the swagger schema.
import assert from 'node:assert/strict';
import type { V1Service, V1ServicePort } from '@kubernetes/client-node';
import { renderService } from '../../../src/core/manifests';
import { snippet } from '../../../src/core/consumeSnippets';
import { schemaFromSwagger } from '../../../src/core/swaggerSchema';
import { pickBackend } from '../../../src/kube/call/callService';
import type { ServiceAccess } from '../../../src/kube/call/readAccess';
import { clusterAddress, gatewayAddress, loadBalancerAddress, preferredAddress, schemeOfPort, uriOf } from '../../../src/kube/call/scoringUri';
import { planFor, renderInput } from '../manifests/planFixture';

const svc = (port: Partial<V1ServicePort>, extra: Partial<V1Service> = {}): V1Service => ({
  metadata: { name: 'iris', namespace: 'ml' },
  spec: { ports: [{ port: 80, ...port }], selector: { app: 'iris' }, ...extra.spec },
  status: extra.status,
});

describe('scoring URI model', () => {
  it('reads the scheme from appProtocol, then the port name, then 443', () => {
    assert.equal(schemeOfPort({ port: 8080, appProtocol: 'https' }), 'https');
    assert.equal(schemeOfPort({ port: 443, appProtocol: 'http', name: 'https' }), 'http');
    assert.equal(schemeOfPort({ port: 8443, name: 'https-proxy' }), 'https');
    assert.equal(schemeOfPort({ port: 443, name: 'http' }), 'http');
    assert.equal(schemeOfPort({ port: 443 }), 'https');
    assert.equal(schemeOfPort({ port: 8080, name: 'scoring' }), 'http');
  });

  it('the in-cluster URI of the Services the deploy renders: auth off → http on 80, auth on → the proxy port', () => {
    for (const auth of [false, true]) {
      const plan = planFor({ computeType: 'AKS', authEnabled: auth }, 'iris');
      const service = renderService(plan, { ...renderInput, serviceName: 'iris', namespace: 'ml' }).service;
      const port = service.spec!.ports![0];
      const a = clusterAddress(service);
      const scheme = schemeOfPort(port);
      assert.equal(a.scoringUri, uriOf(scheme, 'iris.ml.svc.cluster.local', port.port, '/score'));
      assert.equal(a.swaggerUri, uriOf(scheme, 'iris.ml.svc.cluster.local', port.port, '/swagger.json'));
      if (!auth) assert.equal(a.scoringUri, 'http://iris.ml.svc.cluster.local/score');
    }
  });

  it('keeps a non-default port and brackets IPv6 hosts', () => {
    assert.equal(clusterAddress(svc({ port: 8080, name: 'http' })).scoringUri, 'http://iris.ml.svc.cluster.local:8080/score');
    assert.equal(uriOf('https', 'fd00::1', 8443, '/score'), 'https://[fd00::1]:8443/score');
  });

  it('a LoadBalancer waits for an address, then uses its ip or hostname', () => {
    assert.equal(loadBalancerAddress(svc({ name: 'http' })), undefined);
    assert.deepEqual(loadBalancerAddress(svc({ name: 'http' }, { spec: { type: 'LoadBalancer' } })), { exposure: 'load-balancer', waiting: 'waiting for an address' });
    const ip = loadBalancerAddress(svc({ name: 'http' }, { spec: { type: 'LoadBalancer' }, status: { loadBalancer: { ingress: [{ ip: '20.1.2.3' }] } } }));
    assert.equal(ip?.scoringUri, 'http://20.1.2.3/score');
    const host = loadBalancerAddress(svc({ port: 443, name: 'https' }, { spec: { type: 'LoadBalancer' }, status: { loadBalancer: { ingress: [{ hostname: 'lb.example' }] } } }));
    assert.equal(host?.scoringUri, 'https://lb.example/score');
  });

  it('a Gateway: v1 path on its first address, https when it has an HTTPS listener; waiting without an address', () => {
    assert.equal(gatewayAddress('/api/v1/service/iris', { addresses: [], listeners: [{ protocol: 'HTTP', port: 80 }] }).waiting, 'waiting for the Gateway to get an address');
    assert.equal(gatewayAddress('/api/v1/service/iris', undefined).waiting, 'the Gateway cannot be read');
    const g = gatewayAddress('/api/v1/service/iris', { addresses: ['10.0.0.9'], listeners: [{ protocol: 'HTTP', port: 80 }, { protocol: 'HTTPS', port: 443 }] });
    assert.equal(g.scoringUri, 'https://10.0.0.9/api/v1/service/iris/score');
    assert.equal(g.swaggerUri, 'https://10.0.0.9/api/v1/service/iris/swagger.json');
    assert.equal(gatewayAddress('/api/v1/service/iris', { addresses: ['gw.example'], listeners: [{ protocol: 'HTTP', port: 8080 }] }).scoringUri, 'http://gw.example:8080/api/v1/service/iris/score');
  });

  it('prefers an external address, else the in-cluster one', () => {
    const cluster = clusterAddress(svc({ name: 'http' }));
    assert.equal(preferredAddress([cluster]), cluster);
    const lb = { exposure: 'load-balancer' as const, scoringUri: 'http://20.1.2.3/score' };
    assert.equal(preferredAddress([lb, cluster]), lb);
    assert.equal(preferredAddress([{ exposure: 'load-balancer', waiting: 'waiting for an address' }, cluster]), cluster);
  });

  it('an endpoint call picks a version by the route weights; zero weight never; a version call goes to it', () => {
    const b = (version: string, weight: number) => ({ workload: `e-${version}`, version, weight, selector: {}, port: { scheme: 'http' as const, port: 80, targetPort: 5001 } });
    const access = { backends: [b('blue', 70), b('green', 30), b('old', 0)], version: undefined } as unknown as ServiceAccess;
    assert.equal(pickBackend(access, () => 0).version, 'blue');
    assert.equal(pickBackend(access, () => 0.69).version, 'blue');
    assert.equal(pickBackend(access, () => 0.71).version, 'green');
    assert.equal(pickBackend(access, () => 0.9999).version, 'green');
    assert.equal(pickBackend({ ...access, backends: [b('old', 0)], version: 'old' }, () => 0.5).version, 'old');
  });
});

describe('consume snippets', () => {
  const uri = 'http://iris.ml.svc.cluster.local/score';
  it('puts the placeholder where the key goes, and the real key only when given', () => {
    for (const kind of ['curl', 'python', 'csharp'] as const) {
      const withPlaceholder = snippet(kind, { scoringUri: uri, authMode: 'key' });
      assert.match(withPlaceholder, /<your-key>/);
      assert.ok(withPlaceholder.includes(uri));
      assert.match(snippet(kind, { scoringUri: uri, authMode: 'key', credential: 'secret-1' }), /secret-1/);
      assert.doesNotMatch(snippet(kind, { scoringUri: uri, authMode: 'none' }), /Authorization|Bearer|key =/);
      assert.match(snippet(kind, { scoringUri: uri, authMode: 'token' }), /<your-token>/);
    }
  });
  it('quotes the body for the shell and for C#', () => {
    const body = `{"note": "it's \\"quoted\\""}`;
    assert.ok(snippet('curl', { scoringUri: uri, authMode: 'none', body }).includes(`-d '{"note": "it'\\''s \\"quoted\\""}'`));
    assert.ok(snippet('csharp', { scoringUri: uri, authMode: 'none', body }).includes('@"{""note"": ""it\'s \\""quoted\\""""}"'));
  });
});

describe('swagger schema', () => {
  it('reads inference-schema\'s Swagger 2 input and output, through $refs', () => {
    const swagger = {
      swagger: '2.0',
      paths: {
        '/score': {
          post: {
            parameters: [{ in: 'body', name: 'body', schema: { $ref: '#/definitions/ServiceInput' } }],
            responses: { '200': { schema: { $ref: '#/definitions/ServiceOutput' } } },
          },
        },
      },
      definitions: {
        ServiceInput: { type: 'object', properties: { data: { type: 'array', items: { type: 'array', items: { type: 'number', format: 'double' } }, example: [[5.1, 3.5, 1.4, 0.2]] } } },
        ServiceOutput: { type: 'array', items: { type: 'integer', format: 'int64' } },
      },
    };
    const s = schemaFromSwagger(swagger);
    assert.equal(s.status, 'ok');
    assert.deepEqual(s.input, [
      { path: 'data', type: 'array', example: '[[5.1,3.5,1.4,0.2]]' },
      { path: 'data[]', type: 'array' },
      { path: 'data[][]', type: 'number (double)' },
    ]);
    assert.deepEqual(s.output, [{ path: 'body[]', type: 'integer (int64)' }]);
  });
  it('OpenAPI 3 bodies; no /score and garbage give "none"', () => {
    const s = schemaFromSwagger({ openapi: '3.0.0', paths: { '/score': { post: { requestBody: { content: { 'application/json': { schema: { type: 'object', properties: { x: { type: 'string' } } } } } }, responses: {} } } } });
    assert.deepEqual(s.input, [{ path: 'x', type: 'string' }]);
    assert.equal(schemaFromSwagger({ paths: {} }).status, 'none');
    assert.equal(schemaFromSwagger('nope').status, 'none');
  });
});
