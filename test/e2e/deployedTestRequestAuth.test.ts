import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROXY_HTTP_PORT, serviceNames } from '../../src/core/manifests';
import { deployService, getToken, readKeys, type ServiceKeys } from '../../src/kube/deploy';
import { prepareSample } from '../integration/local/sampleModel';
import { apiServerBridge, publishStandInImage, type ApiServerBridge } from '../support/authProxyStandIn';
import { startDockerEngine, type DockerEngine } from '../support/dockerEngine';
import { startKubeTestEnv, type KubeTestEnv } from '../support/kubeTestEnv';
import { startLocalRegistry, type LocalRegistry } from '../support/localRegistry';
import { planSample, portForward, publishSample, readyPods } from '../support/realNodeHelpers';
import { registerTestSecret } from '../support/testSecrets';
import { expandRow, openWorkbench, runContextMenuItem, screenshot, showTargetsView, until, type Workbench } from '../support/workbench';

// Issue 18, "two clicks to a 200 with auth on": a model deployed with key auth on the real node (kube-testenv
// --node), called from the Targets view. The auth proxy is the STAND-IN (tools/kube-testenv/authproxy-standin:
// kube-rbac-proxy's behaviour for our flags; its real image cannot be pulled here), checking the key by the real
// API server's TokenReview and SubjectAccessReview. Send Test Request adds the key itself: the result view shows
// 200 with the predictions, and the key is in neither the view nor any log of the workbench. A second service of the
// same image, deployed with token auth, is called the same way: the extension mints a token for it (TokenRequest),
// and no token for that service's audience is in the view or any file of the workbench.
describe('workbench: Send Test Request to a model deployed with key auth and with token auth on the real node (auth proxy STAND-IN)', function () {
  this.timeout(1_800_000);
  let wb: Workbench;
  let kube: KubeTestEnv;
  let docker: DockerEngine;
  let registry: LocalRegistry;
  let bridge: ApiServerBridge;
  let keys: ServiceKeys;
  const namespace = 'e2e-call-key';
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aks-e2e-call-key-user-'));
  let service = '';
  /** The same model deployed with token auth (a name that does not contain the key service's, for the row match). */
  const tokenService = 'tokened-iris';

  before(async () => {
    kube = await startKubeTestEnv({ node: true });
    docker = startDockerEngine();
    registry = await startLocalRegistry();
    kube.node!.trustPlainHttpRegistry(registry.address);
    bridge = await apiServerBridge(kube.server, kube.node!.ip);
    const proxyImage = await publishStandInImage({ dockerHost: docker.host, baseImage: docker.baseImage, registry: registry.address, apiServerUrl: bridge.url });
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'aks-e2e-call-key-'));
    const dir = path.join(folder, 'sklearn-iris');
    fs.cpSync((await prepareSample()).dir, dir, { recursive: true });
    const planned = planSample(dir, docker.baseImage, true);
    service = planned.plan.serviceName;
    const image = await publishSample(planned.spec, registry.address, docker.host, fs.mkdtempSync(path.join(os.tmpdir(), 'aks-e2e-call-key-build-')));
    const tokenPlan = { ...planned.plan, serviceName: tokenService, auth: { mode: 'token' as const } };
    // Both at once: the node pulls the model image once.
    await Promise.all(
      [planned.plan, tokenPlan].map(async (plan) => {
        for await (const step of deployService(kube.kubeConfig, { plan, serviceName: plan.serviceName, namespace, image, authProxyImage: proxyImage, createNamespace: true }, { timeoutMs: 900_000 })) void step;
      }),
    );
    keys = await readKeys(kube.kubeConfig, { serviceName: service, namespace });
    registerTestSecret(keys.primary, keys.secondary);
    wb = await openWorkbench(folder, { env: { KUBECONFIG: kube.kubeconfigPath }, userDataDir });
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && wb) await screenshot(wb.page, `failed-${this.currentTest.title.slice(0, 40).replace(/\W+/g, '-')}`);
  });
  after(async () => {
    await wb?.close();
    if (wb) fs.rmSync(wb.folder, { recursive: true, force: true });
    fs.rmSync(userDataDir, { recursive: true, force: true });
    await bridge?.close();
    await registry?.stop();
    docker?.stop();
    await kube?.stop();
  });

  const targetsRow = (label: string | RegExp, text?: RegExp) => {
    const pane = wb.page.locator('.part.sidebar .pane', { has: wb.page.locator('.pane-header', { hasText: /^Targets/i }) });
    const rows = pane.locator('.monaco-list-row', { has: wb.page.locator('.label-name', { hasText: label }) });
    return (text ? rows.filter({ hasText: text }) : rows).first();
  };

  /** Every file of the workbench's user data (logs, output channels, extension state) holding `secret` (or its base64). */
  const filesHolding = (secret: string): string[] => {
    const forms = [secret, Buffer.from(secret).toString('base64')];
    const files = fs.readdirSync(userDataDir, { recursive: true }).map((f) => path.join(userDataDir, String(f))).filter((f) => fs.statSync(f).isFile());
    return files.filter((f) => {
      const text = fs.readFileSync(f).toString('latin1');
      return forms.some((s) => text.includes(s));
    });
  };
  const logMentions = (pattern: RegExp): boolean => {
    const logs = path.join(userDataDir, 'logs');
    if (!fs.existsSync(logs)) return false;
    return fs.readdirSync(logs, { recursive: true }).map((f) => path.join(logs, String(f))).some((f) => f.endsWith('.log') && fs.statSync(f).isFile() && pattern.test(fs.readFileSync(f, 'utf8')));
  };

  /** The JWTs (service tokens) in `text` whose audience is `audience`. */
  const tokensFor = (text: string, audience: string): string[] =>
    [...text.matchAll(/eyJ[\w-]{8,}\.(eyJ[\w-]{8,})\.[\w-]{8,}/g)].filter((m) => {
      try {
        const aud = (JSON.parse(Buffer.from(m[1], 'base64url').toString('utf8')) as { aud?: string | string[] }).aud;
        return ([] as string[]).concat(aud ?? []).includes(audience);
      } catch {
        return false;
      }
    }).map((m) => m[0]);

  it('the proxy refuses a call without the key or token (401): the 200s below are the credentials the extension added', async () => {
    for (const name of [service, tokenService]) {
      const [pod] = await readyPods(kube.kubeConfig, namespace, name);
      assert.ok(pod, `a ready replica of ${name}`);
      const forward = await portForward(kube.kubeConfig, namespace, pod.metadata!.name!, PROXY_HTTP_PORT);
      try {
        const res = await fetch(`${forward.url}/score`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"data": [[1, 2, 3, 4]]}' });
        assert.equal(res.status, 401, `${name}: ${await res.text()}`);
      } finally {
        await forward.close();
      }
    }
  });

  it('right-click the service row → Send Test Request: 200 with the predictions, auth: key, and the key in no view or log', async () => {
    const page = wb.page;
    await showTargetsView(page);
    const context = kube.kubeConfig.getCurrentContext();
    const cluster = targetsRow(context);
    await cluster.waitFor({ timeout: 60_000 });
    await expandRow(cluster, `the cluster ${context}`);
    const row = targetsRow(service, /1\/1 ready/);
    await row.waitFor({ timeout: 120_000 });

    const tab = page.locator('.tabs-container .tab', { hasText: 'Test Request Result.log' });
    const editorText = page.locator('.editor-group-container.active .monaco-editor .view-lines');
    await runContextMenuItem(page, row, 'Send Test Request', tab, 180_000);
    // Monaco renders spaces as no-break spaces: \s in the patterns, and the read text normalized.
    await editorText.filter({ hasText: /200\s+in\s+\d+\s+ms/ }).waitFor({ timeout: 180_000 });
    const text = (await editorText.innerText()).replace(/\u00a0/g, ' ');
    // First, so that a leaked key is never printed by the assertions below (they show the view's text).
    for (const key of [keys.primary, keys.secondary]) assert.ok(!text.includes(key) && !text.includes(key.slice(0, 40)), 'the key is not in the result view');
    assert.match(text, /POST http:\/\/sklearn-iris\.e2e-call-key\.svc\.cluster\.local\/score/, text);
    assert.match(text, /via port-forward to pod sklearn-iris-.*; auth: key/, text);
    assert.match(text, /"predictions": \[\s*0,\s*2\s*\]/, text);
    const shot = await screenshot(page, 'e2e-deployed-test-request-key-auth');
    assert.ok(fs.statSync(shot).size > 10_000, 'the screenshot has content');

    // The extension's log has the call (so the log was written), and no file of the workbench holds the key.
    await until('the call in the extension log', async () => logMentions(new RegExp(`\\[call\\] test request to ${service}\\b.*: 200 in \\d+ ms`)), 60_000);
    for (const key of [keys.primary, keys.secondary]) assert.deepEqual(filesHolding(key), [], 'no workbench file holds a key');
  });

  it('right-click the token-auth service row → Send Test Request: 200 with the predictions, auth: token, and no token for it in the view or any workbench file', async () => {
    const page = wb.page;
    await showTargetsView(page);
    const context = kube.kubeConfig.getCurrentContext();
    const cluster = targetsRow(context);
    await cluster.waitFor({ timeout: 60_000 });
    if (!(await targetsRow(tokenService).isVisible())) await expandRow(cluster, `the cluster ${context}`);
    const row = targetsRow(tokenService, /1\/1 ready/);
    await row.waitFor({ timeout: 120_000 });

    // The one reused result view: this call's report is the one that says auth: token.
    const editorText = page.locator('.editor-group-container.active .monaco-editor .view-lines');
    const answered = editorText.filter({ hasText: /auth:\s+token/ });
    await runContextMenuItem(page, row, 'Send Test Request', answered, 180_000);
    await answered.filter({ hasText: /200\s+in\s+\d+\s+ms/ }).waitFor({ timeout: 180_000 });
    const text = (await editorText.innerText()).replace(/\u00a0/g, ' ');
    // First, so that a leaked token is never printed by the assertions below (they show the view's text).
    assert.doesNotMatch(text, /eyJ[\w-]{8,}\./, 'no token in the result view');
    assert.doesNotMatch(text, /Bearer\s+\S/, 'no bearer credential in the result view');
    assert.match(text, new RegExp(`POST http://${tokenService}\\.${namespace}\\.svc\\.cluster\\.local/score`), text);
    assert.match(text, new RegExp(`via port-forward to pod ${tokenService}-.*; auth: token`), text);
    assert.match(text, /"predictions": \[\s*0,\s*2\s*\]/, text);
    await screenshot(page, 'e2e-deployed-test-request-token-auth');

    await until('the token call in the extension log', async () => logMentions(new RegExp(`\\[call\\] test request to ${tokenService}\\b.*: 200 in \\d+ ms`)), 60_000);
    // The token is minted inside the extension and never shown, so the test looks for any token of this service's
    // audience (a JWT whose aud is it) in every file of the workbench's user data.
    const audience = serviceNames(tokenService, namespace).audience;
    // The search finds a real token of this audience (one minted here, never given to the workbench).
    const probe = await getToken(kube.kubeConfig, { serviceName: tokenService, namespace }, 600);
    registerTestSecret(probe.token);
    assert.deepEqual(tokensFor(`Authorization: Bearer ${probe.token}\n`, audience), [probe.token], 'the token search recognises a token of this audience');
    const files = fs.readdirSync(userDataDir, { recursive: true }).map((f) => path.join(userDataDir, String(f))).filter((f) => fs.statSync(f).isFile());
    const holding = files.filter((f) => tokensFor(fs.readFileSync(f).toString('latin1'), audience).length > 0);
    assert.deepEqual(holding, [], `no workbench file holds a token for ${audience}`);
  });
});
