// One connection into a pod's port through the API server and the kubelet (the port-forward subresource, as
// `kubectl port-forward` uses it), as an in-process stream: no local port is opened, so no other process on this
// machine can use the tunnel while it is up.
import { Duplex, PassThrough, Writable } from 'node:stream';
import { PortForward, type KubeConfig } from '@kubernetes/client-node';

export interface PodTunnel {
  readonly socket: Duplex;
  /** What the kubelet said on the error channel (e.g. "connection refused" when nothing listens on the port). */
  errors(): string;
  close(): void;
}

/** Opens the tunnel; resolves once the API server accepted the port-forward upgrade. */
export async function openPodTunnel(kc: KubeConfig, namespace: string, pod: string, port: number): Promise<PodTunnel> {
  const toPod = new PassThrough();
  const fromPod = new PassThrough();
  let errorText = '';
  const errors = new Writable({
    write(chunk: Buffer, _enc, done) {
      errorText += chunk.toString('utf8');
      done();
    },
  });
  const ws = await new PortForward(kc, true).portForward(namespace, pod, [port], fromPod, errors, toPod);
  const socket = Duplex.from({ readable: fromPod, writable: toPod });
  const closeWs = () => (typeof ws === 'function' ? ws() : ws)?.close();
  const w = typeof ws === 'function' ? ws() : ws;
  // The kubelet closing the stream ends what we read, so an HTTP client waiting for the answer sees the end.
  w?.on?.('close', () => fromPod.end());
  return {
    socket,
    errors: () => errorText.trim(),
    close: () => {
      closeWs();
      socket.destroy();
    },
  };
}
