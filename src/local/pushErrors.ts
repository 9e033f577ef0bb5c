// `docker push` failures in one line that says what to do. Docker's own output never holds credentials; it is
// quoted only for the cases we do not recognise.
import { registryHost } from '../core/imageRef';
import { LocalServiceError } from './localServiceError';

const acrName = (host: string): string | undefined => /^([a-z0-9]+)\.azurecr\.(io|cn|us)$/i.exec(host)?.[1];

/** What to run to log in to a registry. */
export function loginHint(registry: string): string {
  const host = registryHost(registry);
  const acr = acrName(host);
  return acr ? `run \`az acr login --name ${acr}\` or \`docker login ${host}\`` : `run \`docker login ${host}\``;
}

export function unreachableError(registry: string, reason: string): LocalServiceError {
  const host = registryHost(registry);
  return new LocalServiceError('registryUnreachable', `registry ${host} is unreachable (${reason}) — check the address and that the registry is running`);
}

/** The error for a failed `docker push` of an image to `registry`, from Docker's output. */
export function explainPushFailure(registry: string, output: string): LocalServiceError {
  const host = registryHost(registry);
  const out = output.trim();
  const last = out.split('\n').map((l) => l.trim()).filter(Boolean).at(-1) ?? 'no output';
  if (/unauthorized|authentication required|no basic auth credentials|401 Unauthorized/i.test(out)) {
    return new LocalServiceError('registryAuth', `docker push to ${host} was refused: authentication required — ${loginHint(registry)}`, { logTail: [last] });
  }
  if (/denied|403 Forbidden|insufficient_scope/i.test(out)) {
    return new LocalServiceError('registryAuth', `docker push to ${host} was refused: access denied (your login may not be allowed to push; on ACR that needs the AcrPush role) — ${loginHint(registry)}`, { logTail: [last] });
  }
  if (/connection refused/i.test(out)) return unreachableError(registry, 'connection refused');
  if (/no such host|server misbehaving|Temporary failure in name resolution/i.test(out)) return unreachableError(registry, 'unknown host');
  if (/i\/o timeout|context deadline exceeded|TLS handshake timeout|network is unreachable|no route to host/i.test(out)) return unreachableError(registry, 'no answer');
  if (/server gave HTTP response to HTTPS client/i.test(out)) {
    return new LocalServiceError('pushFailed', `docker push to ${host} failed: the registry speaks plain HTTP — add "${host}" to "insecure-registries" in the Docker daemon's daemon.json, or serve it over TLS`);
  }
  if (/x509|certificate/i.test(out)) {
    return new LocalServiceError('pushFailed', `docker push to ${host} failed: Docker does not trust the registry's certificate (${last})`);
  }
  return new LocalServiceError('pushFailed', `docker push to ${host} failed: ${last}`, { logTail: out.split('\n').slice(-25) });
}
