// A throwaway self-signed certificate for 127.0.0.1, made at run time. Clients trust it through their own
// https.Agent (`ca`), never through NODE_TLS_REJECT_UNAUTHORIZED or another process-wide switch.
import https from 'node:https';
import { generate } from 'selfsigned';

export interface TestCert {
  cert: string;
  key: string;
}

export async function makeLocalhostCert(): Promise<TestCert> {
  const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notAfterDate: new Date(Date.now() + 24 * 3600_000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }, { type: 2, value: 'localhost' }] },
    ],
  });
  return { cert: pems.cert, key: pems.private };
}

/** The agent a client under test uses: it trusts exactly this certificate, nothing is switched off. */
export function trustingAgent(cert: TestCert): https.Agent {
  return new https.Agent({ ca: cert.cert, keepAlive: true });
}
