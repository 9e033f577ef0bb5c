import assert from 'node:assert/strict';
import fs from 'node:fs';
import https from 'node:https';
import { specFile } from '../../support/specsDir';
import { ArmReplayServer } from '../../support/armReplay/replayServer';

// The replay's spec check must be able to fail: requests the swaggers do not allow are answered 400 and recorded.
describe('ARM replay server rejects requests the official swaggers do not allow', () => {
  let replay: ArmReplayServer;
  before(async () => {
    replay = await ArmReplayServer.start();
  });
  after(async () => replay?.close());

  function send(method: string, path: string, body?: unknown): Promise<number> {
    return new Promise((resolve, reject) => {
      const data = body === undefined ? '' : JSON.stringify(body);
      const req = https.request(`${replay.url}${path}`, { method, agent: replay.agent, headers: { authorization: 'Bearer t', 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) } }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
      req.end(data);
    });
  }

  const ws = '/subscriptions/s1/resourceGroups/rg1/providers/Microsoft.MachineLearningServices/workspaces/ws-one';
  const cases: [string, string, string, unknown, RegExp][] = [
    ['a wrong api-version', 'GET', `${ws}/models?api-version=2024-04-01`, undefined, /api-version 2024-04-01 is not the spec's 2025-12-01/],
    ['an unknown query parameter', 'GET', `${ws}/models?api-version=2025-12-01&$skiptoken=x`, undefined, /unknown query parameter \$skiptoken/],
    ['a path no operation has', 'GET', `${ws}/modelz?api-version=2025-12-01`, undefined, /no operation in the swaggers/],
    ['a path parameter breaking its pattern', 'GET', '/subscriptions/s1/resourceGroups/rg1/providers/Microsoft.MachineLearningServices/workspaces/w!/models?api-version=2025-12-01', undefined, /workspaceName "w!" does not match/],
    ['an enum value the spec does not list', 'POST', '/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/c1/listClusterUserCredential?api-version=2026-01-01&format=yaml', undefined, /format "yaml" is not one of azure, exec/],
    ['a body that breaks the schema', 'PUT', `${ws}/models/m/versions/1?api-version=2025-12-01`, { properties: { modelUri: 5, tags: 'x' } }, /body\/properties\/modelUri must be string/],
    ['a body on an operation that takes none', 'GET', `${ws}/models?api-version=2025-12-01`, { a: 1 }, /takes none/],
  ];
  for (const [what, method, path, body, expected] of cases) {
    it(`answers 400 and records ${what}`, async () => {
      const before = replay.violations.length;
      assert.equal(await send(method, path, body), 400);
      const added = replay.violations.slice(before).join('\n');
      assert.match(added, expected);
    });
  }

  // The official example request bodies must pass, or the check would only prove it can say no.
  const examples = 'azure/machinelearningservices/resource-manager/Microsoft.MachineLearningServices/stable/2025-12-01/examples';
  const bodies: [string, string][] = [
    ['Workspace/OnlineEndpoint/createOrUpdate.json', '/onlineEndpoints/testEndpointName'],
    ['OnlineDeployment/KubernetesOnlineDeployment/createOrUpdate.json', '/onlineEndpoints/testEndpointName/deployments/testDeploymentName'],
    ['OnlineDeployment/ManagedOnlineDeployment/createOrUpdate.json', '/onlineEndpoints/testEndpointName/deployments/testDeploymentName'],
  ];
  for (const [file, sub] of bodies) {
    it(`accepts the official example request body of ${file} (allOf inheritance honoured)`, async () => {
      const example = JSON.parse(fs.readFileSync(specFile(`${examples}/${file}`), 'utf8')) as { parameters: { body: unknown } };
      const before = replay.violations.length;
      const status = await send('PUT', `${ws}${sub}?api-version=2025-12-01`, example.parameters.body);
      assert.deepEqual(replay.violations.slice(before), []);
      assert.equal(status, 200);
    });
  }
});
