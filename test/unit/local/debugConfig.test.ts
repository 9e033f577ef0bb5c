import assert from 'node:assert/strict';
import { debugpyAttachConfiguration } from '../../../src/local/debugConfig';

describe('debugpy attach configuration', () => {
  it('attaches the Python Debugger to the service with container paths mapped to the workspace', () => {
    const c = debugpyAttachConfiguration('iris', { host: '127.0.0.1', port: 5679, localRoot: '/home/me/iris', remoteRoot: '/var/azureml-app/iris' });
    assert.deepEqual(c, {
      type: 'debugpy', request: 'attach', name: 'Attach to iris (local)', connect: { host: '127.0.0.1', port: 5679 },
      pathMappings: [{ localRoot: '/home/me/iris', remoteRoot: '/var/azureml-app/iris' }], justMyCode: true,
    });
  });
});
