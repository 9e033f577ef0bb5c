import assert from 'node:assert/strict';
import { attachEndpoint, BUILTIN_DEBUG_TYPE, debugpyAttachConfiguration } from '../../../src/local/debugConfig';

describe('debugpy attach configuration', () => {
  it('attaches the Python Debugger to the service with container paths mapped to the workspace', () => {
    const c = debugpyAttachConfiguration('iris', { host: '127.0.0.1', port: 5679, localRoot: '/home/me/iris', remoteRoot: '/var/azureml-app/iris' });
    assert.deepEqual(c, {
      type: 'debugpy', request: 'attach', name: 'Attach to iris (local)', connect: { host: '127.0.0.1', port: 5679 },
      pathMappings: [{ localRoot: '/home/me/iris', remoteRoot: '/var/azureml-app/iris' }], justMyCode: true,
    });
  });

  it('uses the extension\'s own debug type when asked, with the same attach fields', () => {
    const c = debugpyAttachConfiguration('iris', { host: '127.0.0.1', port: 5679, localRoot: '/a', remoteRoot: '/b' }, BUILTIN_DEBUG_TYPE);
    assert.equal(c.type, 'aksModel-python');
    assert.deepEqual(attachEndpoint(c), { host: '127.0.0.1', port: 5679 });
  });
});

describe('built-in debug type: the adapter endpoint of a configuration', () => {
  it('takes connect.host/port, or the older top-level host/port, defaulting the host to loopback', () => {
    assert.deepEqual(attachEndpoint({ request: 'attach', connect: { port: 5678 } }), { host: '127.0.0.1', port: 5678 });
    assert.deepEqual(attachEndpoint({ request: 'attach', host: 'localhost', port: 6000 }), { host: 'localhost', port: 6000 });
  });

  it('names the field that is wrong in a hand-written launch.json entry', () => {
    assert.throws(() => attachEndpoint({ request: 'launch', connect: { port: 5678 } }), /"request": "attach".*"launch"/);
    assert.throws(() => attachEndpoint({ request: 'attach' }), /"connect\.port".*undefined/);
    assert.throws(() => attachEndpoint({ request: 'attach', connect: { port: '5678' } }), /"connect\.port".*"5678"/);
    assert.throws(() => attachEndpoint({ request: 'attach', connect: { port: 70000 } }), /"connect\.port".*70000/);
    assert.throws(() => attachEndpoint({ request: 'attach', connect: { port: 5678, host: 3 } }), /"connect\.host".*3/);
  });
});
