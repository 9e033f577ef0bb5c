#!/usr/bin/env node
// Downloads the public API specifications the tests read (Azure REST specs and examples, Gateway API CRDs,
// Kubernetes OpenAPI) at the commits pinned in sources.json, into ~/.cache/aks-model-deploy/specs (or the folder
// given as the first argument). Each file is checked against its pinned size and SHA-256. The files themselves are
// not part of this project; inside the team's workplace the tests read ../shared/specs instead.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const target = path.resolve(process.argv[2] ?? path.join(os.homedir(), '.cache/aks-model-deploy/specs'));
const sources = JSON.parse(fs.readFileSync(path.join(here, 'sources.json'), 'utf8'));
const sha256 = (buf) => crypto.createHash('sha256').update(buf).digest('hex');

let fetched = 0;
let kept = 0;
const failures = [];
for (const s of sources) {
  const dest = path.join(target, s.file);
  if (fs.existsSync(dest) && sha256(fs.readFileSync(dest)) === s.sha256) {
    kept++;
    continue;
  }
  const url = `https://raw.githubusercontent.com/${s.repository}/${s.commit}/${s.path}`;
  try {
    const res = await fetch(url);
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const body = Buffer.from(await res.arrayBuffer());
    if (body.length !== s.bytes || sha256(body) !== s.sha256) throw new Error(`got ${body.length} bytes, sha256 ${sha256(body).slice(0, 12)}…; pinned ${s.bytes} bytes, ${s.sha256.slice(0, 12)}…`);
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    fs.writeFileSync(dest, body);
    fetched++;
  } catch (e) {
    failures.push(`${s.file} from ${url}: ${e instanceof Error ? e.message : e}`);
  }
}
console.log(`specs in ${target}: ${fetched} downloaded, ${kept} already there, ${failures.length} failed`);
if (failures.length) {
  console.error(failures.join('\n'));
  process.exit(1);
}
