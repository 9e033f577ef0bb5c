import assert from 'node:assert/strict';
import { ApiException } from '@kubernetes/client-node';
import { formatLogEvent } from '../../../src/kube/logs/format';
import { kubeErrorLine } from '../../../src/kube/status/errors';

describe('ops: CLI formatting of log events and errors', () => {
  it('sends log lines to stdout with the replica, and stream notices to stderr', () => {
    assert.deepEqual(formatLogEvent({ kind: 'line', replica: 'iris-1', time: '2026-01-01T00:00:00Z', text: 'scored' }), { stream: 'stdout', text: '[iris-1] scored' });
    assert.equal(formatLogEvent({ kind: 'retry', replica: 'iris-1', reason: 'socket hang up', delayMs: 200 }).stream, 'stderr');
    assert.match(formatLogEvent({ kind: 'replica', replica: 'iris-2', change: 'added' }).text, /^\[iris-2\] replica appeared/);
  });

  it('turns an ApiException into "HTTP code: message" on one line', () => {
    const body = JSON.stringify({ kind: 'Status', code: 403, message: 'pods is forbidden: User "x" cannot list resource "pods"' });
    const e = new ApiException(403, 'Unknown API Status Code!\nBody: ...\nHeaders: ...', body, {});
    assert.equal(kubeErrorLine(e), 'HTTP 403: pods is forbidden: User "x" cannot list resource "pods"');
    const refused = Object.assign(new Error('request to https://127.0.0.1:1/api failed, reason: connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    assert.equal(kubeErrorLine(refused), 'request to https://127.0.0.1:1/api failed, reason: connect ECONNREFUSED');
    assert.equal(kubeErrorLine(new Error('a\nb')), 'a');
  });
});
